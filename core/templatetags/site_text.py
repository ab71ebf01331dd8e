from datetime import datetime

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils import timezone

from core.text import long_date as write_long_date
from core.text import strip_bidi_controls

register = template.Library()


@register.filter
def without_bidi_controls(text):
    """Plain text with Unicode directional override characters removed (autoescaping still applies)."""
    return strip_bidi_controls(text)


@register.filter
def long_date(value):
    """ "3 December 1997", as `|date:"j F Y"` writes it, faster (see `core.text.long_date`); "" for no date."""
    if not value:
        return ""
    if isinstance(value, datetime):  # a moment: Django's filter converts it to local time first
        return date_filter(value, "j F Y")
    return write_long_date(value)


@register.filter
def iso_day(value):
    """ "2026-11-27", as `|date:"Y-m-d"` writes it (a moment in local time), faster: a sitemap writes a thousand."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = (timezone.localtime(value) if timezone.is_aware(value) else value).date()
    return value.isoformat()
