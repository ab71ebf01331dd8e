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
