"""
Every date the site writes, in one place: long ("3 December 1997"), short ("3 Dec 1997"), ISO ("1997-12-03"), the
`<time>` element that carries a date for machines, and dates as precise as they are known, alone or in ranges.
Templates use them as filters (`{% load site_dates %}`), or write a `Dates` value as it is.

A date may be known to the day ("3 December 1997"), the month ("October 1996") or the year ("1991"): its precision
is "day", "month" or "year" (`timeline.dates.Precision`'s values). Ranges say their shared parts once, with an en
dash: "3–4 December 1997", "29 November – 4 December 2009", "30 December 1997 – 2 January 1998",
"October 1996 – December 1997", "1991–1996". The dash is spaced when the first part has a space in it (the usual
typographic rule). A period still running is "1999 onward".

Month names come from Django's own date formatting (`django.utils.dateformat`), which writes them in the active
language: a change of language switches the locale, not this module. The order of the parts is the English one in
every language ("3 décembre 1997", but also "3 十二月 1997" where Chinese writes 1997年12月3日): not yet per locale.
"""

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from django.utils import dateformat, formats, timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext

LONG = "j F Y"  # 3 December 1997
SHORT = "j M Y"  # 3 Dec 1997
MONTH = "F Y"  # December 1997
MONTH_NAME = "F"  # December
DAY_MONTH = "j F"  # 3 December
YEAR = "Y"  # 1997
EN_DASH = "\N{EN DASH}"


def as_day(value):
    """The calendar day of a date, or of a moment in local time."""
    if isinstance(value, datetime):
        return (timezone.localtime(value) if timezone.is_aware(value) else value).date()
    return value


@lru_cache(maxsize=8192)
def _written(day, format_string, language):
    """A pure function of its arguments (a day, a format, a language and Django's locale files, which do not change
    while the process runs), so it is remembered: a page of the membership table writes some 600 dates."""
    if "j F" in format_string and "E" in formats.get_format("DATE_FORMAT", language):
        # A language whose own long date writes the month after a day in another form (Django's "E": Russian
        # "3 декабря 1997", not "3 Декабрь") gets that form there.
        format_string = format_string.replace("j F", "j E")
    return dateformat.format(day, format_string)


def written(value, format_string):
    """`value` (a date or a moment) written in Django's `format_string`, in the active language; "" for no date."""
    if not value:
        return ""
    return _written(as_day(value), format_string, translation.get_language())


def long_date(value):
    """ "3 December 1997"."""
    return written(value, LONG)


def short_date(value):
    """ "3 Dec 1997"."""
    return written(value, SHORT)


def iso_day(value):
    """ "1997-12-03" (a moment: its day in local time)."""
    return as_day(value).isoformat() if value else ""


def time_tag(value, style="long"):
    """`<time datetime="1997-12-03">3 December 1997</time>`; `style` "short" writes "3 Dec 1997"."""
    if not value:
        return ""
    return _time_tag(as_day(value), style, translation.get_language())


@lru_cache(maxsize=8192)
def _time_tag(day, style, language):
    """A pure function of its arguments, like `_written`, so remembered: the membership table writes some 600 of
    these on every render. What it returns is an immutable safe string."""
    text = short_date(day) if style == "short" else long_date(day)
    return format_html('<time datetime="{}">{}</time>', day.isoformat(), text)


def machine_readable(day, precision="day"):
    """The `datetime` attribute of a `<time>` element: "1997-12-03", "1996-10" or "1991"."""
    if precision == "year":
        return written(day, YEAR)
    if precision == "month":
        return written(day, "Y-m")
    return iso_day(day)


def format_date(day, precision="day"):
    """ "3 December 1997", "October 1996" or "1991"."""
    if precision == "year":
        return written(day, YEAR)
    if precision == "month":
        return written(day, MONTH)
    return long_date(day)


def range_parts(start, end, precision="day"):
    """
    The start and end of a range as they are written, shared parts said once with the end:
    ("3", "4 December 1997"), ("29 November", "4 December 2009"), ("October", "December 1997").
    A single date (no end, or an end that reads the same at this precision) is a one-item tuple.
    """
    whole_start = format_date(start, precision)
    if end is None or format_date(end, precision) == whole_start:
        return (whole_start,)
    whole_end = format_date(end, precision)
    if start.year != end.year or precision == "year":
        return (whole_start, whole_end)
    if precision == "month":
        return (written(start, MONTH_NAME), whole_end)
    if start.month == end.month:
        return (written(start, "j"), whole_end)
    return (written(start, DAY_MONTH), whole_end)


def separator(start_part):
    return f" {EN_DASH} " if " " in start_part else EN_DASH


def format_range(start, end=None, precision="day"):
    """Plain text: "3–4 December 1997", "30 December 1997 – 2 January 1998", "1991"."""
    parts = range_parts(start, end, precision)
    if len(parts) == 1:
        return parts[0]
    return f"{parts[0]}{separator(parts[0])}{parts[1]}"


def time_element(day, precision, text):
    """`<time datetime="1997-12">December 1997</time>`."""
    return format_html('<time datetime="{}">{}</time>', machine_readable(day, precision), text)


def format_range_html(start, end=None, precision="day"):
    """
    The same text marked up with one `<time>` element per date:
    `<time datetime="1997-12-03">3</time>–<time datetime="1997-12-04">4 December 1997</time>`.
    """
    parts = range_parts(start, end, precision)
    if len(parts) == 1:
        return time_element(start, precision, parts[0])
    first, second = time_element(start, precision, parts[0]), time_element(end, precision, parts[1])
    return format_html("{}{}{}", first, separator(parts[0]), second)


def format_period(start, end=None, precision="year"):
    """A span of time: "October 1996 – December 1997", "1991–1996", or "1999 onward" while it lasts."""
    if end is None:
        return gettext("%(date)s onward") % {"date": format_date(start, precision)}
    return format_range(start, end, precision)


def format_period_html(start, end=None, precision="year"):
    """`format_period` with `<time>` elements: `<time datetime="1999">1999</time> onward`."""
    if end is None:
        onward = gettext("%(date)s onward").replace("{", "{{").replace("}", "}}") % {"date": "{}"}
        return format_html(onward, time_element(start, precision, format_date(start, precision)))
    return format_range_html(start, end, precision)


@dataclass(frozen=True)
class Dates:
    """
    A date or a range of dates as precise as they are known, to be written. As a form or a field is in Django, it is
    its markup in a template (`{{ event.dates }}`: `str()` and `__html__` write `<time>` elements); `text` is the
    plain text ("3–4 December 1997"). `ongoing`: a period with no end yet runs on ("1999 onward") rather than being
    a single date.
    """

    start: date | None
    end: date | None = None
    precision: str = "day"
    ongoing: bool = False

    @property
    def text(self):
        if self.start is None:
            return ""
        write = format_period if self.ongoing else format_range
        return write(self.start, self.end, self.precision)

    def __str__(self):
        if self.start is None:
            return ""
        write = format_period_html if self.ongoing else format_range_html
        return write(self.start, self.end, self.precision)

    __html__ = __str__


__all__ = [
    "Dates",
    "format_date",
    "format_period",
    "format_period_html",
    "format_range",
    "format_range_html",
    "iso_day",
    "long_date",
    "machine_readable",
    "range_parts",
    "short_date",
    "time_element",
    "time_tag",
    "written",
]
