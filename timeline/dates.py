"""
Dates as precise as they are known, as the timeline stores them.

A date carries a precision: "3 December 1997" (day), "October 1996" (month) or "1991" (year). A month- or
year-precise date is stored as the first day of its month or year and is never shown as that made-up day: it is
written by `core.dates` (`Dates`, `format_range`, `format_period`), which takes the precision's value.
"""

from django.db import models
from django.utils.translation import pgettext_lazy


class Precision(models.TextChoices):
    DAY = "day", pgettext_lazy("date precision", "Day")
    MONTH = "month", pgettext_lazy("date precision", "Month")
    YEAR = "year", pgettext_lazy("date precision", "Year")


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
