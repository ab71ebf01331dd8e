"""
Dates as precise as they are known, and date ranges as a reader writes them.

A date carries a precision: "3 December 1997" (day), "October 1996" (month) or "1991" (year). A month- or
year-precise date is stored as the first day of its month or year and is never shown as that made-up day.

Ranges say their shared parts once, with an en dash: "3–4 December 1997", "1–18 September 1997",
"29 November – 4 December 2009", "30 December 1997 – 2 January 1998", "October 1996 – December 1997",
"1991–1996". The dash is spaced when the first part has a space in it (the usual typographic rule).
"""

from html import escape

from django.db import models
from django.utils.safestring import mark_safe

from core.dates import MONTH_NAME, long_date, written

EN_DASH = "\N{EN DASH}"


class Precision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


def normalise(day, precision):
    """The stored form of a date: the first of its month (month precision) or of its year (year precision)."""
    if day is None:
        return None
    if precision == Precision.MONTH:
        return day.replace(day=1)
    if precision == Precision.YEAR:
        return day.replace(month=1, day=1)
    return day


class StartOf(models.Func):
    """
    SQL: the first day of the month or the year of a date, in each database's own date functions (not
    Django's SQLite helpers), so a CHECK constraint built on it holds for any client of the database.
    """

    output_field = models.DateField()
    arity = 1
    units = {"month": ("start of month", "month"), "year": ("start of year", "year")}

    def __init__(self, expression, *, unit):
        if unit not in self.units:
            raise ValueError(f"unit must be one of {sorted(self.units)}")
        self.unit = unit
        super().__init__(expression)

    def as_sqlite(self, compiler, connection, **extra_context):
        template = f"date(%(expressions)s, '{self.units[self.unit][0]}')"
        return self.as_sql(compiler, connection, template=template, **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        template = f"(date_trunc('{self.units[self.unit][1]}', (%(expressions)s)::timestamp))::date"
        return self.as_sql(compiler, connection, template=template, **extra_context)


def machine_readable(day, precision):
    """The `datetime` attribute of a `<time>` element: "1997-12-03", "1996-10" or "1991"."""
    if precision == Precision.YEAR:
        return f"{day.year:04d}"
    if precision == Precision.MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def format_date(day, precision=Precision.DAY):
    """ "3 December 1997", "October 1996" or "1991"."""
    if precision == Precision.YEAR:
        return str(day.year)
    if precision == Precision.MONTH:
        return written(day, "F Y")
    return long_date(day)


def range_parts(start, end, precision=Precision.DAY):
    """
    The start and end of a range as they are written, shared parts said once with the end:
    ("3", "4 December 1997"), ("29 November", "4 December 2009"), ("October", "December 1997").
    A single date (no end, or an end that reads the same at this precision) is a one-item tuple.
    """
    whole_start = format_date(start, precision)
    if end is None or format_date(end, precision) == whole_start:
        return (whole_start,)
    whole_end = format_date(end, precision)
    if start.year != end.year or precision == Precision.YEAR:
        return (whole_start, whole_end)
    if precision == Precision.MONTH:
        return (written(start, MONTH_NAME), whole_end)
    if start.month == end.month:
        return (str(start.day), whole_end)
    return (written(start, "j F"), whole_end)


def separator(start_part):
    return f" {EN_DASH} " if " " in start_part else EN_DASH


def format_range(start, end=None, precision=Precision.DAY):
    """Plain text: "3–4 December 1997", "30 December 1997 – 2 January 1998", "1991"."""
    parts = range_parts(start, end, precision)
    if len(parts) == 1:
        return parts[0]
    return f"{parts[0]}{separator(parts[0])}{parts[1]}"


def time_element(day, precision, text):
    """`<time datetime="1997-12">December 1997</time>`. Plain f-string and `html.escape`: `format_html` costs some
    forty microseconds a call, and a page of the timeline writes a hundred of these."""
    return f'<time datetime="{machine_readable(day, precision)}">{escape(text)}</time>'


def format_range_html(start, end=None, precision=Precision.DAY):
    """
    The same text marked up with one `<time>` element per date:
    `<time datetime="1997-12-03">3</time>–<time datetime="1997-12-04">4 December 1997</time>`.
    """
    parts = range_parts(start, end, precision)
    if len(parts) == 1:
        return mark_safe(time_element(start, precision, parts[0]))  # noqa: S308 - escaped in time_element
    first, second = time_element(start, precision, parts[0]), time_element(end, precision, parts[1])
    return mark_safe(f"{first}{separator(parts[0])}{second}")  # noqa: S308 - escaped in time_element


def format_period(start, end=None, precision=Precision.YEAR):
    """An era's span: "October 1996 – December 1997", "1991–1996", or "1999 onward" while it lasts."""
    if end is None:
        return f"{format_date(start, precision)} onward"
    return format_range(start, end, precision)


def format_period_html(start, end=None, precision=Precision.YEAR):
    if end is None:
        return mark_safe(f"{time_element(start, precision, format_date(start, precision))} onward")  # noqa: S308
    return format_range_html(start, end, precision)
