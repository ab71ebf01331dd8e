"""Importing timeline events from CSV or XLSX in the admin: preview, confirm, all or nothing, the round trip."""

import csv
import io
from datetime import UTC, date, datetime

import time_machine
from django.forms.models import model_to_dict
from django.test import TestCase
from django.urls import reverse

from tests.exports.utils import AdminImportMixin, body, import_url, make_user
from tests.treaty.factories import StateFactory
from timeline.dates import Precision
from timeline.models import Event

from .factories import CategoryFactory, EraFactory, EventFactory, EventSourceFactory

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
LATER = datetime(2026, 11, 27, 13, 0, tzinfo=UTC)
HEADER = ["id", "slug", "title", "date", "date_precision", "category", "summary", "status"]


def snapshot():
    events = Event.objects.prefetch_related("related_states", "also_in_eras")
    return {
        event.pk: {
            **model_to_dict(event, exclude=["related_states", "also_in_eras"]),
            "states": sorted(state.iso3 for state in event.related_states.all()),
            "eras": sorted(era.slug for era in event.also_in_eras.all()),
            "updated_at": event.updated_at,
        }
        for event in events
    }


def csv_file(header, rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


@time_machine.travel(NOW, tick=False)
class EventImportTests(AdminImportMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.importer = make_user("importer", superuser=True)
        cls.conference = CategoryFactory(name="Conference", slug="conference")
        CategoryFactory(name="Treaty action", slug="treaty-action")
        cls.era = EraFactory(title="Later", slug="later", start_date=date(1998, 1, 1), end_date=None)
        cls.canada = StateFactory(name="Canada", iso3="CAN", iso2="CA")
        StateFactory(name="Norway", iso3="NOR", iso2="NO")
        cls.signing = EventFactory(
            title="Signing conference",
            slug="signing-conference",
            date=date(1997, 12, 3),
            end_date=date(1997, 12, 4),
            body="Line one\r\nline two with =SUM(A1) and “quotes”\r\n",
            summary="-5 looks like a number, @ like a mention",
            featured=True,
        )
        cls.signing.related_states.set([cls.canada])
        cls.signing.also_in_eras.add(cls.era)
        EventSourceFactory(event=cls.signing)
        EventFactory(
            title="A draft", slug="a-draft", date=date(1996, 10, 1), date_precision=Precision.MONTH, draft=True
        )
        EventFactory(
            title="Scheduled", slug="scheduled", date=date(2026, 12, 3), publish_at=datetime(2026, 12, 3, 9, tzinfo=UTC)
        )

    def setUp(self):
        self.client.force_login(self.importer)

    def exported(self, export_format):
        return body(self.client.get(reverse("exports:download", args=["events"]), {"format": export_format}))

    def test_round_trip_changes_nothing(self):
        for export_format in ("csv", "xlsx"):
            with self.subTest(export_format=export_format):
                before, history = snapshot(), Event.history.count()
                preview = self.upload(Event, self.exported(export_format), f"events.{export_format}")
                self.assertEqual(
                    preview.context["preview_counts"], {"new": 0, "updated": 0, "unchanged": 3, "error": 0}
                )
                self.assertEqual(preview.context["preview_rows"], [])
                self.assertContains(preview, "Nothing in this file would change a record")
                self.confirm(Event, preview)
                self.assertEqual(snapshot(), before)
                self.assertEqual(Event.history.count(), history)

    def test_editing_one_cell_changes_that_field_and_the_history_says_who(self):
        rows = list(csv.reader(io.StringIO(self.exported("csv").decode("utf-8-sig"), newline="")))
        header, data = rows[0], rows[1:]
        signing = next(row for row in data if row[header.index("slug")] == "signing-conference")
        signing[header.index("title")] = "The Ottawa signing conference"
        before, history = snapshot(), Event.history.count()

        preview = self.upload(Event, csv_file(header, data), "events.csv")
        self.assertEqual(preview.context["preview_counts"], {"new": 0, "updated": 1, "unchanged": 2, "error": 0})
        (row,) = preview.context["preview_rows"]  # changes only: the two unchanged rows are counted, not listed
        self.assertEqual(row["outcome"], "updated")
        self.assertEqual(row["changes"], [("title", "Signing conference", "The Ottawa signing conference")])
        self.assertContains(preview, "(2 unchanged rows not listed)")
        self.assertNotContains(preview, '<tr class="import-unchanged">')
        with time_machine.travel(LATER, tick=False):  # so the history tells this version from the one before
            self.confirm(Event, preview)

        after = snapshot()
        self.assertEqual(after[self.signing.pk]["title"], "The Ottawa signing conference")
        before[self.signing.pk]["title"] = after[self.signing.pk]["title"]
        before[self.signing.pk]["title_en"] = after[self.signing.pk]["title_en"]  # the English column is the title
        before[self.signing.pk]["updated_at"] = after[self.signing.pk]["updated_at"]
        self.assertEqual(after, before)
        self.assertEqual(Event.history.count(), history + 1)
        record = Event.objects.get(pk=self.signing.pk).history.latest()
        self.assertEqual(record.history_user, self.importer)
        # The version before it (setUpTestData's versions share one frozen time, so prev_record cannot tell them apart).
        previous = Event.history.filter(id=self.signing.pk, history_id__lt=record.history_id).latest("history_id")
        changes = record.diff_against(previous).changes
        self.assertEqual([change.field for change in changes], ["title"])

    def test_rows_without_an_id_add_events_with_their_links(self):
        header = [*HEADER, "related_states", "also_in_eras", "featured", "publish_at", "body"]
        row = ["", "oslo", "Oslo conference", "1997-09-01", "day", "conference", "Drafting.", "draft"]
        preview = self.upload(
            Event, csv_file(header, [[*row, "can, nor", "later", "yes", "2027-01-01 10:00", "x"]]), "e.csv"
        )
        self.assertEqual(self.outcomes(preview), [("1 September 1997: Oslo conference", "new")])
        self.assertFalse(Event.objects.filter(slug="oslo").exists())
        self.confirm(Event, preview)

        oslo = Event.objects.get(slug="oslo")
        self.assertEqual(
            (oslo.title, oslo.date, oslo.category, oslo.status),
            ("Oslo conference", date(1997, 9, 1), self.conference, "draft"),
        )
        self.assertEqual(sorted(oslo.related_states.values_list("iso3", flat=True)), ["CAN", "NOR"])
        self.assertEqual([era.slug for era in oslo.also_in_eras.all()], ["later"])
        self.assertTrue(oslo.featured)
        self.assertEqual(oslo.publish_at, datetime(2027, 1, 1, 10, tzinfo=UTC))
        self.assertEqual({version.history_user for version in oslo.history.all()}, {self.importer})

    def test_every_error_in_plain_words(self):
        rows = [
            ["", "oslo", "Oslo", "1997-09-01", "day", "conference", "S.", "published"],
            ["", "oslo", "Oslo again", "1997-09-02", "day", "conference", "S.", "published"],
            ["", "signing-conference", "Copy", "1997-12-03", "day", "conference", "S.", "published"],
            ["", "brussels", "Brussels", "1997-06-24", "day", "summit", "S.", "published"],
            ["", "vienna", "Vienna", "24 June 1997", "day", "conference", "S.", "published"],
            ["999999", "ghost", "Ghost", "1997-06-24", "day", "conference", "S.", "published"],
            ["", "maputo", "Maputo", "1997-05-03", "week", "conference", "S.", "public"],
            ["", "feed", "Feed", "1997-05-03", "day", "conference", "S.", "published"],
        ]
        before = snapshot()
        preview = self.upload(Event, csv_file(HEADER, rows), "events.csv")
        errors = self.errors(preview)
        self.assertIsNone(preview.context.get("confirm_form"))
        self.assertEqual(errors[2], ["The slug 'oslo' is on more than one row (rows 2, 3): each event needs its own."])
        self.assertEqual(errors[3], errors[2])
        self.assertEqual(errors[4], ["slug: Another event already has the slug 'signing-conference'."])
        self.assertEqual(errors[5], ["category: No category has the slug 'summit'."])
        self.assertEqual(errors[6], ["date: Dates must be written YYYY-MM-DD (got '24 June 1997')."])
        self.assertEqual(errors[7], ["No event has the id 999999: leave the id empty to add a new event."])
        self.assertEqual(
            errors[8],
            [
                "date_precision: Unknown value 'week': write day, month, year.",
                "status: Unknown value 'public': write draft, published.",
            ],
        )
        self.assertEqual(errors[9], ["slug: “feed” is used by the timeline's own pages; choose another."])
        self.assertEqual(snapshot(), before)

    def test_unknown_states_and_eras_are_row_errors(self):
        header = [*HEADER, "related_states", "also_in_eras"]
        row = [
            str(self.signing.pk),
            "signing-conference",
            "Signing",
            "1997-12-03",
            "day",
            "conference",
            "S.",
            "published",
        ]
        preview = self.upload(Event, csv_file(header, [[*row, "CAN, XXX", "later, nowhere"]]), "events.csv")
        self.assertEqual(
            self.errors(preview)[2],
            ["related_states: No State has the ISO code 'XXX'.", "also_in_eras: No era has the slug 'nowhere'."],
        )

    def test_adding_events_by_import_needs_the_add_permission(self):
        editor = make_user("editor", permissions=["timeline.view_event", "timeline.change_event"])
        self.client.force_login(editor)
        self.assertEqual(self.client.get(import_url(Event)).status_code, 403)
        editor = make_user("author", permissions=["timeline.view_event", "timeline.change_event", "timeline.add_event"])
        self.client.force_login(editor)
        self.assertEqual(self.client.get(import_url(Event)).status_code, 200)
