"""
Addresses (`reverse()`) worked out once per process. Each `reverse()` costs some 60 µs; a page of fifty events
links to every event and its category, and every page's chrome to a dozen places. An address's shape depends only on
the URL name, the script prefix and the URLconf (what `reverse()` reads), so it is worked out once for each and the
arguments are filled in.
"""

import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

# Stands in for each argument while the shape is worked out: a valid slug that no address contains.
MARKER = "ottawa-argument-{}"


def address(name, **kwargs):
    """
    `reverse(name, kwargs=kwargs)` for addresses without arguments or whose arguments are slugs (letters, digits,
    hyphens and underscores, which `reverse()` writes unchanged).
    """
    shape = _shape(name, tuple(sorted(kwargs)), get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    return shape.format_map(kwargs) if kwargs else shape


@functools.cache
def _shape(name, keys, script_prefix, urlconf):
    """The address as a `str.format` template with a `{key}` field for each argument."""
    shape = reverse(name, kwargs={key: MARKER.format(index) for index, key in enumerate(keys)})
    shape = shape.replace("{", "{{").replace("}", "}}")
    for index, key in enumerate(keys):
        shape = shape.replace(MARKER.format(index), f"{{{key}}}")
    return shape
