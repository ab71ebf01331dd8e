"""
Whole-page caching for public pages, correct by construction on any number of processes and machines.

A cached page is keyed by the *content version* and today's date:
- the content version is a random token kept in one database row (`core.models.ContentVersion`), which every
  worker of every machine reads: one small query per cached-page request (`content_version`). It is replaced after
  the transaction of any change to our records commits (`content_changed`, connected to the save and delete signals
  of every app that calls `watch` from its `ready()`), and once more when the next scheduled publication time
  passes, by exactly one process (an UPDATE that only succeeds while the old token is still there);
- today's date rolls every key over at midnight, for figures "as of today".
Only visitors without a session cookie are served from (and stored into) the cache: staff, previews and the admin
always get a fresh render. Works with any Django cache backend (local memory by default, Redis in production).

The cache is an optimisation, never a dependency: when the cache backend fails, pages are rendered uncached, the
cache is left alone for a few seconds, and a warning is logged at most once a minute. When the database does not
answer, the last content version this process saw stays good for a short while, so cached pages keep being served.
"""

import functools
import hashlib
import logging
import re
import time
from datetime import UTC
from uuid import uuid4

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.dateparse import parse_datetime
from django.utils.http import quote_etag
from django.utils.text import compress_string

logger = logging.getLogger(__name__)

PAGE_TIMEOUT = 60 * 60 * 24
# Queries the freshness check makes on each cached-page request: one, on the ContentVersion row.
FRESHNESS_QUERIES = 1
VERSION_ROW = 1  # the primary key of the one ContentVersion row
# How long the last content version seen by this process stands in when the database does not answer.
VERSION_GRACE_SECONDS = 60
# After a cache failure, how long the cache is left alone before it is tried again; and how often a warning is logged.
CACHE_RETRY_SECONDS = 5
CACHE_WARNING_INTERVAL = 60


# --- Which records count -----------------------------------------------------------------------------------------


def watch(app_config):
    """
    Renew the content version after every committed save or delete of `app_config`'s records (and changes to their
    many-to-many links). Called from the `ready()` of each app whose records appear on public pages.
    """
    for model in app_config.get_models(include_auto_created=True):
        label = model._meta.label
        post_save.connect(_record_changed, sender=model, dispatch_uid=f"ottawa-content-save-{label}")
        post_delete.connect(_record_changed, sender=model, dispatch_uid=f"ottawa-content-delete-{label}")
        m2m_changed.connect(_record_changed, sender=model, dispatch_uid=f"ottawa-content-m2m-{label}")


def _record_changed(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    content_changed(using=using)


def content_changed(*, using=DEFAULT_DB_ALIAS):
    """
    Renew the content version once the current transaction on `using` commits (at once outside a transaction).
    For writes that send no signals: `bulk_create`, `update()`, raw SQL. Many changes in one transaction renew it
    once.
    """
    connection = connections[using]
    batch = getattr(connection, "_ottawa_renewal", None)
    if batch is None or batch.done:
        batch = connection._ottawa_renewal = _Renewal(using)
    # Every change registers the same renewal: it runs once, after the commit, however many rows changed (a seed, an
    # import with a savepoint per row). Callbacks of a rolled-back transaction are dropped; the next one's renew.
    transaction.on_commit(batch, using=using)


class _Renewal:
    """One renewal of the content version waiting for a commit (`content_changed`): the first call does it."""

    def __init__(self, using):
        self.using = using
        self.done = False

    def __call__(self):
        if not self.done:
            self.done = True
            _renew(self.using)


def _renew(using):
    now = timezone.now()
    token = uuid4().hex
    try:
        values = {"token": token, "next_publication": next_scheduled_publication(now, using=using), "changed_at": now}
        if not _versions(using).filter(pk=VERSION_ROW).update(**values):
            _versions(using).get_or_create(pk=VERSION_ROW, defaults=values)
    except DatabaseError:
        # The change itself is committed; the pages cached before it stay until the next change or rollover.
        logger.exception("The content version could not be renewed after a change")
        return
    _remember(using, token)


# --- Scheduled publications --------------------------------------------------------------------------------------


def publication_schedules():
    """Every (model, status field, publish-at field) whose items may be scheduled: `Publishable` models, and
    models that declare other `publication_fields` (a State's public note)."""
    for model in apps.get_models():
        for status_field, publish_at_field in getattr(model, "publication_fields", ()):
            yield model, status_field, publish_at_field


def next_scheduled_publication(now, *, using=DEFAULT_DB_ALIAS):
    """The earliest future publish-at time among published items, or None: one query over every schedule."""
    scheduled = [
        model._default_manager.using(using)
        .filter(**{status_field: "published", f"{publish_at_field}__gt": now})
        .annotate(at=F(publish_at_field))
        .values_list("at", flat=True)
        .order_by()
        for model, status_field, publish_at_field in publication_schedules()
    ]
    if not scheduled:
        return None
    first, *others = scheduled
    return first.union(*others, all=True).order_by("at").first()


# --- The content version -----------------------------------------------------------------------------------------


def _versions(using):
    from .models import ContentVersion

    return ContentVersion.objects.using(using)


# {database alias: (token, monotonic time)}: this process's last answer from the database, used only while the
# database does not answer (see `content_version`); never instead of asking it.
_last_seen = {}


def _remember(using, token):
    _last_seen[using] = (token, time.monotonic())


def _stand_in(using):
    """The token this process last read, if it read it less than VERSION_GRACE_SECONDS ago; else None."""
    token, seen_at = _last_seen.get(using, (None, 0.0))
    if token is None or time.monotonic() - seen_at > VERSION_GRACE_SECONDS:
        return None
    return token


def content_version(*, using=DEFAULT_DB_ALIAS):
    """
    The current content version token: one query on the version row. Once its next scheduled publication time has
    passed, the first process to notice replaces the token (the others find the new one).

    If the database does not answer, the token this process last read stands in for VERSION_GRACE_SECONDS. (On
    PostgreSQL every wait is bounded, and a server that has just failed to answer is not asked again for a few
    seconds, so that cached pages are served at their usual speed meanwhile: `core.db.postgresql`.)
    """
    now = timezone.now()
    try:
        row = _read_version(using)
        if row is None:
            token = (
                _versions(using)
                .get_or_create(
                    pk=VERSION_ROW,
                    defaults={
                        "token": uuid4().hex,
                        "next_publication": next_scheduled_publication(now, using=using),
                        "changed_at": now,
                    },
                )[0]
                .token
            )
        else:
            token, until = row
            if until is not None and now >= until:
                token = _roll_over(using, token, now)
    except DatabaseError:
        if (token := _stand_in(using)) is None:
            raise
        return token
    _remember(using, token)
    return token


@functools.cache
def _version_query(using):
    """The SQL (and parameters) of reading the version row, compiled by the ORM once per database alias (compiling
    it on each request would cost more than running it), and the same SQL in the driver's own parameter style."""
    queryset = _versions(using).filter(pk=VERSION_ROW).values_list("token", "next_publication")
    sql, params = queryset.query.get_compiler(using=using).as_sql()
    # SQLite's driver takes `?` where Django writes `%s` (its cursor wrapper converts each statement, every time);
    # the statement has no other `%`. psycopg takes `%s` itself.
    native = sql.replace("%s", "?") if connections[using].vendor == "sqlite" else sql
    return sql, native, params


def _read_version(using):
    """(token, next publication) of the version row, or None: the one query of each request's freshness check.

    It runs on the driver's own cursor, inside Django's connection handling (health check, reconnection, error
    translation): Django's cursor wrapper would cost as much again as the query. While queries are being recorded
    (DEBUG, `assertNumQueries`), it runs through Django's cursor, so that it is counted like any other."""
    sql, native, params = _version_query(using)
    database = connections[using]
    if database.queries_logged:
        with database.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
    else:
        with database.wrap_database_errors:
            database.close_if_health_check_failed()  # what Django's own cursor() does first
            database.ensure_connection()
            database.validate_no_broken_transaction()
            cursor = database.connection.cursor()
            try:
                cursor.execute(native, params)
                row = cursor.fetchone()
            finally:
                cursor.close()
    if row is None:
        return None
    token, until = row
    if isinstance(until, str):  # SQLite gives its text form back
        until = parse_datetime(until)
    if until is not None and timezone.is_naive(until):  # SQLite again: stored in UTC, without the offset
        until = timezone.make_aware(until, UTC)
    return token, until


def _roll_over(using, token, now):
    """A scheduled publication time has passed: a new token, unless another process made one first."""
    new = uuid4().hex
    renewed = (
        _versions(using)
        .filter(pk=VERSION_ROW, token=token)
        .update(token=new, next_publication=next_scheduled_publication(now, using=using), changed_at=now)
    )
    if renewed:
        return new
    return _versions(using).values_list("token", flat=True).get(pk=VERSION_ROW)


# --- The cache backend, as an optional helper ---------------------------------------------------------------------

_cache_state = {"retry_at": 0.0, "warned_at": None}


def _cache_failed(exc):
    now = time.monotonic()
    _cache_state["retry_at"] = now + CACHE_RETRY_SECONDS
    warned_at = _cache_state["warned_at"]
    if warned_at is None or now - warned_at >= CACHE_WARNING_INTERVAL:
        _cache_state["warned_at"] = now
        logger.warning(
            "The page cache is unavailable (%s); pages are rendered uncached until it answers again",
            exc.__class__.__name__,
        )


def cache_get(key):
    """`cache.get(key)`, or None while the cache backend fails (it is tried again after CACHE_RETRY_SECONDS)."""
    if time.monotonic() < _cache_state["retry_at"]:
        return None
    try:
        return cache.get(key)
    except Exception as exc:
        _cache_failed(exc)
        return None


def cache_set(key, value, timeout):
    """`cache.set(…)`, skipped while the cache backend fails."""
    if time.monotonic() < _cache_state["retry_at"]:
        return
    try:
        cache.set(key, value, timeout)
    except Exception as exc:
        _cache_failed(exc)


# --- Pages -------------------------------------------------------------------------------------------------------


@functools.cache
def accepted_parameters(query):
    """
    The query parameter names `query` (a tuple of names, and form classes whose fields are the names) lets into a
    key. Remembered: a pure function of the form classes (worked out on the first request, not at import, since a
    form may need the apps).
    """
    names = set()
    for item in query:
        if isinstance(item, str):
            names.add(item)
            continue
        for name, field in item().fields.items():  # an instance: a form may rename its fields (`from`)
            names.add(name)
            names.update(f"{name}_{index}" for index in range(len(getattr(field.widget, "widgets", ()))))
    return frozenset(names)


def keep_parameters(request, names):
    """
    Make `request` show only the query parameters in `names`, as if the visitor had asked for that address: its page
    is the same for `?utm_source=…` or a random key as without, and one cache entry serves them all. True if it
    dropped any.
    """
    unknown = set(request.GET) - names
    if not unknown:
        return False
    kept = request.GET.copy()
    for name in unknown:
        del kept[name]
    kept._mutable = False
    request.GET = kept
    request.META["QUERY_STRING"] = kept.urlencode()
    return True


def page_key(request, *, version=None):
    """
    The content version (`version`, else read now), today's date and the page's whole address: scheme and host too,
    which canonical links and share tags carry when DJANGO_SITE_URL is not set. A page's bytes follow from these, so
    the key names them, and every process makes the same key (and so the same ETag) for the same content.
    """
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"ottawa:page:{version or content_version()}:{timezone.localdate().isoformat()}:{address}"


# Compressed copies: for the responses that are text, and worth it.
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
COMPRESSIBLE_TYPES = ("text/", "application/xml", "application/atom+xml", "application/json", "image/svg+xml")
MIN_COMPRESSED_BYTES = 1024
GZIP_SUFFIX = ":gzip"


def _etag(key):
    return quote_etag(hashlib.md5(key.encode(), usedforsecurity=False).hexdigest())


def _from_cache_allowed(request):
    """Public GETs and HEADs of visitors without a session: staff, previews and the admin always get a fresh page."""
    return request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES


def _wants_gzip(request):
    return ACCEPTS_GZIP.search(request.headers.get("accept-encoding", "")) is not None


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


def _store_compressed(key, response):
    """The compressed copy of the page under `key`, made now (so a "miss") and cached beside the plain one."""
    compressed = gzip_copy(response, key)
    compressed["X-Ottawa-Cache"] = "miss"
    cache_set(key + GZIP_SUFFIX, compressed, PAGE_TIMEOUT)
    return compressed


def _store(key, response, *, gzip):
    """Cache `response` (a page just made) under `key`; return what the visitor gets: a compressed copy, also cached,
    if they accept one and it is worth it."""
    cache_set(key, response, PAGE_TIMEOUT)
    if gzip and _is_compressible(response):
        return _store_compressed(key, response)
    return response


def _cached(key, *, gzip):
    """The cached page under `key` (compressed if the visitor accepts it), or None."""
    if gzip and (compressed := cache_get(key + GZIP_SUFFIX)) is not None:
        compressed["X-Ottawa-Cache"] = "hit"
        return compressed
    response = cache_get(key)
    if response is None:
        return None
    if gzip and _is_compressible(response):  # the plain copy was made for a visitor who did not accept gzip
        return _store_compressed(key, response)
    response["X-Ottawa-Cache"] = "hit"
    return response


class PageCacheMiddleware:
    """
    Serve the pages of `cached_page` views from the cache, and store them, high in MIDDLEWARE: a cached page is
    answered before the session, CSRF, authentication and message layers, URL resolution and the view, none of which
    it needs (it is only served to visitors without a session cookie). The middleware above it (security headers,
    language, request id) still runs on every response; the layers below add their headers before a page is stored,
    so a cached page carries what a fresh one carries. Conditional requests get 304 here, as
    ConditionalGetMiddleware would give them.

    The page is looked up at the address as asked. An address with query parameters its page does not understand
    (`?utm_source=…`) is found by the view's `cached_page`, which knows the page's parameters, under the address
    without them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _from_cache_allowed(request):
            return self.get_response(request)
        gzip = _wants_gzip(request)
        try:
            request.content_version = content_version()
        except DatabaseError:
            return self.get_response(request)  # the view's own attempt answers 503 if it needs the database
        response = _cached(page_key(request, version=request.content_version), gzip=gzip)
        if response is not None:
            return get_conditional_response(request, etag=response["ETag"], response=response)
        response = self.get_response(request)
        key = response.__dict__.pop("page_cache_key", None)  # set by `cached_page` on a page it has just made
        if key is None or response.status_code != 200 or response.cookies:
            return response  # not a cached view's page, or a 304, or it sets a cookie
        return _store(key, response, gzip=gzip)


def cached_page(view=None, *, query=()):
    """
    Mark a public GET (and HEAD) view's pages for the page cache (`PageCacheMiddleware`), which serves them to
    visitors without a session and stores them: each page once per content version and day, plus a gzip-compressed
    copy for the browsers that accept it (a page of 150 KiB travels as about 30 KiB).

    `query` names the query parameters the page understands (names, or form classes whose fields they are); the
    view sees only those, so other parameters (`utm_*`, random keys) neither change the page nor make new entries.
    Use as `@cached_page` (no parameters) or `@cached_page(query=SomeForm)`.
    """
    if view is None:
        return functools.partial(cached_page, query=query)
    query = (query,) if isinstance(query, str | type) else tuple(query)

    def names():  # worked out on a request, not at import: a form may need the apps
        return accepted_parameters(query)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _from_cache_allowed(request):
            return view(request, *args, **kwargs)
        dropped = keep_parameters(request, names())
        key = page_key(request, version=getattr(request, "content_version", None))
        # The middleware looked for the address as asked; with parameters dropped, the page may be cached under the
        # address without them. (The layers below the middleware see this response again: they leave its headers.)
        if dropped and (response := _cached(key, gzip=_wants_gzip(request))) is not None:
            return response
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
        response.page_cache_key = key
        return response

    return wrapper


class CachedPageMixin:
    """
    For class-based views: the view function that `as_view()` builds is wrapped in `cached_page` once, with
    `cache_query` as its `query`. (`method_decorator(cached_page, name="dispatch")` would build the wrapper anew on
    every request.) Put it first among the bases: `class EventDetailView(CachedPageMixin, DetailView)`.
    """

    cache_query = ()

    @classmethod
    def as_view(cls, **initkwargs):
        return cached_page(super().as_view(**initkwargs), query=cls.cache_query)
