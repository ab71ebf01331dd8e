from datetime import date

from django.db.models import F
from django.test import TestCase

from obligations.models import ClearanceObligation, StockpileObligation, obligations_running
from tests.treaty.factories import StateFactory
from treaty import rules
from treaty import seed as treaty_seed
from treaty.models import Instrument, State


class RuleTests(TestCase):
    def test_article_4_is_four_years(self):
        self.assertEqual(rules.stockpile_destruction_deadline(date(1999, 3, 1)), date(2003, 3, 1))
        self.assertIsNone(rules.stockpile_destruction_deadline(None))

    def test_article_5_is_ten_years(self):
        self.assertEqual(rules.clearance_deadline(date(1999, 3, 1)), date(2009, 3, 1))
        self.assertEqual(rules.clearance_deadline(date(2011, 7, 9)), date(2021, 7, 9))

    def test_article_7_initial_report_within_180_days_then_30_april(self):
        self.assertEqual(rules.initial_report_deadline(date(1999, 3, 1)), date(1999, 8, 28))
        self.assertEqual(rules.first_annual_report_deadline(date(1999, 3, 1)), date(2000, 4, 30))
        self.assertEqual(rules.first_annual_report_deadline(date(2011, 7, 9)), date(2012, 4, 30))
        self.assertEqual(rules.annual_report_deadline(2026), date(2026, 4, 30))

    def test_obligations_end_when_a_withdrawal_takes_effect_unless_suspended(self):
        effective = date(2026, 2, 20)
        day_before = date(2026, 2, 19)
        self.assertFalse(
            rules.obligations_ended(withdrawal_effective_on=effective, withdrawal_suspended=False, day=day_before)
        )
        self.assertTrue(
            rules.obligations_ended(withdrawal_effective_on=effective, withdrawal_suspended=False, day=effective)
        )
        self.assertFalse(
            rules.obligations_ended(withdrawal_effective_on=effective, withdrawal_suspended=True, day=date(2030, 1, 1))
        )


class SqlAgreesWithPythonTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        StateFactory(ratified=True)
        StateFactory(acceded=True)
        StateFactory(instrument=Instrument.ACCESSION, deposited_on=date(2004, 8, 31))
        StateFactory(instrument=Instrument.ACCESSION, deposited_on=date(2012, 2, 29))

    def test_deadlines_in_sql_equal_the_python_ones(self):
        states = State.objects.filter(deposited_on__isnull=False).annotate(
            clearance_sql=rules.clearance_deadline_sql(F("entry_into_force")),
            stockpile_sql=rules.stockpile_destruction_deadline_sql(F("entry_into_force")),
        )
        self.assertEqual(len(states), 4)
        for state in states:
            self.assertEqual(state.clearance_sql, rules.clearance_deadline(state.entry_into_force), state)
            self.assertEqual(state.stockpile_sql, rules.stockpile_destruction_deadline(state.entry_into_force), state)


class BundledStatesTests(TestCase):
    """The rules on the real records: a successor State and a State that withdrew."""

    @classmethod
    def setUpTestData(cls):
        treaty_seed.load()

    def test_south_sudan_is_bound_from_its_succession(self):
        state = State.objects.get(iso3="SSD")
        self.assertEqual(state.deposited_on, date(2011, 11, 11))
        self.assertEqual(state.obligations_from, date(2011, 7, 9))
        self.assertIn("succession", state.obligations_rule)
        obligation = ClearanceObligation(state=state)
        self.assertEqual(obligation.original_deadline, date(2021, 7, 9))

    def test_other_states_are_bound_from_entry_into_force(self):
        state = State.objects.get(iso3="FRA")
        self.assertEqual(state.obligations_from, state.entry_into_force)
        self.assertIn("entry into force", state.obligations_rule)

    def test_poland_has_no_obligations_once_its_withdrawal_took_effect(self):
        poland = State.objects.get(iso3="POL")
        self.assertEqual(poland.withdrawal_effective_on, date(2026, 2, 20))
        self.assertTrue(obligations_running(poland, date(2026, 2, 19)))
        self.assertFalse(obligations_running(poland, date(2026, 2, 20)))
        StockpileObligation.objects.create(state=poland, status="completed")
        self.assertEqual(len(StockpileObligation.objects.standings(as_of=date(2026, 2, 19))), 1)
        self.assertEqual(StockpileObligation.objects.standings(as_of=date(2026, 2, 20)), [])

    def test_a_suspended_withdrawal_leaves_the_obligations_running(self):
        poland = State.objects.get(iso3="POL")
        poland.withdrawal_suspended = True
        self.assertTrue(obligations_running(poland, date(2030, 1, 1)))

    def test_no_obligations_before_they_begin(self):
        state = State.objects.get(iso3="SSD")
        self.assertFalse(obligations_running(state, date(2011, 7, 8)))
        self.assertTrue(obligations_running(state, date(2011, 7, 9)))
        self.assertFalse(obligations_running(State.objects.get(iso3="USA"), date(2026, 1, 1)))
