"""
Names and numbers in the active language: `{{ state|state_name }}`, `{{ code|region_name:english }}` (core.locale),
`{{ count|number }}` ("1,234"; "1 234" in French) and `{{ share|percent }}` (a whole percentage: "82 %"; "82 %"
in French with its narrow space, "82%" in Chinese), from the CLDR through Babel.
"""

from django import template

from core import locale

register = template.Library()


@register.filter
def state_name(state):
    """`{{ state|state_name }}`: the State's name in the active language (anything with `iso2` and `name`)."""
    return locale.state_name(state)


@register.filter
def sub_region_name(english):
    """`{{ state.sub_region|sub_region_name }}`: a UN sub-region's name in the active language."""
    return locale.sub_region_name(english)


@register.filter
def region_name(code, english):
    """`{{ state.region|region_name:state.get_region_display }}`: a UN region's name in the active language."""
    return locale.region_name(code, english)


@register.filter
def number(value):
    """`{{ count|number }}`: a count or a measure written as the active language writes numbers."""
    return locale.number(value)


@register.filter
def percent(value):
    """`{{ share|percent }}`: a percentage (82 for 82 %) written as the active language writes them."""
    return locale.percent(value)
