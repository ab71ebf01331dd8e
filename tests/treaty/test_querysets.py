"""Historical checks against the bundled data, and the Article 17 trigger on synthetic data."""

from datetime import date

import time_machine
from django.test import TestCase

from treaty import rules, seed
from treaty.models import Instrument, Region, State, Status
from treaty.views import ROW_FIELDS

from .factories import StateFactory


class BundledDataHistoryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        seed.load()

    def test_197_states_are_loaded(self):
        self.assertEqual(State.objects.count(), 197)

    def test_forty_instruments_by_16_september_1998(self):
        self.assertEqual(State.objects.filter(deposited_on__lte=date(1998, 9, 16)).count(), 40)
        self.assertEqual(State.objects.parties(as_of=date(1998, 9, 15)).count(), 38)

    def test_the_convention_date_is_the_one_article_17_1_gives_for_the_bundled_data(self):
        deposits = State.objects.filter(deposited_on__isnull=False).values_list("deposited_on", flat=True)
        self.assertEqual(rules.convention_enters_into_force(deposits), rules.CONVENTION_IN_FORCE_ON)
        self.assertEqual(rules.CONVENTION_IN_FORCE_ON, date(1999, 3, 1))

    def test_convention_entered_into_force_on_1_march_1999(self):
        burkina_faso = State.objects.get(iso3="BFA")  # the 40th deposit, 16 September 1998
        self.assertEqual(burkina_faso.entry_into_force, date(1999, 3, 1))
        self.assertEqual(State.objects.bound(as_of=date(1999, 2, 28)).count(), 0)

    def test_45_states_bound_on_1_march_1999(self):
        self.assertEqual(State.objects.bound(as_of=date(1999, 3, 1)).count(), 45)

    def test_early_depositors_are_bound_from_1_march_1999(self):
        canada = State.objects.get(iso3="CAN")
        self.assertEqual(canada.deposited_on, date(1997, 12, 3))
        self.assertEqual(canada.entry_into_force, date(1999, 3, 1))

    def test_162_states_parties_on_3_december_2017_and_164_after_29_december(self):
        self.assertEqual(State.objects.parties(as_of=date(2017, 12, 3)).count(), 162)
        self.assertEqual(State.objects.parties(as_of=date(2017, 12, 28)).count(), 163)
        self.assertEqual(State.objects.parties(as_of=date(2017, 12, 29)).count(), 164)

    def test_later_depositors_follow_article_17_2(self):
        dates = dict(State.objects.filter(iso3__in=["LKA", "TON"]).values_list("iso3", "entry_into_force"))
        self.assertEqual(dates, {"LKA": date(2018, 6, 1), "TON": date(2025, 12, 1)})

    def test_tonga_is_party_but_not_bound_before_1_december_2025(self):
        tonga = State.objects.with_status(as_of=date(2025, 11, 30)).get(iso3="TON")
        self.assertEqual(tonga.status, Status.DEPOSITED)
        tonga = State.objects.with_status(as_of=date(2025, 12, 1)).get(iso3="TON")
        self.assertEqual(tonga.status, Status.IN_FORCE)

    def test_finland_withdrawal_takes_effect_on_10_january_2026(self):
        finland = State.objects.get(iso3="FIN")
        self.assertEqual(finland.withdrawal_effective_on, date(2026, 1, 10))
        self.assertEqual(
            State.objects.with_status(as_of=date(2026, 1, 9)).get(iso3="FIN").status, "withdrawal-notified"
        )
        self.assertEqual(State.objects.with_status(as_of=date(2026, 1, 10)).get(iso3="FIN").status, "withdrawn")

    @time_machine.travel(date(2026, 11, 27))
    def test_today_161_states_parties_after_five_withdrawals(self):
        figures = State.objects.figures()
        self.assertEqual(figures["parties"], 161)
        self.assertEqual(figures["bound"], 161)
        self.assertEqual(figures["withdrawn"], 5)
        self.assertEqual(figures["signatories"], 0)
        self.assertEqual(figures["not_party"], 31)
        withdrawn = State.objects.with_status().filter(status=Status.WITHDRAWN).values_list("iso3", flat=True)
        self.assertEqual(sorted(withdrawn), ["EST", "FIN", "LTU", "LVA", "POL"])

    def test_status_in_sql_matches_status_on_in_python_for_every_state(self):
        for day in [date(1997, 12, 3), date(1999, 3, 1), date(2012, 6, 30), date(2025, 12, 27), date(2026, 11, 27)]:
            for state in State.objects.with_status(as_of=day):
                with self.subTest(day=day, state=state.iso3):
                    self.assertEqual(state.status, state.status_on(day))

    def test_figures_by_region_add_up(self):
        by_region = State.objects.figures_by_region(as_of=date(2017, 12, 3))
        self.assertEqual(set(by_region), set(Region.values))
        self.assertEqual(sum(row["parties"] for row in by_region.values()), 162)
        self.assertEqual(by_region[Region.AFRICA]["states"], 54)

    def test_figures_by_region_from_rows_equal_the_sql_aggregate(self):
        from treaty.models import figures_by_region_from_rows

        for day in [date(1999, 3, 1), date(2017, 12, 3), date(2026, 1, 9), date(2026, 11, 27)]:
            table = list(State.objects.for_membership_table(as_of=day).values_list(*ROW_FIELDS, named=True))
            with self.subTest(day=day):
                self.assertEqual(figures_by_region_from_rows(table), State.objects.figures_by_region(as_of=day))
                self.assertEqual(
                    figures_by_region_from_rows(State.objects.for_charts(as_of=day)),
                    State.objects.figures_by_region(as_of=day),
                )

    def test_search_by_name_and_codes(self):
        self.assertEqual([s.iso3 for s in State.objects.search("fra")], ["FRA"])  # code, not "Africa"
        self.assertIn("ZAF", [s.iso3 for s in State.objects.search("africa")])
        self.assertEqual([s.iso3 for s in State.objects.search("ie")][:1], ["IRL"])
        # By a name in any of the six languages, accents aside, or a former name (treaty.names)
        for text, iso3 in [("Francia", "FRA"), ("Франция", "FRA"), ("cote", "CIV"), ("Turkey", "TUR")]:
            with self.subTest(text=text):
                self.assertEqual([s.iso3 for s in State.objects.search(text)], [iso3])


class ArticleSeventeenTests(TestCase):
    """Article 17(1) as a rule over deposit dates, and each State's entry into force as its generated column."""

    def test_39_instruments_do_not_bring_it_into_force(self):
        self.assertIsNone(rules.convention_enters_into_force([date(1998, 2, 10)] * 38 + [date(1998, 5, 31)]))

    def test_40th_instrument_on_the_last_day_of_a_month(self):
        deposits = [date(1998, 2, 10)] * 39 + [date(1998, 5, 31)]
        self.assertEqual(rules.convention_enters_into_force(deposits), date(1998, 11, 1))

    def test_the_40th_in_date_order_counts_not_the_40th_recorded(self):
        deposits = [date(1998, 2, 10)] * 39 + [date(1998, 5, 31), date(1997, 12, 5)]  # an earlier 41st deposit
        self.assertEqual(rules.convention_enters_into_force(deposits), date(1998, 8, 1))

    def test_a_state_depositing_before_1999_is_bound_from_1_march_1999(self):
        early = StateFactory(ratified=True)  # deposited 1 June 1998
        self.assertEqual(early.entry_into_force, date(1999, 3, 1))
        self.assertEqual(State.objects.with_status(as_of=date(1999, 2, 28)).get(pk=early.pk).status, Status.DEPOSITED)
        self.assertEqual(State.objects.with_status(as_of=date(1999, 3, 1)).get(pk=early.pk).status, Status.IN_FORCE)

    def test_a_later_deposit_follows_article_17_2_and_the_month_shares_the_date(self):
        late = StateFactory(instrument=Instrument.ACCESSION, deposited_on=date(1998, 9, 30))
        first = StateFactory(instrument=Instrument.ACCESSION, deposited_on=date(2003, 5, 1))
        last = StateFactory(instrument=Instrument.ACCESSION, deposited_on=date(2003, 5, 31))
        later = StateFactory(instrument=Instrument.ACCESSION, deposited_on=date(2003, 6, 1))
        dates = dict(State.objects.values_list("pk", "entry_into_force"))
        self.assertEqual(
            dates,
            {
                late.pk: date(1999, 3, 1),
                first.pk: date(2003, 11, 1),
                last.pk: date(2003, 11, 1),
                later.pk: date(2003, 12, 1),
            },
        )

    def test_no_deposit_no_entry_into_force(self):
        self.assertIsNone(StateFactory(signed=True).entry_into_force)
        self.assertIsNone(State.objects.get().entry_into_force)

    def test_a_suspended_withdrawal_keeps_the_state_bound(self):
        state = StateFactory(withdrawn=True, withdrawal_suspended=True)
        self.assertEqual(
            State.objects.with_status(as_of=date(2030, 1, 1)).get(pk=state.pk).status, Status.WITHDRAWAL_NOTIFIED
        )
        self.assertIn(state, State.objects.bound(as_of=date(2030, 1, 1)))
