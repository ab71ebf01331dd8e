from django import template

from core import locale

register = template.Library()


@register.filter
def state_name(state):
    """`{{ state|state_name }}`: the State's name in the active language (anything with `iso2` and `name`)."""
    return locale.state_name(state)


@register.filter
def region_name(code, english):
    """`{{ state.region|region_name:state.get_region_display }}`: a UN region's name in the active language."""
    return locale.region_name(code, english)
