"""
Every date the site writes, in one place: long ("3 December 1997"), short ("3 Dec 1997"), ISO ("1997-12-03") and
the `<time>` element that carries a date for machines. Templates use them as filters (`{% load site_dates %}`).

Month names come from Django's own date formatting (`django.utils.dateformat`), which writes them in the active
language: a change of language switches the locale, not this module.
"""

from datetime import datetime
from functools import lru_cache

from django.utils import dateformat, timezone, translation
from django.utils.html import format_html

LONG = "j F Y"  # 3 December 1997
SHORT = "j M Y"  # 3 Dec 1997
MONTH = "F Y"  # December 1997
MONTH_NAME = "F"  # December
DAY_MONTH = "j F"  # 3 December


def as_day(value):
    """The calendar day of a date, or of a moment in local time."""
    if isinstance(value, datetime):
        return (timezone.localtime(value) if timezone.is_aware(value) else value).date()
    return value


@lru_cache(maxsize=8192)
def _written(day, format_string, language):
    """A pure function of its arguments (a day, a format, a language and Django's locale files, which do not change
    while the process runs), so it is remembered: a page of the membership table writes some 600 dates."""
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
    text = short_date(value) if style == "short" else long_date(value)
    return format_html('<time datetime="{}">{}</time>', iso_day(value), text)


__all__ = ["iso_day", "long_date", "short_date", "time_tag", "written"]
