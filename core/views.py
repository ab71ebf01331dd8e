import logging

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from treaty.models import State

from .cache import cached_page

logger = logging.getLogger(__name__)


@require_GET
@cached_page
def home(request):
    return render(request, "core/home.html", {"figures": State.objects.figures(), "today": timezone.localdate()})


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
