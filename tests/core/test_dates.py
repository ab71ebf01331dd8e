"""core.dates: every date the site writes, in each language (English through Django's formats, the others CLDR's)."""

from datetime import UTC, date, datetime

from django.template import Context, Template
from django.test import SimpleTestCase
from django.utils import translation

from core import dates
from core.dates import (
    Dates,
    format_date,
    format_period,
    format_period_html,
    format_range,
    format_range_html,
    machine_readable,
)


def render(source, **context):
    return Template("{% load site_dates %}" + source).render(Context(context))


def test_long_and_short_dates_as_a_reader_writes_them():
    assert dates.long_date(date(1997, 12, 3)) == "3 December 1997"
    assert dates.short_date(date(1997, 9, 18)) == "18 Sep 1997"
    assert dates.short_date(date(1999, 5, 3)) == "3 May 1999"


def test_filters_handle_dates_moments_and_no_date():
    rendered = render(
        "[{{ day|long_date }}][{{ moment|long_date }}][{{ none|long_date }}][{{ none|time_tag }}]",
        day=date(1997, 12, 3),
        moment=datetime(2017, 12, 3, 23, 30, tzinfo=UTC),
        none=None,
    )
    assert rendered == "[3 December 1997][3 December 2017][][]"


def test_time_tag_carries_the_iso_day_for_machines():
    assert render("{{ day|time_tag }}", day=date(1997, 12, 3)) == '<time datetime="1997-12-03">3 December 1997</time>'
    assert (
        render('{{ day|time_tag:"short" }}', day=date(1997, 12, 3)) == '<time datetime="1997-12-03">3 Dec 1997</time>'
    )


def test_iso_day_writes_what_the_date_filter_writes(settings):
    settings.TIME_ZONE = "Pacific/Auckland"  # a moment late on 26 November in UTC is already the 27th there
    values = [date(2026, 11, 27), datetime(2026, 11, 26, 23, 30, tzinfo=UTC), datetime(2026, 11, 26, 23, 30), None]
    template = "{% for value in values %}[{{ value|VIEW }}]{% endfor %}"
    expected = render(template.replace("VIEW", 'date:"Y-m-d"'), values=values)
    assert render(template.replace("VIEW", "iso_day"), values=values) == expected
    assert expected == "[2026-11-27][2026-11-27][2026-11-26][]"


class FormatDateTests(SimpleTestCase):
    def test_each_precision_shows_only_what_is_known(self):
        self.assertEqual(format_date(date(1997, 12, 3), "day"), "3 December 1997")
        self.assertEqual(format_date(date(1996, 10, 1), "month"), "October 1996")
        self.assertEqual(format_date(date(1991, 1, 1), "year"), "1991")

    def test_machine_readable_forms_for_time_elements(self):
        self.assertEqual(machine_readable(date(1997, 12, 3), "day"), "1997-12-03")
        self.assertEqual(machine_readable(date(1996, 10, 1), "month"), "1996-10")
        self.assertEqual(machine_readable(date(1991, 1, 1), "year"), "1991")


class FormatRangeTests(SimpleTestCase):
    def test_ranges_say_shared_parts_once(self):
        cases = [
            (date(1997, 12, 3), date(1997, 12, 4), "day", "3–4 December 1997"),
            (date(1997, 9, 1), date(1997, 9, 18), "day", "1–18 September 1997"),
            (date(2009, 11, 29), date(2009, 12, 4), "day", "29 November – 4 December 2009"),
            (date(1997, 12, 30), date(1998, 1, 2), "day", "30 December 1997 – 2 January 1998"),
            (date(1997, 10, 1), date(1997, 12, 1), "month", "October–December 1997"),
            (date(1996, 10, 1), date(1997, 12, 1), "month", "October 1996 – December 1997"),
            (date(1991, 1, 1), date(1996, 1, 1), "year", "1991–1996"),
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
        self.assertEqual(format_range(date(1997, 1, 1), date(1997, 6, 1), "year"), "1997")

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
            format_range_html(date(1996, 10, 1), None, "month"),
            '<time datetime="1996-10">October 1996</time>',
        )
        self.assertHTMLEqual(format_range_html(date(1991, 1, 1), None, "year"), '<time datetime="1991">1991</time>')


class FormatPeriodTests(SimpleTestCase):
    def test_closed_and_open_periods(self):
        self.assertEqual(format_period(date(1996, 10, 1), date(1997, 12, 31), "month"), "October 1996 – December 1997")
        self.assertEqual(format_period(date(1991, 1, 1), date(1996, 9, 30), "year"), "1991–1996")
        self.assertEqual(format_period(date(1999, 3, 2), None, "year"), "1999 onward")
        self.assertHTMLEqual(
            format_period_html(date(1999, 3, 2), None, "month"),
            '<time datetime="1999-03">March 1999</time> onward',
        )


class DatesTests(SimpleTestCase):
    def test_a_template_writes_time_elements_and_text_is_plain(self):
        span = Dates(date(1997, 12, 3), date(1997, 12, 4))
        self.assertEqual(span.text, "3–4 December 1997")
        self.assertHTMLEqual(
            render("{{ span }}", span=span),
            '<time datetime="1997-12-03">3</time>–<time datetime="1997-12-04">4 December 1997</time>',
        )

    def test_an_ongoing_period_runs_on_and_a_missing_date_writes_nothing(self):
        period = Dates(date(1999, 3, 2), None, "year", ongoing=True)
        self.assertEqual(period.text, "1999 onward")
        self.assertHTMLEqual(render("{{ period }}", period=period), '<time datetime="1999">1999</time> onward')
        self.assertEqual(Dates(date(1999, 3, 2)).text, "2 March 1999")
        self.assertEqual(render("[{{ nothing }}]", nothing=Dates(None)), "[]")

    def test_text_is_escaped_in_time_elements(self):
        self.assertHTMLEqual(
            dates.time_element(date(1997, 12, 3), "day", "<b>3</b>"),
            '<time datetime="1997-12-03">&lt;b&gt;3&lt;/b&gt;</time>',
        )


class DatesInEachLanguageTests(SimpleTestCase):
    """Each language writes dates in its own order and words (the CLDR's, through Babel); English as it always did."""

    def written_in(self, language, write):
        with translation.override(language):
            return write()

    def test_long_short_month_and_year_follow_each_locale(self):
        # The spaces are the CLDR's: a narrow no-break space before Russian "г.", thin spaces around some dashes.
        day = date(1997, 12, 3)
        expected = {
            "en": ("3 December 1997", "3 Dec 1997", "December 1997", "1997"),
            "fr": ("3 décembre 1997", "3 déc. 1997", "décembre 1997", "1997"),
            "es": ("3 de diciembre de 1997", "3 dic 1997", "diciembre de 1997", "1997"),
            "ar": ("3 ديسمبر 1997", "3 ديسمبر 1997", "ديسمبر 1997", "1997"),
            "ru": ("3 декабря 1997\u202fг.", "3 дек. 1997\u202fг.", "декабрь 1997\u202fг.", "1997"),
            "zh-hans": ("1997年12月3日", "1997年12月3日", "1997年12月", "1997年"),
        }
        for language, (long, short, month, year) in expected.items():
            with self.subTest(language=language), translation.override(language):
                self.assertEqual(dates.long_date(day), long)
                self.assertEqual(dates.short_date(day), short)
                self.assertEqual(format_date(day, "month"), month)
                self.assertEqual(format_date(day, "year"), year)

    def test_ranges_follow_each_locale_and_say_shared_parts_once(self):
        same_month, two_months, two_years = (
            (date(1997, 12, 3), date(1997, 12, 4)),
            (date(2009, 11, 29), date(2009, 12, 4)),
            (date(1997, 12, 30), date(1998, 1, 2)),
        )
        expected = {
            "es": ("3–4 de diciembre de 1997", "29 de noviembre\u2009–\u20094 de diciembre de 2009"),
            "fr": ("3–4 décembre 1997", "29 novembre\u2009–\u20094 décembre 2009"),
            "ru": ("3–4 декабря 1997\u202fг.", "29 ноября – 4 декабря 2009\u202fг."),
            "zh-hans": ("1997年12月3日至4日", "2009年11月29日至12月4日"),
        }
        for language, (days, months) in expected.items():
            with self.subTest(language=language), translation.override(language):
                self.assertEqual(format_range(*same_month), days)
                self.assertEqual(format_range(*two_months), months)
        with translation.override("zh-hans"):
            self.assertEqual(format_range(*two_years), "1997年12月30日至1998年1月2日")
            self.assertEqual(format_range(date(1991, 1, 1), date(1996, 1, 1), "year"), "1991–1996年")
        with translation.override("es"):
            self.assertEqual(
                format_range(date(1996, 10, 1), date(1997, 12, 1), "month"),
                "octubre de 1996\u2009–\u2009diciembre de 1997",
            )

    def test_each_date_of_a_range_keeps_its_own_iso_time_element(self):
        with translation.override("zh-hans"):
            self.assertHTMLEqual(
                format_range_html(date(1997, 12, 3), date(1997, 12, 4)),
                '<time datetime="1997-12-03">1997年12月3日</time>至<time datetime="1997-12-04">4日</time>',
            )
        with translation.override("ru"):
            self.assertHTMLEqual(
                format_range_html(date(1997, 12, 30), date(1998, 1, 2)),
                '<time datetime="1997-12-30">30 декабря 1997\u202fг.</time> – '
                '<time datetime="1998-01-02">2 января 1998\u202fг.</time>',
            )
            self.assertEqual(machine_readable(date(1996, 10, 1), "month"), "1996-10")

    def test_the_memo_is_keyed_by_the_language(self):
        day = date(1998, 7, 23)
        self.assertEqual(self.written_in("fr", lambda: dates.long_date(day)), "23 juillet 1998")
        self.assertEqual(self.written_in("en", lambda: dates.long_date(day)), "23 July 1998")
        self.assertEqual(
            self.written_in("fr", lambda: dates.time_tag(day)), '<time datetime="1998-07-23">23 juillet 1998</time>'
        )
        self.assertEqual(
            self.written_in("en", lambda: dates.time_tag(day)), '<time datetime="1998-07-23">23 July 1998</time>'
        )


class NumbersInEachLanguageTests(SimpleTestCase):
    def test_numbers_and_percentages_as_each_language_writes_them(self):
        template = "{% load site_locale %}{{ count|number }}|{{ small|number }}|{{ share|percent }}|{{ text|number }}"
        context = {"count": 1234567, "small": 164, "share": 82, "text": "n/a"}
        expected = {
            "en": "1,234,567|164|82 %|n/a",
            "fr": "1\u202f234\u202f567|164|82\u00a0%|n/a",
            "es": "1.234.567|164|82\u00a0%|n/a",
            "ru": "1\u00a0234\u00a0567|164|82\u00a0%|n/a",
            "zh-hans": "1,234,567|164|82%|n/a",
        }
        for language, written in expected.items():
            with self.subTest(language=language), translation.override(language):
                self.assertEqual(Template(template).render(Context(context)), written)
