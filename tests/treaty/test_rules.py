"""The Convention's date rules, in Python and in SQL, on the edge days."""

from datetime import date

from django.test import SimpleTestCase, TestCase

from treaty import rules
from treaty.models import Instrument, State

from .factories import StateFactory


class AddMonthsTests(SimpleTestCase):
    def test_same_day_six_months_later(self):
        self.assertEqual(rules.add_months(date(2025, 7, 10), 6), date(2026, 1, 10))

    def test_end_of_month_is_clamped(self):
        self.assertEqual(rules.add_months(date(2025, 8, 31), 6), date(2026, 2, 28))
        self.assertEqual(rules.add_months(date(2027, 8, 31), 6), date(2028, 2, 29))


class EntryIntoForceRuleTests(SimpleTestCase):
    def test_first_day_of_the_sixth_month_after_the_month_of_deposit(self):
        self.assertEqual(rules.first_day_of_sixth_month_after(date(2017, 12, 13)), date(2018, 6, 1))  # Sri Lanka
        self.assertEqual(rules.first_day_of_sixth_month_after(date(2025, 6, 25)), date(2025, 12, 1))  # Tonga
        self.assertEqual(rules.first_day_of_sixth_month_after(date(1998, 9, 16)), date(1999, 3, 1))  # 40th

    def test_deposit_on_the_first_and_on_the_last_day_of_a_month(self):
        self.assertEqual(rules.first_day_of_sixth_month_after(date(2003, 5, 1)), date(2003, 11, 1))
        self.assertEqual(rules.first_day_of_sixth_month_after(date(2003, 5, 31)), date(2003, 11, 1))

    def test_a_state_is_bound_on_its_own_date_but_not_before_the_convention(self):
        self.assertEqual(rules.entry_into_force_for(date(1997, 12, 3)), date(1999, 3, 1))  # Canada
        self.assertEqual(rules.entry_into_force_for(date(1998, 9, 30)), date(1999, 3, 1))
        self.assertEqual(rules.entry_into_force_for(date(1998, 10, 1)), date(1999, 4, 1))
        self.assertIsNone(rules.entry_into_force_for(None))

    def test_withdrawal_spanning_a_year_end(self):
        self.assertEqual(rules.withdrawal_takes_effect(date(2025, 7, 10)), date(2026, 1, 10))  # Finland
        self.assertEqual(rules.withdrawal_takes_effect(date(2025, 6, 27)), date(2025, 12, 27))  # Baltic States


class DatabaseAgreesWithPythonTests(TestCase):
    """The generated columns compute exactly what the Python rules say, on every edge day."""

    EDGE_DAYS = [
        date(1998, 1, 31),
        date(1998, 9, 16),
        date(1999, 2, 28),
        date(2000, 2, 29),
        date(2003, 5, 1),
        date(2003, 5, 31),
        date(2011, 12, 31),
        date(2017, 12, 13),
        date(2024, 8, 29),
        date(2024, 8, 31),
        date(2025, 6, 30),
        date(2025, 7, 10),
        date(2025, 8, 31),
    ]

    def test_entry_into_force_and_withdrawal_dates(self):
        for day in self.EDGE_DAYS:
            StateFactory(
                instrument=Instrument.ACCESSION,
                deposited_on=day,
                withdrawal_notified_on=date(2025, 8, 31) if day < date(2025, 8, 31) else None,
            )
        for day in [date(2025, 2, 28), date(2025, 8, 30), date(2026, 12, 31), date(2027, 8, 31), date(2028, 3, 31)]:
            StateFactory(instrument=Instrument.ACCESSION, deposited_on=date(2020, 1, 1), withdrawal_notified_on=day)

        for state in State.objects.all():
            with self.subTest(deposited_on=state.deposited_on, notified_on=state.withdrawal_notified_on):
                self.assertEqual(state.own_entry_into_force, rules.first_day_of_sixth_month_after(state.deposited_on))
                self.assertEqual(state.entry_into_force, rules.entry_into_force_for(state.deposited_on))
                expected = state.withdrawal_notified_on and rules.withdrawal_takes_effect(state.withdrawal_notified_on)
                self.assertEqual(state.withdrawal_effective_on, expected)
