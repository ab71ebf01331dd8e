from django import template

from .. import figures

register = template.Library()


@register.simple_tag
def treaty_figure(name, as_of=None):
    """`{% treaty_figure "parties" %}`: a live count from the treaty data, as of today or of `as_of`."""
    return figures.figure(name, as_of=as_of)
