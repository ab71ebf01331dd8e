from django import template

from core.context_processors import static_url

register = template.Library()


@register.simple_tag
def asset(path):
    """`{% static path %}`, worked out once per process (see `static_url`): every page links to the same files."""
    return static_url(path)
