import csv
import io
from datetime import date

import time_machine
from django.template.loader import render_to_string
from django.test import TestCase

from meetings.models import Meeting
from obligations.models import (
    ClearanceExtension,
    ClearanceObligation,
    meeting_decisions_prefetches,
    state_obligations_prefetches,
)
from tests.utils import page_queries
from treaty.models import State

from .factories import ClearanceExtensionFactory, ClearanceObligationFactory, MeetingFactory, StockpileObligationFactory

TODAY = date(2026, 12, 2)


@time_machine.travel(TODAY)
class ObligationPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.meeting = MeetingFactory(number=9, start_date=date(2008, 11, 24), end_date=date(2008, 11, 28))
        cls.extended = ClearanceObligationFactory(state__name="Aland")
        ClearanceExtensionFactory(obligation=cls.extended, sequence=1, meeting=cls.meeting, meeting_inferred=True)
        cls.done = ClearanceObligationFactory(
            state__name="Borduria",
            completed_on=date(2005, 1, 1),
            completed_precision="year",
            completion_meeting=cls.meeting,
            completion_meeting_code="9MSP",
        )
        cls.stockpile = StockpileObligationFactory(
            state=cls.done.state, completed_on=date(2001, 9, 1), completed_precision="month"
        )

    def test_clearance_today(self):
        response = self.client.get("/obligations/clearance/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Aland")
        self.assertContains(response, "Deadline passed, no extension or completion recorded")
        self.assertContains(response, '<time datetime="2005">2005</time>', html=True)
        self.assertContains(response, "Completions over time")

    def test_clearance_on_a_day_shows_the_deadline_in_force_and_that_its_meeting_is_inferred(self):
        response = self.client.get("/obligations/clearance/", {"as_of": "2009-06-01"})
        rows = {row.iso3: row for row in response.context["rows"]}
        self.assertEqual(rows[self.extended.state.iso3].deadline.start, date(2014, 3, 1))
        self.assertContains(response, "(meeting inferred)")

    def test_any_day_from_the_opening_for_signature_answers(self):
        for day in ("1997-12-03", "1998-06-01", "1999-03-01", TODAY.isoformat()):
            with self.subTest(day=day):
                self.assertEqual(self.client.get("/obligations/clearance/", {"as_of": day}).status_code, 200)
                self.assertEqual(self.client.get("/obligations/stockpiles/", {"as_of": day}).status_code, 200)

    def test_bad_input_is_a_message_and_400(self):
        for query in (
            {"as_of": "1997-12-02"},
            {"as_of": "2027-01-01"},
            {"as_of": "soon"},
            {"standing": "x"},
            {"sort": "population"},
            {"region": "mars"},
        ):
            with self.subTest(query=query):
                response = self.client.get("/obligations/clearance/", query)
                self.assertEqual(response.status_code, 400)
                self.assertContains(response, "could not be shown", status_code=400)
                self.assertEqual(self.client.get("/obligations/stockpiles.csv", query).status_code, 400)

    def test_filter_and_sort(self):
        response = self.client.get("/obligations/clearance/", {"standing": "completed"})
        self.assertEqual([row.name for row in response.context["rows"]], ["Borduria"])
        response = self.client.get("/obligations/clearance/", {"sort": "-name"})
        self.assertEqual([row.name for row in response.context["rows"]], ["Borduria", "Aland"])
        response = self.client.get("/obligations/clearance/", {"q": self.extended.state.iso3.lower()})
        self.assertEqual([row.name for row in response.context["rows"]], ["Aland"])

    def test_csv_has_the_rows_of_the_page_with_dates_as_precise_as_known(self):
        response = self.client.get("/obligations/clearance.csv", {"as_of": "2009-06-01"})
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertIn("clearance-as-of-2009-06-01.csv", response["Content-Disposition"])
        rows = {row["name"]: row for row in csv.DictReader(io.StringIO(response.content.decode()))}
        self.assertEqual(rows["Aland"]["deadline_in_force"], "2014-03-01")
        self.assertEqual(rows["Aland"]["deadline_from_inferred_meeting"], "yes")
        self.assertEqual(rows["Borduria"]["completed_on"], "2005")
        stockpiles = self.client.get("/obligations/stockpiles.csv").content.decode()
        self.assertIn("2001-09", stockpiles)

    def test_the_meeting_that_heard_a_completion_is_linked_to_its_page(self):
        response = self.client.get("/obligations/clearance/")
        self.assertContains(response, '<a href="/meetings/9msp/">9MSP</a>', html=True)
        self.assertEqual(self.client.get("/meetings/9msp/").status_code, 200)

    def test_query_counts_are_pinned(self):
        # Clearance: obligations with States and meetings, extensions with meetings. Stockpiles: one.
        with page_queries(self, 2):
            self.client.get("/obligations/clearance/")
        with page_queries(self, 1):
            self.client.get("/obligations/stockpiles/")
        with page_queries(self, 2):
            self.client.get("/obligations/clearance.csv")
        with page_queries(self, 1):
            self.client.get("/obligations/stockpiles.csv")

    def test_query_counts_do_not_grow_with_the_data(self):
        for _ in range(10):
            ClearanceExtensionFactory(obligation=ClearanceObligationFactory(), meeting=self.meeting)
        with page_queries(self, 2):
            self.client.get("/obligations/clearance/?as_of=2010-01-01")

    def test_search_finds_the_pages(self):
        for words, title in (
            ("clearance", "Clearing mined areas"),
            ("deadline", "Clearing mined areas"),
            ("stockpile", "Destroying stockpiles"),
            ("Article 5", "Clearing mined areas"),
        ):
            with self.subTest(words=words):
                self.assertContains(self.client.get("/search/", {"q": words}), title)

    def test_in_the_sitemap_and_the_navigation(self):
        self.assertContains(self.client.get("/sitemap-pages.xml"), "/obligations/clearance/")
        self.assertContains(self.client.get("/"), 'href="/obligations/clearance/"')


class PartialTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.meeting = MeetingFactory(number=9, start_date=date(2008, 11, 24), end_date=date(2008, 11, 28))
        cls.obligation = ClearanceObligationFactory(state__name="Aland")
        ClearanceExtensionFactory(obligation=cls.obligation, sequence=1, meeting=cls.meeting, meeting_inferred=True)
        ClearanceExtensionFactory(obligation=cls.obligation, sequence=2, meeting=None, new_deadline=None)
        ClearanceObligation.objects.filter(pk=cls.obligation.pk).update(
            completion_meeting=cls.meeting, completed_on=date(2013, 1, 1), completed_precision="year"
        )

    def test_state_obligations(self):
        with self.assertNumQueries(4):
            state = State.objects.prefetch_related(*state_obligations_prefetches()).get(pk=self.obligation.state_id)
        with self.assertNumQueries(0):
            html = render_to_string("obligations/_state_obligations.html", {"state": state})
        self.assertIn("1 March 2009", html)  # original deadline
        self.assertIn("Extended to", html)
        self.assertIn("meeting inferred", html)
        self.assertIn("new deadline not known", html)
        self.assertIn("2013", html)
        self.assertIn("Not known: no stockpile record", html)
        self.assertIn("28 August 1999", html)  # Article 7: 180 days after 1 March 1999

    def test_meetings_are_linked_only_while_visitors_can_open_them(self):
        state = State.objects.prefetch_related(*state_obligations_prefetches()).get(pk=self.obligation.state_id)
        html = render_to_string("obligations/_state_obligations.html", {"state": state})
        self.assertEqual(html.count(f'href="{self.meeting.get_absolute_url()}"'), 2)  # an extension, the completion
        draft = MeetingFactory(number=10, status="draft")
        ClearanceExtension.objects.filter(obligation=self.obligation).update(meeting=draft, meeting_code=draft.code)
        ClearanceObligation.objects.filter(pk=self.obligation.pk).update(
            completion_meeting=draft, completed_on=None, completed_precision=""
        )
        state = State.objects.prefetch_related(*state_obligations_prefetches()).get(pk=self.obligation.state_id)
        html = render_to_string("obligations/_state_obligations.html", {"state": state})
        self.assertNotIn("/meetings/", html)
        self.assertIn("by 10MSP", html)
        self.assertIn("the outcome at 10MSP is not known", html)

    def test_an_undecided_request_links_its_meeting(self):
        ClearanceExtension.objects.filter(obligation=self.obligation, sequence=2).update(meeting=self.meeting)
        ClearanceObligation.objects.filter(pk=self.obligation.pk).update(completed_on=None, completed_precision="")
        state = State.objects.prefetch_related(*state_obligations_prefetches()).get(pk=self.obligation.state_id)
        with self.assertNumQueries(0):
            html = render_to_string("obligations/_state_obligations.html", {"state": state})
        self.assertIn(f'the outcome at <a href="{self.meeting.get_absolute_url()}">9MSP</a> is not known', html)

    def test_meeting_decisions(self):
        with self.assertNumQueries(3):
            meeting = Meeting.objects.prefetch_related(*meeting_decisions_prefetches()).get(pk=self.meeting.pk)
        with self.assertNumQueries(0):
            html = render_to_string("obligations/_meeting_decisions.html", {"meeting": meeting})
        self.assertIn("Aland", html)
        self.assertIn("inferred", html)
        self.assertIn(self.obligation.state.get_absolute_url(), html)

    def test_an_open_obligation_says_its_deadline_and_an_undecided_request(self):
        ClearanceObligation.objects.filter(pk=self.obligation.pk).update(completed_on=None, completed_precision="")
        state = State.objects.prefetch_related(*state_obligations_prefetches()).get(pk=self.obligation.state_id)
        html = render_to_string("obligations/_state_obligations.html", {"state": state})
        self.assertIn('deadline <time datetime="2014-03-01">1 March 2014</time>', html)
        self.assertIn("the outcome at a meeting not identified is not known", html)
