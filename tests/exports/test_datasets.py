"""What each dataset's file holds, in each format: parsed with csv, opened with openpyxl, loaded with json."""

from datetime import UTC, date, datetime

import time_machine
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import PublicationStatus
from core.spreadsheets import xlsx_unescape
from tests.timeline.factories import CategoryFactory, EraFactory, EventFactory, EventSourceFactory
from timeline.dates import Precision
from treaty import seed
from treaty.models import State, Status

from .utils import body, exporter, make_user, parse_csv, parse_json, parse_xlsx

TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
# Text that a spreadsheet would run as a formula, and text with characters that must survive exactly.
DANGEROUS = ['=HYPERLINK("https://evil.example")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rReturn"]
EXACT = "Türkiye — “quoted”, comma, \"double\"\nsecond line 🇨🇦 '=kept'"


class ExportTestCase(TestCase):
    def export(self, name, export_format, **query):
        self.client.force_login(self.exporter)
        response = self.client.get(reverse("exports:download", args=[name]), {"format": export_format, **query})
        self.assertEqual(response.status_code, 200, response.content if not response.streaming else "")
        return body(response)


@time_machine.travel(NOW, tick=False)
class StatesDatasetTests(ExportTestCase):
    @classmethod
    def setUpTestData(cls):
        seed.load()
        cls.exporter = exporter()

    def test_csv_has_a_bom_rfc_4180_quoting_and_the_public_columns_first(self):
        State.objects.filter(iso3="FRA").update(note=EXACT)
        data = self.export("states", "csv", as_of="2017-12-03", region="europe")
        self.assertIn(b"\r\n", data)
        rows = parse_csv(data)
        public_csv = self.client.get(reverse("treaty:state-list-csv"), {"as_of": "2017-12-03", "region": "europe"})
        public = parse_csv(b"\xef\xbb\xbf" + public_csv.content)  # the public file has no BOM
        self.assertEqual(list(rows[0])[:13], list(public[0]))
        self.assertEqual([{k: row[k] for k in public[0]} for row in rows], public)
        france = next(row for row in rows if row["iso3"] == "FRA")
        self.assertEqual(france["public_note"], EXACT)  # quoting keeps commas, quotes and the line break
        self.assertEqual(france["deposit_date"], "1998-07-23")
        self.assertEqual(france["entry_into_force"], "1999-03-01")
        self.assertEqual(france["status"], "in-force")
        self.assertEqual(france["status_as_of"], "2017-12-03")
        self.assertEqual(france["url"], "/states/fra/")

    def test_xlsx_has_typed_dates_a_bold_frozen_header_and_column_widths(self):
        sheet, header, rows = parse_xlsx(self.export("states", "xlsx"))
        self.assertEqual(len(rows), 197)
        self.assertEqual(header[:3], ["name", "iso2", "iso3"])
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertTrue(sheet["A1"].font.bold)
        self.assertEqual(sheet.column_dimensions["A"].width, 30)  # name
        self.assertGreaterEqual(sheet.column_dimensions["F"].width, 12)  # signature_date
        finland = next(row for row in rows if row["iso3"].value == "FIN")
        deposit = finland["deposit_date"]
        self.assertTrue(deposit.is_date)
        self.assertEqual(deposit.value, datetime(2012, 1, 9))
        self.assertEqual(deposit.number_format, "yyyy-mm-dd")
        self.assertEqual(finland["withdrawal_effective"].value, datetime(2026, 1, 10))
        self.assertEqual(finland["status"].value, "withdrawn")
        self.assertIs(finland["withdrawal_suspended"].value, False)
        not_signed = next(row for row in rows if row["iso3"].value == "USA")
        self.assertIsNone(not_signed["deposit_date"].value)

    def test_json_has_iso_dates_and_the_filters(self):
        State.objects.filter(iso3="FRA").update(note=EXACT)
        document = parse_json(self.export("states", "json", as_of="2017-12-03", q="fra"))
        self.assertEqual(document["dataset"], "states")
        self.assertEqual(document["filters"], {"as_of": "2017-12-03", "q": "fra"})
        (france,) = document["rows"]
        self.assertEqual(france["deposit_date"], "1998-07-23")
        self.assertEqual(france["signature_date"], "1997-12-03")
        self.assertIsNone(france["withdrawal_notified"])
        self.assertIs(france["withdrawal_suspended"], False)
        self.assertEqual(france["public_note"], EXACT)

    def test_as_of_reproduces_the_membership_of_that_day(self):
        for day, parties in [("2017-12-03", 162), ("2017-12-29", 164), ("2026-11-27", 161)]:
            with self.subTest(day=day):
                rows = parse_csv(self.export("states", "csv", as_of=day))
                self.assertEqual(len(rows), 197)
                self.assertEqual(sum(row["status"] in Status.parties() for row in rows), parties)
                self.assertEqual(len(parse_csv(self.export("states", "csv", as_of=day, status="parties"))), parties)
        _, _, rows = parse_xlsx(self.export("states", "xlsx", as_of="2017-12-03", status="parties"))
        self.assertEqual(len(rows), 162)
        document = parse_json(self.export("states", "json", as_of="2017-12-03", status="parties"))
        self.assertEqual(len(document["rows"]), 162)
        bound = parse_csv(self.export("states", "csv", as_of="1999-03-01", status="in-force"))
        self.assertEqual(len(bound), 45)

    def test_the_public_filters_apply(self):
        rows = parse_csv(self.export("states", "csv", status="withdrawn"))
        self.assertEqual(sorted(row["iso3"] for row in rows), ["EST", "FIN", "LTU", "LVA", "POL"])
        rows = parse_csv(self.export("states", "csv", instrument="accession", region="oceania", sort="-deposited"))
        self.assertTrue(rows)
        self.assertTrue(all(row["instrument"] == "accession" and row["region"] == "Oceania" for row in rows))
        deposits = [row["deposit_date"] for row in rows]
        self.assertEqual(deposits, sorted(deposits, reverse=True))

    def test_formula_injection_is_neutralised_in_csv_and_xlsx_but_json_keeps_the_text(self):
        states = list(State.objects.order_by("name")[: len(DANGEROUS)])
        for state, text in zip(states, DANGEROUS, strict=True):
            state.note = text
            state.save()
        codes = {state.iso3: text for state, text in zip(states, DANGEROUS, strict=True)}

        csv_rows = {row["iso3"]: row["public_note"] for row in parse_csv(self.export("states", "csv"))}
        _, _, xlsx_rows = parse_xlsx(self.export("states", "xlsx"))
        xlsx_notes = {row["iso3"].value: row["public_note"] for row in xlsx_rows}
        json_rows = {row["iso3"]: row["public_note"] for row in parse_json(self.export("states", "json"))["rows"]}
        for code, text in codes.items():
            with self.subTest(text=text):
                self.assertEqual(csv_rows[code], "'" + text)
                self.assertEqual(xlsx_unescape(xlsx_notes[code].value), "'" + text)  # a CR is written _x000D_
                self.assertEqual(xlsx_notes[code].data_type, "s")  # text, never a formula
                self.assertEqual(json_rows[code], text)


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


class TreatyHistoryDatasetTests(ExportTestCase):
    @classmethod
    def setUpTestData(cls):
        with time_machine.travel(datetime(2026, 1, 5, 10, 0, tzinfo=UTC), tick=False):
            seed.load()
        cls.exporter = exporter()
        cls.editor = make_user("editor", superuser=True)
        france = State.objects.get(iso3="FRA")
        with time_machine.travel(datetime(2026, 6, 1, 9, 30, tzinfo=UTC), tick=False):
            france.note = "=Checked"
            france._history_user = cls.editor
            france.save()
            france.sources.create(title="Depositary notification", url="https://treaties.un.org/fra")
        with time_machine.travel(datetime(2026, 9, 1, 9, 30, tzinfo=UTC), tick=False):
            finland = State.objects.get(iso3="FIN")
            finland.withdrawal_suspended = True
            finland._history_user = cls.editor
            finland.save()

    def test_one_row_per_changed_field_with_who_when_old_and_new(self):
        rows = parse_csv(self.export("treaty-history", "csv", **{"from": "2026-02-01"}))
        self.assertEqual(
            [
                tuple(row[key] for key in ("changed_by", "change", "record", "iso3", "field", "old", "new"))
                for row in rows
            ],
            [
                ("editor", "changed", "State", "FRA", "note", "", "'=Checked"),
                ("", "created", "source", "FRA", "title", "", "Depositary notification"),
                ("", "created", "source", "FRA", "url", "", "https://treaties.un.org/fra"),
                ("editor", "changed", "State", "FIN", "withdrawal_suspended", "no", "yes"),
            ],
        )
        self.assertEqual([row["changed_at"][:16] for row in rows], ["2026-06-01T09:30"] * 3 + ["2026-09-01T09:30"])
        self.assertEqual(rows[0]["field_label"], "public note")
        self.assertEqual(rows[0]["state"], "France")

    def test_the_seed_is_the_first_version_of_every_state(self):
        rows = parse_csv(self.export("treaty-history", "csv", to="2026-01-31", state="fra"))
        self.assertEqual({row["change"] for row in rows}, {"created"})
        self.assertEqual({row["changed_by"] for row in rows}, {""})
        fields = {row["field"]: row["new"] for row in rows}
        self.assertEqual(fields["deposited_on"], "1998-07-23")
        self.assertEqual(fields["signed_on"], "1997-12-03")
        self.assertNotIn("withdrawal_notified_on", fields)  # empty values are not reported at creation

    def test_date_range_and_state_filters(self):
        rows = parse_csv(self.export("treaty-history", "csv", **{"from": "2026-08-01", "to": "2026-09-01"}))
        self.assertEqual([row["iso3"] for row in rows], ["FIN"])
        rows = parse_csv(self.export("treaty-history", "csv", state="FIN", **{"from": "2026-02-01"}))
        self.assertEqual([row["field"] for row in rows], ["withdrawal_suspended"])
        self.assertEqual(parse_csv(self.export("treaty-history", "csv", to="2025-12-31")), [])

    def test_xlsx_and_json(self):
        _, _, rows = parse_xlsx(self.export("treaty-history", "xlsx", **{"from": "2026-09-01"}))
        (row,) = rows
        self.assertTrue(row["changed_at"].is_date)
        self.assertEqual(row["changed_at"].value, datetime(2026, 9, 1, 9, 30))
        self.assertEqual((row["old"].value, row["new"].value), ("no", "yes"))
        document = parse_json(self.export("treaty-history", "json", **{"from": "2026-06-01", "to": "2026-06-01"}))
        self.assertEqual(document["rows"][0]["changed_at"], "2026-06-01T09:30:00+00:00")
        self.assertEqual(document["rows"][0]["new"], "=Checked")
        self.assertEqual(len(document["rows"]), 3)


class QueryCountTests(ExportTestCase):
    """Each dataset's queries are fixed: they do not grow with the number of rows."""

    @classmethod
    def setUpTestData(cls):
        seed.load()
        cls.exporter = exporter()

    def queries(self, name):
        self.client.force_login(self.exporter)
        with CaptureQueriesContext(connection) as captured:
            self.export(name, "csv")
        return len(captured)

    def test_no_query_per_row(self):
        category = CategoryFactory(name="Conference", slug="conference")
        EventSourceFactory(event=EventFactory(category=category))
        counts = {name: self.queries(name) for name in ("states", "events", "treaty-history")}
        for number in range(20):
            event = EventFactory(title=f"More {number}", category=category)
            EventSourceFactory(event=event)
            event.related_states.set(State.objects.filter(iso3__in=["CAN", "FRA"]))
        for state in State.objects.filter(region="europe"):
            state.note = "Checked."
            state.save()
        for name, count in counts.items():
            with self.subTest(name=name):
                self.assertEqual(self.queries(name), count)


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


class InternalNoteTests(ExportTestCase):
    """Internal notes are for staff: in exports, clearly marked; never on the public site."""

    @classmethod
    def setUpTestData(cls):
        from tests.timeline.factories import EventFactory
        from treaty import seed

        cls.exporter = exporter()
        seed.load()
        State.objects.filter(iso3="UKR").update(internal_note="Ask the depositary about the June 2025 notice.")
        EventFactory(title="Noted", slug="noted", internal_note="Check the second source.")

    def test_exported_and_marked(self):
        states = {row["iso3"]: row for row in parse_csv(self.export("states", "csv"))}
        self.assertEqual(states["UKR"]["internal_note (staff only)"], "Ask the depositary about the June 2025 notice.")
        events = parse_csv(self.export("events", "csv"))
        self.assertEqual(events[0]["internal_note (staff only)"], "Check the second source.")

    def test_never_on_the_public_site(self):
        self.assertNotContains(self.client.get("/states/ukr/"), "Ask the depositary")
        self.assertNotContains(self.client.get("/timeline/noted/"), "Check the second source")
        self.assertNotContains(self.client.get("/states.csv"), "Ask the depositary")
