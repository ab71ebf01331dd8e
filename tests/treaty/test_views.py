import csv
import io
import itertools
import string
from datetime import UTC, date, datetime

import time_machine
from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from tests.timeline.factories import CategoryFactory, EventFactory
from tests.utils import page_queries
from treaty import seed
from treaty.models import Instrument, SourceFact, State, StateSource

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

    def test_headline_figures_follow_the_filters(self):
        url = reverse("treaty:state-list")
        response = self.client.get(url, {"region": "europe"})

        europe = State.objects.filter(region="europe")
        self.assertEqual(response.context["figures"], State.objects.filter(region="europe").figures(as_of=TODAY))
        self.assertEqual(response.context["all_figures"]["states"], 197)
        parties = europe.parties(as_of=TODAY).count()
        self.assertContains(
            response, f'<span class="number">{parties}</span> <span class="label">States Parties</span>', html=True
        )
        self.assertContains(
            response,
            f"<p>These figures count the {europe.count()} States the table shows, of 197 States in all "
            "(161 States Parties). The map and the charts show every State.</p>",
            html=True,
        )
        self.assertContains(response, 'aria-label="Headline figures for the States in the table"')
        # the map still shows every State
        self.assertEqual(sum(count for *_, count in response.context["map_legend"]), 197)

    def test_figures_of_a_filtered_table_on_a_past_day(self):
        response = self.client.get(reverse("treaty:state-list"), {"status": "withdrawn", "as_of": "2017-12-03"})
        self.assertEqual(response.context["row_count"], 0)
        self.assertEqual(response.context["figures"]["states"], 0)
        self.assertContains(response, "These figures count the 0 States the table shows, of 197 States in all")
        self.assertContains(response, "(162 States Parties on 3 December 2017)")

    def test_figures_of_a_search(self):
        response = self.client.get(reverse("treaty:state-list"), {"q": "fin"})
        self.assertEqual(response.context["figures"]["states"], 1)
        self.assertEqual(response.context["figures"]["withdrawn"], 1)
        self.assertContains(response, '<span class="number">1</span> <span class="label">withdrawn</span>', html=True)
        self.assertContains(response, "These figures count the 1 State the table shows, of 197 States in all")

    def test_an_unfiltered_table_has_the_whole_conventions_figures_and_no_scope_line(self):
        response = self.client.get(reverse("treaty:state-list"), {"sort": "-deposited"})
        self.assertIs(response.context["figures"], response.context["all_figures"])
        self.assertNotContains(response, "These figures count")

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

    def test_the_filter_finds_states_by_their_name_in_the_page_language(self):
        with translation.override("fr"):
            address = reverse("treaty:state-list")
        response = self.client.get(address, {"q": "Cote d'Ivoire"})
        self.assertEqual([s.iso3 for s in response.context["states"]], ["CIV"])
        response = self.client.get(address, {"q": "Allemagne"})
        self.assertEqual([s.iso3 for s in response.context["states"]], ["DEU"])
        self.assertContains(response, '<a href="/fr/states/deu/">Allemagne</a>', html=True)

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
        # filtered: the figures count the table's rows, and "of N States in all" comes from the second query
        with page_queries(self, 2):
            response = self.client.get(url, {"as_of": "2017-12-03", "region": "europe"})
        self.assertEqual(response.context["all_figures"]["states"], 597)
        self.assertEqual(response.context["figures"]["states"], len(response.context["states"]))


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
        cls.category = CategoryFactory(name="Membership", slug="membership")

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
        # the State (with its clearance and stockpile records, if any), its sources (prefetched), the meetings it
        # hosted or presided and the timeline's published events that name it; France has no clearance record, so
        # no query for extensions
        with page_queries(self, 4):
            self.client.get(reverse("treaty:state-detail", args=["fra"]))
        france = State.objects.get(iso3="FRA")
        with self.captureOnCommitCallbacks(execute=True):  # committed: the page cache is renewed
            for n in range(20):
                EventFactory(title=f"French event {n}", category=self.category).related_states.add(france)
                StateSource.objects.create(
                    state=france, fact=SourceFact.DEPOSIT, title=f"Source {n}", url=f"https://example.org/{n}"
                )
        with page_queries(self, 4):
            response = self.client.get(reverse("treaty:state-detail", args=["fra"]))
        self.assertContains(response, "French event 19")


@time_machine.travel(TODAY)
class StateDetailSourcesAndEventsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        seed.load()
        cls.category = CategoryFactory(name="Membership", slug="membership")
        finland = State.objects.get(iso3="FIN")
        cls.accession = EventFactory(
            title="Finland accedes", slug="finland-accedes", date=date(2012, 1, 9), category=cls.category
        )
        cls.draft = EventFactory(title="A draft about Finland", draft=True, category=cls.category)
        cls.scheduled = EventFactory(
            title="A scheduled event about Finland",
            category=cls.category,
            publish_at=datetime(2027, 1, 1, tzinfo=UTC),
        )
        cls.elsewhere = EventFactory(title="An event about Norway", category=cls.category)
        for event in (cls.accession, cls.draft, cls.scheduled):
            event.related_states.add(finland)
        cls.elsewhere.related_states.add(State.objects.get(iso3="NOR"))

    def test_sources_are_grouped_by_the_date_they_support(self):
        response = self.client.get(reverse("treaty:state-detail", args=["fin"]))

        self.assertContains(response, '<h2 id="sources-heading">Sources of its dates</h2>', html=True)
        self.assertContains(
            response,
            "<h3>Deposit of its instrument: 9 January 2012</h3>",
            html=True,
        )
        self.assertContains(response, "<h3>Notice of withdrawal: 10 July 2025</h3>", html=True)
        groups = {group.fact: group.sources for group in response.context["source_groups"]}
        self.assertEqual(list(groups), [SourceFact.DEPOSIT, SourceFact.WITHDRAWAL])
        self.assertEqual(len(groups[SourceFact.DEPOSIT]), 4)
        self.assertEqual(len(groups[SourceFact.WITHDRAWAL]), 6)
        for source in groups[SourceFact.WITHDRAWAL]:
            self.assertContains(response, f'href="{source.url}"')
        self.assertNotContains(response, "Only one source is known")

    def test_a_date_with_only_one_source_says_so(self):
        response = self.client.get(reverse("treaty:state-detail", args=["can"]))
        # Canada: one source for its signature, four for its deposit
        self.assertContains(response, "Only one source is known for this date.", count=1)
        groups = {group.fact: group for group in response.context["source_groups"]}
        self.assertTrue(groups[SourceFact.SIGNATURE].single)
        self.assertFalse(groups[SourceFact.DEPOSIT].single)

    def test_a_date_with_no_source_yet_says_so(self):
        response = self.client.get(reverse("treaty:state-detail", args=["mne"]))
        self.assertContains(response, "No source for this date is listed here yet.")

    def test_an_editors_source_about_the_record_in_general(self):
        StateSource.objects.create(
            state=State.objects.get(iso3="MNE"), title="Monitor profile", url="https://example.org/mne"
        )
        response = self.client.get(reverse("treaty:state-detail", args=["mne"]))
        self.assertContains(response, "<h3>Other sources</h3>", html=True)
        self.assertContains(response, '<a href="https://example.org/mne" rel="noopener noreferrer">Monitor profile</a>')

    def test_published_timeline_events_that_name_the_state(self):
        response = self.client.get(reverse("treaty:state-detail", args=["fin"]))

        self.assertContains(response, '<h2 id="timeline-heading">On the timeline</h2>', html=True)
        self.assertContains(
            response,
            '<li><a href="/timeline/finland-accedes/">Finland accedes</a> '
            '<span class="muted"><time datetime="2012-01-09">9 January 2012</time></span></li>',
            html=True,
        )
        self.assertNotContains(response, "A draft about Finland")
        self.assertNotContains(response, "A scheduled event about Finland")
        self.assertNotContains(response, "An event about Norway")

    def test_no_timeline_section_without_events(self):
        response = self.client.get(reverse("treaty:state-detail", args=["ssd"]))
        self.assertNotContains(response, "On the timeline")

    def test_a_successor_state_says_which_rule_applies(self):
        response = self.client.get(reverse("treaty:state-detail", args=["ssd"]))

        self.assertContains(response, "A successor State: which date counts")
        self.assertContains(
            response,
            "<li><strong>Membership</strong> follows the deposit: South Sudan is counted as a State Party from "
            "11 November 2011 (nobody could count it before its notification), and its status on any day and its "
            "entry into force on this site follow that date.</li>",
            html=True,
        )
        self.assertContains(
            response,
            "<li><strong>Obligations</strong> follow the date of succession: South Sudan is treated as bound by the "
            "Convention from 9 July 2011, and the deadlines of its obligations run from that day.</li>",
            html=True,
        )
        self.assertContains(response, '<time datetime="2011-07-09">9 July 2011</time>', html=True)
        self.assertContains(response, "<h3>Deposit of its notification of succession: 11 November 2011</h3>", html=True)

    def test_a_successor_without_a_date_of_succession_follows_its_deposit(self):
        response = self.client.get(reverse("treaty:state-detail", args=["mne"]))
        self.assertNotContains(response, "which date counts")
        self.assertContains(response, "No date of succession is recorded for it here")

    def test_a_state_that_did_not_succeed_has_neither_text(self):
        response = self.client.get(reverse("treaty:state-detail", args=["fin"]))
        self.assertNotContains(response, "succession")
