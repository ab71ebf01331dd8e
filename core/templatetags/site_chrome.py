import functools

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf

from core.addresses import address
from core.context_processors import current_section, navigation, static_url

register = template.Library()


@register.simple_tag
def asset(path):
    """`{% static path %}`, worked out once per process (see `static_url`): every page links to the same files."""
    return static_url(path)


@register.simple_tag(takes_context=True)
def site_header(context):
    """
    The site's header (templates/includes/header.html) with the current section marked. It is the same on every page
    of a section, so it is rendered once per process for each section (and script prefix and URLconf, which the
    addresses depend on), not on every page. Needs no context processor: error pages get it too.
    """
    render = _header.__wrapped__ if settings.DEBUG else _header  # runserver keeps its process when a template changes
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return render(current_section(context.get("request")), settings.SITE_NAME, get_script_prefix(), urlconf)


@functools.lru_cache(maxsize=64)
def _header(current, site_name, script_prefix, urlconf):
    return render_to_string(
        "includes/header.html",
        {
            "site_name": site_name,
            "home_url": address("pages:home"),
            "search_url": address("pages:search"),
            "navigation": navigation(current),
        },
    )
