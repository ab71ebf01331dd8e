"""Helpers that keep rendering cheap: dates, escaping and the header written once, each checked against Django."""

from datetime import UTC, date, datetime, timedelta

from django.template import Context, Template
from django.utils.dateformat import format as django_format

from core.text import escape_text, long_date


def test_long_date_writes_what_django_date_filter_writes_for_every_day_of_a_leap_year_and_more():
    start = date(1999, 12, 25)
    for offset in range(380):
        day = start + timedelta(days=offset)
        assert long_date(day) == django_format(day, "j F Y")


def test_long_date_filter_handles_dates_moments_and_no_date():
    template = Template("{% load site_text %}[{{ day|long_date }}][{{ moment|long_date }}][{{ none|long_date }}]")
    rendered = template.render(
        Context({"day": date(1997, 12, 3), "moment": datetime(2017, 12, 3, 23, 30, tzinfo=UTC), "none": None})
    )
    assert rendered == "[3 December 1997][3 December 2017][]"


def test_escape_text_escapes_markup_and_quotes():
    expected = "Côte d&#x27;Ivoire &lt;b&gt;&quot;x&quot;&lt;/b&gt; &amp; co"
    assert escape_text('Côte d\'Ivoire <b>"x"</b> & co') == expected


def test_iso_day_writes_what_the_date_filter_writes(settings):
    settings.TIME_ZONE = "Pacific/Auckland"  # a moment late on 26 November in UTC is already the 27th there
    values = [date(2026, 11, 27), datetime(2026, 11, 26, 23, 30, tzinfo=UTC), datetime(2026, 11, 26, 23, 30), None]
    template = "{% load site_text %}{% for value in values %}[{{ value|VIEW }}]{% endfor %}"
    context = Context({"values": values})
    expected = Template(template.replace("VIEW", 'date:"Y-m-d"')).render(context)
    assert Template(template.replace("VIEW", "iso_day")).render(context) == expected
    assert expected == "[2026-11-27][2026-11-27][2026-11-26][]"


def test_the_header_is_rendered_once_per_section_but_afresh_under_runserver(settings):
    from core.templatetags import site_chrome

    template = Template("{% load site_chrome %}{% site_header %}")
    settings.DEBUG = False
    first = template.render(Context())
    hits = site_chrome._header.cache_info().hits
    assert template.render(Context()) == first
    assert site_chrome._header.cache_info().hits == hits + 1
    settings.DEBUG = True  # runserver reloads templates without restarting: never serve an old header
    assert template.render(Context()) == first
    assert site_chrome._header.cache_info().hits == hits + 1
    assert '<header class="site-header">' in first
