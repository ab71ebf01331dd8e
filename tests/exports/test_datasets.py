"""Across datasets: fixed query counts, and internal notes that reach exports and never the public site."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.exports.utils import ExportTestCase, exporter, parse_csv
from tests.timeline.factories import CategoryFactory, EventFactory, EventSourceFactory
from treaty import seed
from treaty.models import State


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
