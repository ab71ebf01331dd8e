"""timeline.dates: how the timeline stores a date known to the day, the month or the year (writing it is
core.dates', tested in tests/core/test_dates.py)."""

from datetime import date

from django.test import SimpleTestCase

from timeline.dates import Precision, normalise


class NormaliseTests(SimpleTestCase):
    def test_normalise_stores_the_first_day_of_a_month_or_year(self):
        self.assertEqual(normalise(date(1996, 10, 17), Precision.MONTH), date(1996, 10, 1))
        self.assertEqual(normalise(date(1991, 11, 17), Precision.YEAR), date(1991, 1, 1))
        self.assertEqual(normalise(date(1997, 12, 3), Precision.DAY), date(1997, 12, 3))
        self.assertIsNone(normalise(None, Precision.DAY))

    def test_precisions_are_the_plain_strings_core_dates_takes(self):
        self.assertEqual([Precision.DAY, Precision.MONTH, Precision.YEAR], ["day", "month", "year"])
