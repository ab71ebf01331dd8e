from django import template
from django.urls import NoReverseMatch

register = template.Library()


@register.filter
def page_url(obj):
    """
    `obj.get_absolute_url()`, or "" while the page it names is not routed: a related State is shown as a plain name
    until the treaty app serves State pages, and as a link from then on.
    """
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:
        return ""
