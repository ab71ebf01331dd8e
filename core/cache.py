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

import functools
import hashlib
import re
from datetime import UTC
from uuid import uuid4

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.dateparse import parse_datetime
from django.utils.http import quote_etag
from django.utils.text import compress_string

VERSION_KEY = "ottawa:content-version"
PAGE_TIMEOUT = 60 * 60 * 24


def publication_schedules():
    """Every (model, status field, publish-at field) whose items may be scheduled: `Publishable` models, and
    models that declare other `publication_fields` (a State's public note)."""
    for model in apps.get_models():
        for status_field, publish_at_field in getattr(model, "publication_fields", ()):
            yield model, status_field, publish_at_field


@functools.cache
def _next_publication_query():
    """
    (SQL, number of schedules) for `next_scheduled_publication`, written once per process from the models'
    metadata: through the ORM, building and compiling a UNION of every schedule cost a few milliseconds on each
    first request after a save.
    """
    quote = connection.ops.quote_name
    selects = []
    for model, status_field, publish_at_field in publication_schedules():
        status, publish_at = (quote(model._meta.get_field(name).column) for name in (status_field, publish_at_field))
        table = quote(model._meta.db_table)
        # Only quoted table and column names from the models go into the text; values are parameters.
        selects.append(f"SELECT {publish_at} AS at FROM {table} WHERE {status} = %s AND {publish_at} > %s")  # noqa: S608
    return f"SELECT MIN(at) FROM ({' UNION ALL '.join(selects)}) AS scheduled", len(selects)  # noqa: S608


def next_scheduled_publication(now):
    """The earliest future publish-at time among published items, or None: one query over every schedule."""
    sql, schedules = _next_publication_query()
    if not schedules:
        return None
    with connection.cursor() as cursor:
        cursor.execute(sql, ["published", connection.ops.adapt_datetimefield_value(now)] * schedules)
        (at,) = cursor.fetchone()
    if isinstance(at, str):  # SQLite gives its text form back
        at = parse_datetime(at)
    if at is not None and timezone.is_naive(at):  # SQLite again: stored in UTC, without the offset
        at = timezone.make_aware(at, UTC)
    return at


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
    """
    The content version, today's date and the page's whole address: scheme and host too, which canonical links and
    share tags carry when DJANGO_SITE_URL is not set. A page's bytes follow from these, so the key names them.
    """
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"ottawa:page:{content_version()}:{timezone.localdate().isoformat()}:{address}"


# Compressed copies: for the responses that are text, and worth it.
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
COMPRESSIBLE_TYPES = ("text/", "application/xml", "application/atom+xml", "application/json", "image/svg+xml")
MIN_COMPRESSED_BYTES = 1024
GZIP_SUFFIX = ":gzip"


def _etag(key):
    return quote_etag(hashlib.md5(key.encode(), usedforsecurity=False).hexdigest())


def _is_cacheable(response):
    return response.status_code == 200 and not response.streaming and not response.has_header("Cache-Control")


def _is_compressible(response):
    return (
        response.get("Content-Type", "").startswith(COMPRESSIBLE_TYPES)
        and len(response.content) >= MIN_COMPRESSED_BYTES
        and not response.has_header("Content-Encoding")
    )


def gzip_copy(response, key):
    """The response gzip-compressed, with its own ETag: made once per page and content version, then cached."""
    copy = HttpResponse(compress_string(response.content), status=response.status_code)
    for header, value in response.items():
        copy[header] = value
    copy["Content-Encoding"] = "gzip"
    copy["Content-Length"] = str(len(copy.content))
    copy["ETag"] = _etag(key + GZIP_SUFFIX)
    return copy


def cached_page(view):
    """
    Serve a public GET view from the cache for visitors without a session; store its successful responses. Browsers
    that accept gzip get a compressed copy (a page of 150 KiB travels as about 30 KiB), compressed on the first such
    request for each page and content version, then cached beside the plain one.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return view(request, *args, **kwargs)
        key = page_key(request)
        wants_gzip = ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        if wants_gzip and (compressed := cache.get(key + GZIP_SUFFIX)) is not None:
            compressed["X-Ottawa-Cache"] = "hit"
            return compressed
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if not _is_cacheable(response):
                return response
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
            patch_vary_headers(response, ["Accept-Encoding"])
            # The key determines the page, so it makes the ETag: no hashing of a 150 KiB page on each render.
            response["ETag"] = _etag(key)
            response["X-Ottawa-Cache"] = "miss"
            cache.set(key, response, PAGE_TIMEOUT)
        else:
            response["X-Ottawa-Cache"] = "hit"
        if wants_gzip and _is_compressible(response):
            response = gzip_copy(response, key)
            response["X-Ottawa-Cache"] = "miss"
            cache.set(key + GZIP_SUFFIX, response, PAGE_TIMEOUT)
        return response

    return wrapper
