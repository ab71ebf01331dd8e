import logging

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from timeline.anniversaries import next_anniversary
from timeline.models import Event
from treaty.models import State

from . import health
from .cache import cached_page
from .search import SearchForm
from .search import search as search_hits

FEATURED_ON_HOME = 8
RECENT_ON_HOME = 5

logger = logging.getLogger(__name__)


@require_safe
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


@require_safe
@cached_page(query=[SearchForm])
def search(request):
    """/search/?q=: events, eras, anniversaries and States, ranked, with the matching words marked."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        return render(request, "core/search.html", {"form": form, "hits": []}, status=400)
    query = form.cleaned_data["q"]
    hits = search_hits(form) if query else []
    context = {"form": form, "query": query, "hits": hits, "searched_words": bool(form.terms())}
    return render(request, "core/search.html", context)


@require_safe
@cached_page
def robots_txt(request):
    """Let crawlers in, keep them out of staff pages and endless search results, and point them at the sitemap."""
    lines = [
        "User-agent: *",
        "Disallow: /search/",
        "Disallow: /exports/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def healthz(request):
    """For load balancers and uptime checks: each dependency's state; 503 only when the database does not answer."""
    status, report = health.check()
    return JsonResponse(report, status=status)
