"""
The site's languages (settings.LANGUAGES): addresses in each, and the links between them.

English is at the root, each other language under its prefix (/fr/, /ar/, /zh-hans/). The language of a request
is the one its address names (core.middleware.UrlLanguageMiddleware), so the same page in another language is the
same view reversed with that language active (`alternates`).
"""

from typing import NamedTuple

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import NoReverseMatch, path, reverse
from django.utils import translation


def in_every_language(*urls):
    """
    `urls` in each language: at their own address for English, under /fr/, /ar/… for the others (Django's
    `i18n_patterns` without a prefix for the default language). Usable in an app's URLconf, beside routes that stay
    at the root only (robots.txt, the sitemap). Django's `include()` refuses `i18n_patterns` at the top of an included
    URLconf because LocaleMiddleware looks for them in the root URLconf only; we do not use LocaleMiddleware, and
    resolving and reversing work at any depth, so they are wrapped in one plain resolver.
    """
    return path("", (i18n_patterns(*urls, prefix_default_language=False), None, None))


class LanguageLink(NamedTuple):
    code: str  # Django's language code, which is also the page's `lang` and `hreflang`: "fr", "zh-hans"
    name: str  # in itself: "Français", "العربية"
    address: str  # the page in this language: a path, "/fr/states/"
    current: bool  # the language of the page
    rtl: bool  # written right to left (Arabic)


def alternates(request):
    """
    A `LanguageLink` for each language: the page `request` shows, in that language (its path, without the query
    string). A request that matched no view (a 404 for an unknown address, or an error page rendered without a
    request) links to the home page in each language. A page that exists in English only (the staff's exports) has
    none: [].
    """
    match = getattr(request, "resolver_match", None)
    here = translation.get_language()
    links = []
    for code, name in settings.LANGUAGES:
        with translation.override(code):
            try:
                address = reverse(match.view_name, args=match.args, kwargs=match.kwargs) if match else None
            except NoReverseMatch:
                address = None
            address = address or reverse("pages:home")
        links.append(LanguageLink(code, name, address, code == here, translation.get_language_info(code)["bidi"]))
    return links if len({link.address for link in links}) > 1 else []
