from datetime import date

from django.test import SimpleTestCase

from timeline.dates import (
    Precision,
    format_date,
    format_period,
    format_period_html,
    format_range,
    format_range_html,
    machine_readable,
    normalise,
)


class FormatDateTests(SimpleTestCase):
    def test_each_precision_shows_only_what_is_known(self):
        self.assertEqual(format_date(date(1997, 12, 3), Precision.DAY), "3 December 1997")
        self.assertEqual(format_date(date(1996, 10, 1), Precision.MONTH), "October 1996")
        self.assertEqual(format_date(date(1991, 1, 1), Precision.YEAR), "1991")

    def test_machine_readable_forms_for_time_elements(self):
        self.assertEqual(machine_readable(date(1997, 12, 3), Precision.DAY), "1997-12-03")
        self.assertEqual(machine_readable(date(1996, 10, 1), Precision.MONTH), "1996-10")
        self.assertEqual(machine_readable(date(1991, 1, 1), Precision.YEAR), "1991")

    def test_normalise_stores_the_first_day_of_a_month_or_year(self):
        self.assertEqual(normalise(date(1996, 10, 17), Precision.MONTH), date(1996, 10, 1))
        self.assertEqual(normalise(date(1991, 11, 17), Precision.YEAR), date(1991, 1, 1))
        self.assertEqual(normalise(date(1997, 12, 3), Precision.DAY), date(1997, 12, 3))
        self.assertIsNone(normalise(None, Precision.DAY))


class FormatRangeTests(SimpleTestCase):
    def test_ranges_say_shared_parts_once(self):
        cases = [
            (date(1997, 12, 3), date(1997, 12, 4), Precision.DAY, "3–4 December 1997"),
            (date(1997, 9, 1), date(1997, 9, 18), Precision.DAY, "1–18 September 1997"),
            (date(2009, 11, 29), date(2009, 12, 4), Precision.DAY, "29 November – 4 December 2009"),
            (date(1997, 12, 30), date(1998, 1, 2), Precision.DAY, "30 December 1997 – 2 January 1998"),
            (date(1997, 10, 1), date(1997, 12, 1), Precision.MONTH, "October–December 1997"),
            (date(1996, 10, 1), date(1997, 12, 1), Precision.MONTH, "October 1996 – December 1997"),
            (date(1991, 1, 1), date(1996, 1, 1), Precision.YEAR, "1991–1996"),
        ]
        for start, end, precision, expected in cases:
            with self.subTest(expected):
                self.assertEqual(format_range(start, end, precision), expected)

    def test_the_dash_is_an_en_dash(self):
        self.assertIn("\u2013", format_range(date(1997, 12, 3), date(1997, 12, 4)))
        self.assertNotIn("-", format_range(date(1997, 12, 3), date(1997, 12, 4)))

    def test_a_single_date_or_an_end_that_reads_the_same_is_one_date(self):
        self.assertEqual(format_range(date(1997, 12, 3)), "3 December 1997")
        self.assertEqual(format_range(date(1997, 12, 3), date(1997, 12, 3)), "3 December 1997")
        self.assertEqual(format_range(date(1997, 1, 1), date(1997, 6, 1), Precision.YEAR), "1997")

    def test_html_marks_each_date_with_a_time_element(self):
        self.assertHTMLEqual(
            format_range_html(date(1997, 12, 3), date(1997, 12, 4)),
            '<time datetime="1997-12-03">3</time>–<time datetime="1997-12-04">4 December 1997</time>',
        )
        self.assertHTMLEqual(
            format_range_html(date(2009, 11, 29), date(2009, 12, 4)),
            '<time datetime="2009-11-29">29 November</time> – <time datetime="2009-12-04">4 December 2009</time>',
        )
        self.assertHTMLEqual(
            format_range_html(date(1996, 10, 1), None, Precision.MONTH),
            '<time datetime="1996-10">October 1996</time>',
        )
        self.assertHTMLEqual(
            format_range_html(date(1991, 1, 1), None, Precision.YEAR), '<time datetime="1991">1991</time>'
        )


class FormatPeriodTests(SimpleTestCase):
    def test_closed_and_open_periods(self):
        self.assertEqual(
            format_period(date(1996, 10, 1), date(1997, 12, 31), Precision.MONTH), "October 1996 – December 1997"
        )
        self.assertEqual(format_period(date(1991, 1, 1), date(1996, 9, 30), Precision.YEAR), "1991–1996")
        self.assertEqual(format_period(date(1999, 3, 2), None, Precision.YEAR), "1999 onward")
        self.assertHTMLEqual(
            format_period_html(date(1999, 3, 2), None, Precision.MONTH),
            '<time datetime="1999-03">March 1999</time> onward',
        )
