"""System checks of the settings the site's design relies on (`manage.py check`, run before every test session)."""

from django.conf import settings
from django.core.checks import Error, register

PAGE_CACHE = "core.cache.PageCacheMiddleware"
# Layers a cached page must be answered above: they would act for a visitor (a session, a CSRF cookie, a sign-in)
# or would each add a header the cached page already carries.
BELOW_THE_PAGE_CACHE = (
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
)


@register()
def page_cache_middleware(app_configs, **kwargs):
    """`cached_page` views only mark their pages; PageCacheMiddleware serves and stores them."""
    middleware = list(settings.MIDDLEWARE)
    if PAGE_CACHE not in middleware:
        return [Error(f"{PAGE_CACHE} is not in MIDDLEWARE: no page would be cached.", id="ottawa.E001")]
    position = middleware.index(PAGE_CACHE)
    return [
        Error(f"{PAGE_CACHE} must come before {name} in MIDDLEWARE.", id="ottawa.E002")
        for name in BELOW_THE_PAGE_CACHE
        if name in middleware and middleware.index(name) < position
    ]
