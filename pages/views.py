import logging

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core import health
from core.cache import cached_page
from timeline.anniversaries import next_anniversary
from timeline.models import Event
from treaty.models import State

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
        "figure_items": figure_items(State.objects.figures(as_of=today)),
        "next": next_anniversary(today=today),
        "featured_events": events.featured_for_home()[:FEATURED_ON_HOME],
        "recent_events": events.recent_for_home()[:RECENT_ON_HOME],
    }
    return render(request, "pages/home.html", context)


def figure_items(figures):
    """
    The home page's headline figures as (number, label) pairs, each label agreeing with its number ("1 State Party",
    "161 States Parties"); withdrawals notified only when there are some.
    """
    parties, bound, signatories = figures["parties"], figures["bound"], figures["signatories"]
    withdrawn, notified = figures["withdrawn"], figures["withdrawal_notified"]
    items = [
        (parties, ngettext("State Party", "States Parties", parties)),
        (bound, ngettext("State bound by the ban", "States bound by the ban", bound)),
        (signatories, ngettext("signatory yet to ratify", "signatories yet to ratify", signatories)),
        (withdrawn, ngettext("withdrawal in effect", "withdrawals in effect", withdrawn)),
    ]
    if notified:
        label = ngettext("withdrawal notified, not yet in effect", "withdrawals notified, not yet in effect", notified)
        items.append((notified, label))
    return items


@require_safe
@cached_page(query=[SearchForm])
def search(request):
    """/search/?q=: events, eras, anniversaries and States, ranked, with the matching words marked."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        return render(request, "pages/search.html", {"form": form, "hits": []}, status=400)
    query = form.cleaned_data["q"]
    hits = search_hits(form) if query else []
    context = {"form": form, "query": query, "hits": hits, "searched_words": bool(form.terms())}
    return render(request, "pages/search.html", context)


@require_safe
@cached_page
def robots_txt(request):
    """
    Let crawlers in, keep them out of staff pages and of the endless variants of a page (search results, the
    membership table's sorts and `?as_of=` days, the timeline's filters, each a cold render), and point them at the
    sitemap, which lists every canonical page. A rule ending in "?" matches only addresses with a query string, so
    /states/ and /timeline/ themselves stay open.
    """
    lines = ["User-agent: *"]
    for code, _ in settings.LANGUAGES:  # the same rules for each language's addresses (/fr/search/…)
        with translation.override(code):
            lines += [
                f"Disallow: {reverse('pages:search')}",
                f"Disallow: {reverse('treaty:state-list')}?",
                f"Disallow: {reverse('treaty:state-list-csv')}?",
                f"Disallow: {reverse('timeline:event-list')}?",
            ]
    lines += [
        f"Disallow: {reverse('exports:index')}",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('pages:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def healthz(request):
    """For load balancers and uptime checks: each dependency's state; 503 only when the database does not answer."""
    status, report = health.check()
    return JsonResponse(report, status=status)
