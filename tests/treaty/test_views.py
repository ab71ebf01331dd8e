import csv
import io
import itertools
import string
from datetime import date

import time_machine
from django.test import TestCase
from django.urls import reverse

from tests.utils import page_queries
from treaty import seed
from treaty.models import Instrument, State

from .factories import StateFactory

TODAY = date(2026, 11, 27)


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@time_machine.travel(TODAY)
class StateListTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        seed.load()

    def test_today_headline_figures(self):
        response = self.client.get(reverse("treaty:state-list"))

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "today, 27 November 2026")
        self.assertContains(
            response, '<span class="number">161</span> <span class="label">States Parties</span>', html=True
        )
        self.assertContains(response, '<span class="number">5</span> <span class="label">withdrawn</span>', html=True)
        self.assertContains(response, "<caption>197 States</caption>", html=True)

    def test_as_of_shows_the_table_as_it_stood(self):
        response = self.client.get(reverse("treaty:state-list"), {"as_of": "2017-12-03"})

        self.assertContains(response, "as it stood on <strong>3 December 2017</strong>")
        self.assertContains(
            response, '<span class="number">162</span> <span class="label">States Parties</span>', html=True
        )
        # Sri Lanka deposited ten days later: not party that day, and its later dates are not shown.
        row = next(s for s in response.context["states"] if s.iso3 == "LKA")
        self.assertEqual(row.status, "not-party")
        self.assertNotContains(response, "13 Dec 2017")

    def test_before_1_march_1999_the_convention_is_not_yet_in_force(self):
        response = self.client.get(reverse("treaty:state-list"), {"as_of": "1998-06-01"})
        self.assertContains(
            response, '<span class="number">0</span> <span class="label">bound (in force for them)</span>', html=True
        )
        self.assertContains(
            response,
            '<tr><th scope="row"><a href="/states/can/">Canada</a></th>'
            '<td><span class="status status-deposited">Party — not yet in force</span></td>'
            '<td><time datetime="1997-12-03">3 Dec 1997</time></td><td>Ratification</td>'
            '<td><time datetime="1997-12-03">3 Dec 1997</time></td>'
            '<td><time datetime="1999-03-01">1 Mar 1999</time></td><td></td></tr>',
            html=True,
        )
        self.assertContains(response, "Marked moments: none yet.")

    def test_a_withdrawal_in_a_row_as_it_stood(self):
        row = '<tr><th scope="row"><a href="/states/fin/">Finland</a></th>'
        response = self.client.get(reverse("treaty:state-list"), {"q": "FIN", "as_of": "2025-12-01"})
        self.assertContains(
            response,
            row + '<td><span class="status status-withdrawal-notified">Withdrawal notified</span></td><td></td>'
            '<td>Accession</td><td><time datetime="2012-01-09">9 Jan 2012</time></td>'
            '<td><time datetime="2012-07-01">1 Jul 2012</time></td>'
            '<td>notified <time datetime="2025-07-10">10 Jul 2025</time>; '
            'effective <time datetime="2026-01-10">10 Jan 2026</time></td></tr>',
            html=True,
        )
        response = self.client.get(reverse("treaty:state-list"), {"q": "FIN", "as_of": "2025-07-09"})
        self.assertNotContains(response, "notified <time")

    def test_filters_by_status_region_and_instrument(self):
        url = reverse("treaty:state-list")
        withdrawn = self.client.get(url, {"status": "withdrawn"}).context["states"]
        self.assertEqual(sorted(s.iso3 for s in withdrawn), ["EST", "FIN", "LTU", "LVA", "POL"])

        oceania_parties = self.client.get(url, {"status": "parties", "region": "oceania"}).context["states"]
        self.assertIn("TON", {s.iso3 for s in oceania_parties})
        self.assertTrue(all(s.region == "oceania" for s in oceania_parties))

        successions = self.client.get(url, {"instrument": "succession"}).context["states"]
        self.assertEqual(sorted(s.iso3 for s in successions), ["MNE", "SSD"])

    def test_sorting_by_deposit_date_descending_puts_the_latest_first(self):
        response = self.client.get(reverse("treaty:state-list"), {"sort": "-deposited"})
        self.assertEqual([s.iso3 for s in response.context["states"]][:2], ["TON", "MHL"])
        self.assertContains(response, 'aria-sort="descending"')

    def test_sort_headings_keep_the_filters_and_reverse_the_current_order(self):
        response = self.client.get(reverse("treaty:state-list"), {"region": "africa", "sort": "deposited"})
        self.assertContains(
            response,
            '<th scope="col" aria-sort="ascending">'
            '<a href="?region=africa&amp;sort=-deposited" rel="nofollow">Deposited</a></th>',
            html=True,
        )
        self.assertContains(
            response,
            '<th scope="col"><a href="?region=africa&amp;sort=status" rel="nofollow">Status</a></th>',
            html=True,
        )
        self.assertContains(response, '<th scope="col">Instrument</th>', html=True)
        # Without a sort in the address the table is sorted by name, and the sort is added after the filters.
        response = self.client.get(reverse("treaty:state-list"), {"q": "land"})
        self.assertContains(
            response,
            '<th scope="col" aria-sort="ascending"><a href="?q=land&amp;sort=-name" rel="nofollow">State</a></th>',
            html=True,
        )

    def test_unmatched_filters_say_so(self):
        response = self.client.get(reverse("treaty:state-list"), {"q": "Atlantis"})
        self.assertContains(response, "No State matches these filters.")

    def test_bad_input_gets_a_clear_message_and_400(self):
        cases = {
            "as_of=31-12-2017": "Give the date as YYYY-MM-DD",
            "as_of=1890-01-01": "Choose a date between 3 December 1997",
            "as_of=2999-01-01": "Choose a date between 3 December 1997",
            "region=<script>alert(1)</script>": "Unknown region",
            "status=party-animal": "Unknown status",
            "instrument=treaty": "Unknown instrument",
            "sort=evil": "Unknown sort order",
        }
        for query, message in cases.items():
            with self.subTest(query=query):
                response = self.client.get(reverse("treaty:state-list") + "?" + query)
                self.assertContains(response, message, status_code=400)
                self.assertNotContains(response, "<script>alert(1)", status_code=400)

    def test_query_count_is_fixed_and_does_not_grow_with_states(self):
        url = reverse("treaty:state-list")
        # the table, whose rows also feed the figures, the map and the charts
        with page_queries(self, 1):
            self.client.get(url, {"as_of": "2017-12-03"})
        # a filtered table, and every State for the figures, the map and the charts
        with page_queries(self, 2):
            self.client.get(url, {"as_of": "2017-12-03", "region": "africa"})
        taken = set(State.objects.values_list("iso2", flat=True))
        codes = (a + b for a, b in itertools.product(string.ascii_uppercase, repeat=2) if a + b not in taken)
        with self.captureOnCommitCallbacks(execute=True):  # committed: the page cache is renewed
            for code in itertools.islice(codes, 400):
                StateFactory(iso2=code, iso3="Q" + code, instrument=Instrument.ACCESSION, deposited_on=date(2010, 1, 4))
        with page_queries(self, 1):
            response = self.client.get(url, {"as_of": "2017-12-03"})
        self.assertEqual(len(response.context["states"]), 597)
        with page_queries(self, 2):
            response = self.client.get(url, {"as_of": "2017-12-03", "region": "europe"})
        self.assertEqual(response.context["figures"]["states"], 597)


@time_machine.travel(TODAY)
class StateCsvTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        seed.load()

    def test_csv_has_exactly_the_rows_of_the_page(self):
        query = {"as_of": "2017-12-03", "status": "parties", "region": "europe"}
        page = self.client.get(reverse("treaty:state-list"), query)
        response = self.client.get(reverse("treaty:state-list-csv"), query)

        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertIn('filename="states-as-of-2017-12-03.csv"', response["Content-Disposition"])
        rows = csv_rows(response)
        self.assertEqual([row["iso3"] for row in rows], [state.iso3 for state in page.context["states"]])
        france = next(row for row in rows if row["iso3"] == "FRA")
        self.assertEqual(france["signature_date"], "1997-12-03")
        self.assertEqual(france["signature_place"], "Ottawa")
        self.assertEqual(france["deposit_date"], "1998-07-23")
        self.assertEqual(france["entry_into_force"], "1999-03-01")
        self.assertEqual(france["status"], "in-force")

    def test_csv_of_everything_today(self):
        rows = csv_rows(self.client.get(reverse("treaty:state-list-csv")))
        self.assertEqual(len(rows), 197)
        finland = next(row for row in rows if row["iso3"] == "FIN")
        self.assertEqual(
            (finland["withdrawal_notified"], finland["withdrawal_effective"]), ("2025-07-10", "2026-01-10")
        )

    def test_bad_input_is_a_400_in_plain_text(self):
        response = self.client.get(reverse("treaty:state-list-csv"), {"as_of": "yesterday"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        self.assertIn("YYYY-MM-DD", response.content.decode())

    def test_cells_that_look_like_formulas_are_inert(self):
        StateFactory(name="=HYPERLINK(1)", iso3="QZZ", iso2="QZ")
        rows = csv_rows(self.client.get(reverse("treaty:state-list-csv"), {"q": "QZZ"}))
        self.assertEqual(rows[0]["name"], "'=HYPERLINK(1)")


@time_machine.travel(TODAY)
class StateDetailTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        seed.load()

    def test_the_story_in_plain_sentences(self):
        response = self.client.get(reverse("treaty:state-detail", args=["can"]))

        self.assertContains(response, "<h1>Canada</h1>", html=True)
        self.assertContains(response, "Signed in Ottawa on")
        self.assertContains(response, '<time datetime="1997-12-03">3 December 1997</time>', html=True, count=2)
        self.assertContains(response, "Ratified on")
        self.assertContains(response, "In force for Canada since")
        self.assertContains(response, "Ratified on the day the Convention opened for signature.")
        self.assertContains(response, "Party — in force")

    def test_a_withdrawn_state(self):
        response = self.client.get(reverse("treaty:state-detail", args=["fin"]))
        self.assertContains(response, "Acceded on")
        self.assertContains(response, "Withdrawal took effect on")
        self.assertContains(response, '<time datetime="2026-01-10">10 January 2026</time>', html=True)

    def test_a_suspended_withdrawal_says_so(self):
        State.objects.filter(iso3="UKR").update(withdrawal_notified_on=date(2025, 6, 30), withdrawal_suspended=True)
        response = self.client.get(reverse("treaty:state-detail", args=["ukr"]))
        self.assertContains(response, "the withdrawal is suspended")
        self.assertContains(response, "Article 20(3)")
        self.assertContains(response, "Withdrawal notified")

    def test_a_state_signed_at_un_headquarters(self):
        response = self.client.get(reverse("treaty:state-detail", args=["ken"]))
        self.assertContains(response, "Signed at United Nations Headquarters in New York on")

    def test_a_state_not_party(self):
        response = self.client.get(reverse("treaty:state-detail", args=["usa"]))
        self.assertContains(response, "has neither signed nor joined the Convention")
        self.assertContains(response, "Not party")

    def test_upper_case_code_redirects_and_unknown_code_is_404(self):
        self.assertRedirects(
            self.client.get("/states/FRA/"), "/states/fra/", status_code=301, fetch_redirect_response=False
        )
        self.assertEqual(self.client.get("/states/xyz/").status_code, 404)
        self.assertEqual(self.client.get("/states/fr4/").status_code, 404)

    def test_query_count_is_fixed(self):
        with page_queries(self, 2):
            self.client.get(reverse("treaty:state-detail", args=["fra"]))
