"""
Whole-page caching for public pages, correct by construction.

A cached page is keyed by the *content version* and today's date:
- the content version is a random token, replaced whenever any record of ours is saved or deleted (see
  `core.apps`), and when the next scheduled publication time passes, so an editor's save is visible on the very
  next request and a scheduled item appears on time without a cron job;
- today's date rolls every key over at midnight, for figures "as of today".
Only visitors without a session cookie are served from (and stored into) the cache: staff, previews and the admin
always get a fresh render. Works with any Django cache backend (local memory by default, Redis in production).
"""

import hashlib
from functools import wraps
from uuid import uuid4

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.utils import timezone
from django.utils.cache import patch_cache_control, set_response_etag

VERSION_KEY = "ottawa:content-version"
PAGE_TIMEOUT = 60 * 60 * 24


def publication_schedules():
    """Every (model, status field, publish-at field) whose items may be scheduled: `Publishable` models, and
    models that declare other `publication_fields` (a State's public note)."""
    for model in apps.get_models():
        for status_field, publish_at_field in getattr(model, "publication_fields", ()):
            yield model, status_field, publish_at_field


def next_scheduled_publication(now):
    """The earliest future publish-at time among published items, or None: one UNION query over every schedule."""
    queries = [
        model._default_manager.filter(**{status_field: "published", f"{publish_at_field}__gt": now})
        .order_by()
        .annotate(at=F(publish_at_field))
        .values_list("at", flat=True)
        for model, status_field, publish_at_field in publication_schedules()
    ]
    if not queries:
        return None
    first, *others = queries
    return first.union(*others, all=True).order_by("at").first() if others else first.order_by("at").first()


def content_version():
    """The current content version token (renewed once a scheduled publication time has passed)."""
    now = timezone.now()
    state = cache.get(VERSION_KEY)
    if state is None or (state["until"] is not None and now >= state["until"]):
        state = {"token": uuid4().hex, "until": next_scheduled_publication(now)}
        cache.set(VERSION_KEY, state, None)
    return state["token"]


def invalidate(**kwargs):
    """Forget every cached page (a signal receiver: any save or delete of content or treaty records)."""
    cache.delete(VERSION_KEY)


def page_key(request):
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"ottawa:page:{content_version()}:{timezone.localdate().isoformat()}:{path}"


def cached_page(view):
    """Serve a public GET view from the cache for visitors without a session; store its successful responses."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return view(request, *args, **kwargs)
        key = page_key(request)
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code == 200 and not response.streaming and not response.has_header("Cache-Control"):
                patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
                set_response_etag(response)  # once, here, rather than hashing the page on every cache hit
                response["X-Ottawa-Cache"] = "miss"
                cache.set(key, response, PAGE_TIMEOUT)
            return response
        response["X-Ottawa-Cache"] = "hit"
        return response

    return wrapper
