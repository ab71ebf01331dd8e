from django.core.paginator import EmptyPage
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext
from django.views.generic import DetailView, ListView

from core.cache import CachedPageMixin
from core.dates import long_date
from core.preview import PreviewMixin
from treaty.charts import charts_context
from treaty.models import State

from . import anniversaries
from .forms import TimelineFilterForm
from .models import Anchor, Anniversary, Era, Event, timeline_sections


class PageOutOfRange(Exception):
    def __init__(self, number, num_pages):
        super().__init__(number, num_pages)
        self.number, self.num_pages = number, num_pages


class EventListView(CachedPageMixin, ListView):
    """/timeline/: every published event, oldest first, grouped by era and year; filtered by the query string."""

    cache_query = [TimelineFilterForm]
    template_name = "timeline/event_list.html"
    context_object_name = "events"
    paginate_by = 50

    def get(self, request, *args, **kwargs):
        self.form = TimelineFilterForm(request.GET)
        if not self.form.is_valid():
            self.object_list = Event.objects.none()
            return self.render_to_response({"form": self.form, "invalid": True}, status=400)
        try:
            return super().get(request, *args, **kwargs)
        except PageOutOfRange as error:
            context = {"form": self.form, "page_error": error, "filtered": self.form.is_filtered}
            return self.render_to_response(context, status=404)

    def get_queryset(self):
        return self.form.filter(Event.objects.published().for_timeline())

    def paginate_queryset(self, queryset, page_size):
        """As ListView's, but the page number comes from the validated form and a missing page is explained."""
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        number = self.form.cleaned_data.get("page") or 1
        try:
            page = paginator.page(number)
        except EmptyPage:
            raise PageOutOfRange(number, paginator.num_pages) from None
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        chosen_era = self.form.cleaned_data.get("era")
        eras = [chosen_era] if chosen_era else list(Era.objects.published())
        context |= {
            "form": self.form,
            "filtered": self.form.is_filtered,
            "sections": timeline_sections(context["events"], eras, all_in_first=chosen_era is not None),
        }
        return context


class EventDetailView(CachedPageMixin, PreviewMixin, DetailView):
    """/timeline/<slug>/: one event with its sources, pictures, States, and the events before and after it.
    Editors also see drafts and scheduled events here (a preview, never cached)."""

    model = Event
    template_name = "timeline/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        events = Event.objects.for_event_page()
        return events if self.may_preview() else events.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.object
        published = Event.objects.published()
        by_date = list(Era.objects.published().containing(event.date))
        context |= {
            "previous_event": published.before(event).first(),
            "next_event": published.after(event).first(),
            "eras": by_date + [era for era in event.also_in_eras.all() if era not in by_date],
        }
        return context


# Events listed on an era's or an anniversary's page: a bounded page whatever the number of events; the timeline,
# paginated, lists every one.
PERIOD_PAGE_EVENTS = 50


def first_events(events):
    """`{"events": …, "more_events": …}`: the first `PERIOD_PAGE_EVENTS` of `events`, and whether there are more,
    in one query."""
    events = list(events[: PERIOD_PAGE_EVENTS + 1])
    return {"events": events[:PERIOD_PAGE_EVENTS], "more_events": len(events) > PERIOD_PAGE_EVENTS}


def era_figure_items(figures):
    """The era page's headline figures (`State.objects.figures()`), as (number, label) for includes/_figures.html."""
    parties, not_party, withdrawn = figures["parties"], figures["not_party"], figures["withdrawn"]
    items = [
        (
            parties,
            ngettext("State is party to the Convention today", "States are party to the Convention today", parties),
        ),
        (not_party, ngettext("State is not party", "States are not party", not_party)),
    ]
    if withdrawn:
        items.append((withdrawn, ngettext("State has withdrawn", "States have withdrawn", withdrawn)))
    return items


def anniversary_figure_items(anniversary, figures):
    """An anniversary page's headline figures (`anniversaries.figures_for`), as (number, label)."""
    # The labels follow their number: "1 State Party", "2 States Parties" (and a language's other plural forms).
    if figures.previous:
        params = {"ordinal": figures.previous.ordinal, "date": long_date(figures.since)}
        # Translators: after a number of States: “2 joined since the 15th anniversary (3 December 2012)”.
        joined = ngettext(
            "joined since the %(ordinal)s anniversary (%(date)s)",
            "joined since the %(ordinal)s anniversary (%(date)s)",
            figures.joined,
        )
        joined %= params
    else:
        # Translators: after a number of States: “40 joined since it opened for signature in Ottawa”.
        joined = ngettext("joined since %(occasion)s", "joined since %(occasion)s", figures.joined)
        joined %= {"occasion": anniversary.occasion}
    items = [
        (figures.parties, ngettext("State Party", "States Parties", figures.parties)),
        (figures.bound, ngettext("State bound by the ban", "States bound by the ban", figures.bound)),
        (figures.joined, joined),
    ]
    if figures.left:
        # Translators: after a number of States, beside “joined since …”.
        left = ngettext(
            "left over the same period (withdrawal took effect)",
            "left over the same period (withdrawal took effect)",
            figures.left,
        )
        items.append((figures.left, left))
    return items


class EraDetailView(CachedPageMixin, PreviewMixin, DetailView):
    """An era's page: its introduction, live figures and events. /ottawa-process/ for the Ottawa Process.
    Editors also see a draft or scheduled era here (a preview, never cached)."""

    model = Era
    template_name = "timeline/era_detail.html"
    context_object_name = "era"

    def get_queryset(self):
        return Era.objects.all() if self.may_preview() else Era.objects.published()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        canonical = self.object.get_absolute_url()
        if request.path != canonical:
            return redirect(canonical, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context |= {
            **first_events(Event.objects.published().for_era_page(self.object)),
            "figure_items": era_figure_items(State.objects.figures()),
            "eras": Era.objects.published(),
        }
        return context


class AnniversaryListView(CachedPageMixin, ListView):
    """/anniversaries/: the published anniversary pages, the most recent first, and the next anniversary to come."""

    template_name = "timeline/anniversary_list.html"
    context_object_name = "anniversaries"

    def get_queryset(self):
        return Anniversary.objects.published().for_list()

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        return super().get_context_data(
            today=today,
            next=anniversaries.next_anniversary(today=today),
            adopted_on=Anchor.ADOPTION.day,
            opened_on=Anchor.SIGNATURE.day,
            **kwargs,
        )


class AnniversaryDetailView(CachedPageMixin, PreviewMixin, DetailView):
    """
    /anniversaries/<years>/: the editors' text, and the Convention on the anniversary's day from the treaty data
    (today's figures for one still to come), with the events of its period. Unknown and unpublished years are 404;
    editors also see drafts and scheduled pages here (a preview, never cached).
    """

    model = Anniversary
    template_name = "timeline/anniversary_detail.html"
    context_object_name = "anniversary"
    slug_field = slug_url_kwarg = "years"

    def get_queryset(self):
        return Anniversary.objects.all() if self.may_preview() else Anniversary.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        anniversary = self.object
        today = timezone.localdate()
        published = Anniversary.objects.published()
        previous = published.before(anniversary).first()
        figures = anniversaries.figures_for(anniversary, previous=previous, today=today)
        first, last = anniversaries.events_period(anniversary, previous=previous)
        context |= {
            "today": today,
            "tense": "future" if anniversary.date > today else "today" if anniversary.date == today else "past",
            "days_left": anniversary.days_until(today),
            "figures": figures,
            "figure_items": anniversary_figure_items(anniversary, figures),
            "figures_label": gettext("Figures on %(date)s") % {"date": long_date(figures.as_of)},
            "membership_url": f"{reverse('treaty:state-list')}?{urlencode({'as_of': figures.as_of.isoformat()})}",
            **first_events(Event.objects.published().for_anniversary_page(first, last)),
            # The period's years on the timeline (its filter takes years).
            "timeline_query": urlencode({"from_year": first.year, "to": last.year}),
            "events_first": first,
            "events_last": last,
            "previous_anniversary": previous,
            "next_anniversary": published.after(anniversary).first(),
            **charts_context(figures.state_rows, until=figures.as_of, figures_by_region=figures.by_region),
        }
        return context
