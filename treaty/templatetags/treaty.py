from django import template

from core.locale import number

from .. import figures
from ..models import Instrument, Status

register = template.Library()


@register.simple_tag
def treaty_figure(name, as_of=None):
    """`{% treaty_figure "parties" %}`: a live count from the treaty data, as of today or of `as_of`, written as the
    active language writes numbers."""
    return number(figures.figure(name, as_of=as_of))


@register.filter
def status_label(value):
    """`{{ row.status|status_label }}`: "Party — in force" for "in-force" (rows read with `values_list`)."""
    return Status(value).label


@register.filter
def instrument_label(value):
    """`{{ row.instrument|instrument_label }}`: "Ratification" for "ratification"; "" for none."""
    return Instrument(value).label if value else ""
