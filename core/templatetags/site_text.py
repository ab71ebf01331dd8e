from django import template

from core.text import strip_bidi_controls

register = template.Library()


@register.filter
def without_bidi_controls(text):
    """Plain text with Unicode directional override characters removed (autoescaping still applies)."""
    return strip_bidi_controls(text)
