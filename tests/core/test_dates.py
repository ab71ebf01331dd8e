"""core.dates: every date the site writes, through Django's own date formatting."""

from datetime import UTC, date, datetime

from django.template import Context, Template

from core import dates


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
