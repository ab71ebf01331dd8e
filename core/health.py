"""
What `/healthz` reports: each dependency the site checks, and whether the site can serve.

The database is required: without it the site answers 503. The cache is optional: without it pages are rendered
uncached (slower, correct), so the site still answers 200 and says `"cache": "unavailable"`.
"""

import logging

from django.core.cache import cache
from django.db import DatabaseError, connection

logger = logging.getLogger(__name__)

OK, UNAVAILABLE = "ok", "unavailable"
HEALTH_KEY = "ottawa:healthz"


def database_status():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database did not answer")
        return UNAVAILABLE
    return OK


def cache_status():
    try:
        cache.set(HEALTH_KEY, OK, 30)
        answer = cache.get(HEALTH_KEY)
    except Exception as exc:
        logger.warning("Health check: the cache did not answer (%s)", exc.__class__.__name__)
        return UNAVAILABLE
    return OK if answer == OK else UNAVAILABLE


def check():
    """(HTTP status, report): 200 while the database answers, 503 when it does not; the cache only reported."""
    report = {"database": database_status(), "cache": cache_status()}
    if report["database"] == OK:
        return 200, {"status": OK, **report}
    return 503, {"status": "error", **report, "reason": "The database did not answer."}
