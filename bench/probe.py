"""
What the benchmark measures in-process, through Django's test client, before the server starts: the database it
prepares, SQL queries per request and the CPU time of a cold render. Call `django.setup()` with `bench.settings`
first.
"""

import contextlib
import logging
import statistics
import time
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def prepare():
    """A fresh throw-away SQLite database (bench.settings names it), migrated and seeded; static files collected."""
    database = Path(settings.DATABASES["default"]["NAME"])
    database.parent.mkdir(parents=True, exist_ok=True)
    for path in (database, database.with_name(f"{database.name}-wal"), database.with_name(f"{database.name}-shm")):
        path.unlink(missing_ok=True)
    call_command("migrate", interactive=False, verbosity=0)
    output = StringIO()
    call_command("seed", stdout=output)
    call_command("collectstatic", interactive=False, verbosity=0)
    return output.getvalue().strip().splitlines()


def first_timeline_event_path():
    """The address of the first published timeline event, or None while the timeline app has no events."""
    try:
        event_model = apps.get_model("timeline", "Event")
    except LookupError:
        return None
    events = event_model._default_manager.all()
    if hasattr(events, "published"):
        events = events.published()
    event = events.first()
    return event.get_absolute_url() if event else None


WARM_UP_RENDERS = 5


@contextlib.contextmanager
def _quiet_logging():
    """The probes' 404s would log a warning each; they are expected and reported in the table instead."""
    logging.disable(logging.WARNING)
    try:
        yield
    finally:
        logging.disable(logging.NOTSET)


def query_counts(paths, *, headers):
    """`{path: queries}`: the SQL queries of a warm request, made right after a cold one (cache cleared first)."""
    client = Client(headers=headers, raise_request_exception=False)
    counts = {}
    with _quiet_logging():
        for path in paths:
            cache.clear()
            client.get(path)
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            counts[path] = len(queries)
    cache.clear()
    return counts


@dataclass(frozen=True)
class ColdRenders:
    """CPU times (ms) of cold renders: the median, and the range of the middle 80 %."""

    median: float
    low: float  # 10th percentile
    high: float  # 90th percentile
    renders: int
    seconds: float  # of wall-clock time the samples were spread over


# This machine's speed changes by up to half from one stretch of seconds to the next (a shared VM): samples taken
# back to back all land in one such stretch. A pause between renders spreads them over half a minute, so the
# median is the machine's typical speed during the run rather than that of one moment.
PAUSE_BETWEEN_RENDERS = 0.5


def cold_render_cpu_ms(path, *, renders, headers, pause=PAUSE_BETWEEN_RENDERS):
    """
    `ColdRenders` of `path` (`time.process_time`, in ms), the cache cleared before each render, or None when the page
    answers 404. A few untimed renders first: template compilation, lazy imports and SQLite's page cache warm up
    once per process, not per render.
    """
    client = Client(headers=headers, raise_request_exception=False)
    with _quiet_logging():
        if client.get(path).status_code == 404:
            return None
        for _ in range(WARM_UP_RENDERS):
            cache.clear()
            client.get(path)
        samples = []
        started_at = time.monotonic()
        for _ in range(renders):
            time.sleep(pause)
            cache.clear()
            started = time.process_time()
            client.get(path)
            samples.append((time.process_time() - started) * 1000)
        seconds = time.monotonic() - started_at
    cache.clear()
    deciles = statistics.quantiles(samples, n=10) if len(samples) > 1 else samples * 9
    return ColdRenders(statistics.median(samples), deciles[0], deciles[-1], renders, seconds)


def cold_render(path, *, renders, headers):
    """(median CPU ms, queries, KiB) of rendering `path` with the cache cleared before each render."""
    client = Client(headers=headers, raise_request_exception=False)
    with _quiet_logging():
        client.get(path)  # compile templates once
        samples, queries, size = [], 0, 0
        for _ in range(renders):
            cache.clear()
            with CaptureQueriesContext(connection) as captured:
                started = time.process_time()
                response = client.get(path)
                samples.append((time.process_time() - started) * 1000)
            queries, size = len(captured), len(response.content) // 1024
    cache.clear()
    return statistics.median(samples), queries, size
