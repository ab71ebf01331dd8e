import logging

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from timeline.anniversaries import next_anniversary
from timeline.models import Event
from treaty.models import State

from .cache import cached_page

FEATURED_ON_HOME = 8
RECENT_ON_HOME = 5

logger = logging.getLogger(__name__)


@require_GET
@cached_page
def home(request):
    """Today's headline figures, the next anniversary, the key moments and the latest events — all from the data."""
    today = timezone.localdate()
    events = Event.objects.published()
    context = {
        "today": today,
        "figures": State.objects.figures(as_of=today),
        "next": next_anniversary(today=today),
        "featured_events": events.featured_for_home()[:FEATURED_ON_HOME],
        "recent_events": events.recent_for_home()[:RECENT_ON_HOME],
    }
    return render(request, "core/home.html", context)


@never_cache
@require_GET
def healthz(request):
    """For load balancers and uptime checks: is the app up, and does its database answer?"""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database did not answer")
        return JsonResponse(
            {"status": "error", "database": "unavailable", "reason": "The database did not answer."},
            status=503,
        )
    return JsonResponse({"status": "ok", "database": "ok"})
