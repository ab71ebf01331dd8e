"""Date filters for templates, from `core.dates`: `{{ day|long_date }}`, `{{ day|short_date }}`, `{{ day|iso_day }}`,
`{{ day|time_tag }}` and `{{ day|time_tag:"short" }}`."""

from django import template

from core import dates

register = template.Library()

register.filter("long_date", dates.long_date)
register.filter("short_date", dates.short_date)
register.filter("iso_day", dates.iso_day)
register.filter("time_tag", dates.time_tag, is_safe=True)
