"""The timeline datasets (timeline.datasets) as staff export them: events, eras, categories, anniversaries."""

from datetime import UTC, date, datetime

import time_machine

from core.models import PublicationStatus
from tests.exports.utils import (
    EXACT,
    NOW,
    ExportTestCase,
    exporter,
    parse_csv,
    parse_json,
    parse_xlsx,
)
from tests.timeline.factories import CategoryFactory, EraFactory, EventFactory, EventSourceFactory
from timeline.dates import Precision
from treaty import seed
from treaty.models import State


@time_machine.travel(NOW, tick=False)
class EventsDatasetTests(ExportTestCase):
    @classmethod
    def setUpTestData(cls):
        seed.load()
        cls.exporter = exporter()
        cls.ottawa = EraFactory(title="The Ottawa Process", slug="ottawa-process", start_date=date(1996, 10, 1))
        cls.hidden_era = EraFactory(
            title="Later", slug="later", start_date=date(1998, 1, 1), end_date=None, status=PublicationStatus.DRAFT
        )
        conference = CategoryFactory(name="Conference", slug="conference")
        treaty_action = CategoryFactory(name="Treaty action", slug="treaty-action")
        cls.signing = EventFactory(
            title="Signing conference",
            slug="signing-conference",
            date=date(1997, 12, 3),
            end_date=date(1997, 12, 4),
            category=conference,
            summary=EXACT,
            body="=cmd|' /C calc'!A0",
            featured=True,
        )
        cls.signing.related_states.set(State.objects.filter(iso3__in=["CAN", "NOR"]))
        cls.signing.also_in_eras.add(cls.hidden_era)
        EventSourceFactory(event=cls.signing, title="UN Treaty Collection", url="https://treaties.un.org/x")
        EventSourceFactory(event=cls.signing, title="ICBL", url="https://icbl.org/y")
        cls.draft = EventFactory(
            title="Draft note", slug="draft-note", date=date(1996, 10, 1), date_precision=Precision.MONTH, draft=True
        )
        cls.scheduled = EventFactory(
            title="Scheduled",
            slug="scheduled",
            date=date(2026, 12, 3),
            category=treaty_action,
            publish_at=datetime(2026, 12, 3, 9, 0, tzinfo=UTC),
        )

    def test_csv_includes_drafts_and_scheduled_events_and_marks_them(self):
        rows = {row["slug"]: row for row in parse_csv(self.export("events", "csv"))}
        self.assertEqual(list(rows), ["draft-note", "signing-conference", "scheduled"])  # by date
        self.assertEqual(rows["draft-note"]["visibility"], "draft")
        self.assertEqual(rows["scheduled"]["visibility"], "scheduled")
        self.assertEqual(rows["scheduled"]["publish_at"], "2026-12-03T09:00:00+00:00")
        signing = rows["signing-conference"]
        self.assertEqual(signing["visibility"], "public")
        self.assertEqual(signing["id"], str(self.signing.pk))
        self.assertEqual((signing["date"], signing["end_date"]), ("1997-12-03", "1997-12-04"))
        self.assertEqual(signing["date_text"], "3–4 December 1997")
        self.assertEqual((signing["category"], signing["category_name"]), ("conference", "Conference"))
        self.assertEqual(signing["era"], "The Ottawa Process")
        self.assertEqual(signing["also_in_eras"], "later")
        self.assertEqual(signing["related_states"], "CAN, NOR")
        self.assertEqual(
            signing["sources"], "UN Treaty Collection <https://treaties.un.org/x>\nICBL <https://icbl.org/y>"
        )
        self.assertEqual(signing["featured"], "yes")
        self.assertEqual(signing["summary"], EXACT)
        self.assertEqual(signing["body"], "'=cmd|' /C calc'!A0")
        self.assertEqual(signing["url"], "/timeline/signing-conference/")
        self.assertEqual(rows["draft-note"]["date_precision"], "month")

    def test_xlsx_cells_are_typed(self):
        sheet, header, rows = parse_xlsx(self.export("events", "xlsx"))
        self.assertEqual(header[:3], ["id", "slug", "title"])
        self.assertEqual(sheet.freeze_panes, "A2")
        signing = next(row for row in rows if row["slug"].value == "signing-conference")
        self.assertTrue(signing["date"].is_date)
        self.assertEqual(signing["date"].value, datetime(1997, 12, 3))
        self.assertEqual(signing["id"].value, self.signing.pk)
        self.assertIs(signing["featured"].value, True)
        self.assertEqual(signing["body"].value, "'=cmd|' /C calc'!A0")
        scheduled = next(row for row in rows if row["slug"].value == "scheduled")
        self.assertEqual(scheduled["publish_at"].value, datetime(2026, 12, 3, 9, 0))  # UTC
        self.assertEqual(scheduled["publish_at"].number_format, "yyyy-mm-dd hh:mm:ss")

    def test_json_keeps_text_exactly(self):
        document = parse_json(self.export("events", "json"))
        signing = next(row for row in document["rows"] if row["slug"] == "signing-conference")
        self.assertEqual(signing["summary"], EXACT)
        self.assertEqual(signing["body"], "=cmd|' /C calc'!A0")
        self.assertEqual(signing["date"], "1997-12-03")
        self.assertIs(signing["featured"], True)
        self.assertIsNone(next(row for row in document["rows"] if row["slug"] == "draft-note")["end_date"])

    def test_the_timeline_filters_apply_and_draft_eras_can_be_chosen(self):
        def slugs(**query):
            return [row["slug"] for row in parse_csv(self.export("events", "csv", **query))]

        self.assertEqual(slugs(category="treaty-action"), ["scheduled"])
        self.assertEqual(slugs(era="ottawa-process"), ["draft-note", "signing-conference"])
        self.assertEqual(slugs(era="later"), ["signing-conference", "scheduled"])
        self.assertEqual(slugs(**{"from": "1997", "to": "2000"}), ["signing-conference"])


@time_machine.travel(NOW, tick=False)
class ErasAndCategoriesDatasetTests(ExportTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.exporter = exporter()
        EraFactory(title="The Ottawa Process", slug="ottawa-process", start_date=date(1996, 10, 1))
        EraFactory(title="Later", slug="later", start_date=date(1998, 1, 1), end_date=None, draft=True)
        conference = CategoryFactory(name="Conference", slug="conference", description="=Meetings")
        CategoryFactory(name="Campaign", slug="campaign")
        EventFactory(category=conference, title="One")
        EventFactory(category=conference, title="Two", draft=True)

    def test_eras_in_each_format(self):
        rows = parse_csv(self.export("eras", "csv"))
        self.assertEqual(
            [(row["slug"], row["visibility"]) for row in rows], [("ottawa-process", "public"), ("later", "draft")]
        )
        self.assertEqual(rows[0]["url"], "/ottawa-process/")
        self.assertEqual(rows[0]["period_text"], "October 1996 – December 1997")
        _, _, cells = parse_xlsx(self.export("eras", "xlsx"))
        self.assertTrue(cells[0]["start_date"].is_date)
        self.assertIsNone(cells[1]["end_date"].value)
        self.assertEqual(parse_json(self.export("eras", "json"))["rows"][1]["start_date"], "1998-01-01")

    def test_categories_in_each_format(self):
        rows = parse_csv(self.export("categories", "csv"))
        self.assertEqual([(row["slug"], row["events"]) for row in rows], [("campaign", "0"), ("conference", "2")])
        self.assertEqual(rows[1]["description"], "'=Meetings")
        _, _, cells = parse_xlsx(self.export("categories", "xlsx"))
        self.assertEqual(cells[1]["events"].value, 2)
        self.assertEqual(parse_json(self.export("categories", "json"))["rows"][1]["description"], "=Meetings")


class AnniversariesDatasetTests(ExportTestCase):
    @classmethod
    def setUpTestData(cls):
        from tests.timeline.factories import AnniversaryFactory

        cls.exporter = exporter()
        AnniversaryFactory(years=20, title="=Twenty years")
        AnniversaryFactory(years=30, draft=True)

    def test_anniversaries_in_each_format(self):
        rows = parse_csv(self.export("anniversaries", "csv"))
        self.assertEqual([(row["years"], row["visibility"]) for row in rows], [("20", "public"), ("30", "draft")])
        self.assertEqual(rows[0]["title"], "'=Twenty years")  # made inert in the spreadsheet
        self.assertEqual(rows[0]["url"], "/anniversaries/20/")
        self.assertEqual(rows[0]["date"], "2017-12-03")
        _, _, cells = parse_xlsx(self.export("anniversaries", "xlsx"))
        self.assertTrue(cells[0]["date"].is_date)
        self.assertEqual(parse_json(self.export("anniversaries", "json"))["rows"][0]["title"], "=Twenty years")
