from django.conf import settings
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from core import locale, sorting, spreadsheets
from core.cache import CachedPageMixin, cached_page
from core.preview import can_preview, mark_preview

from . import charts, worldmap
from .datasets import CSV_HEADER, csv_header, csv_row
from .forms import MembershipFilterForm
from .models import State, Status, figures_by_region_from_rows, figures_total

# The columns of the rows of /states/ (named tuples): the table's, which include what its map, headline figures and
# charts read of each State (`models.CHART_FIELDS`), so an unfiltered table feeds them all.
ROW_FIELDS = (
    "name",
    "iso2",  # with the name, the State's name in the active language (`|state_name`)
    "iso3",
    "region",
    "status",
    "signed_on",
    "instrument",
    "deposited_on",
    "entry_into_force",
    "withdrawal_notified_on",
    "withdrawal_effective_on",
    "withdrawal_suspended",
)


@require_safe
@cached_page(query=[MembershipFilterForm])
def state_list(request):
    """/states/: the membership table as it stands today, or as it stood on `?as_of=`."""
    form = MembershipFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "treaty/state_list.html", {"form": form, "figures": None, **addresses()}, status=400)
    day = form.day()
    rows = list(form.filter(State.objects.for_membership_table(as_of=day)).values_list(*ROW_FIELDS, named=True))
    # The map and the charts show every State: an unfiltered table holds them all. The headline figures count the
    # States the table shows; a filtered table also says how many States there are in all, and how many parties.
    filtered = form.has_filters()
    everyone = list(State.objects.for_charts(as_of=day)) if filtered else rows
    by_region = figures_by_region_from_rows(everyone)
    all_figures = figures_total(by_region)
    figures = figures_total(figures_by_region_from_rows(rows)) if filtered else all_figures
    statuses = {row.iso3: (locale.state_name(row), row.status) for row in everyone}
    context = {
        "form": form,
        "as_of": day,
        "is_today": day == timezone.localdate(),
        "filtered": filtered,
        "figures": figures,
        "all_figures": all_figures,
        "figure_items": headline_figures(figures),
        "states": rows,
        "row_count": len(rows),
        "world_map": worldmap.render(statuses),
        "map_legend": worldmap.legend(statuses),
        "headings": headings(request.GET, form.cleaned_data["sort"] or "name"),
        "csv_query": request.GET.urlencode(),
        **addresses(),
        **charts.charts_context(everyone, until=day, figures_by_region=by_region),
    }
    return render(request, "treaty/state_list.html", context)


def addresses():
    return {"list_url": reverse("treaty:state-list"), "csv_url": reverse("treaty:state-list-csv")}


def headline_figures(figures):
    """(number, label) pairs for templates/includes/_figures.html."""
    return [
        (figures["parties"], gettext("States Parties")),
        (figures["bound"], gettext("bound (in force for them)")),
        (figures["signatories"], gettext("signatories yet to ratify")),
        (figures["not_party"], pgettext("headline figure", "not party")),
        (figures["withdrawn"], pgettext("headline figure", "withdrawn")),
    ]


# The table's columns: (the `sort` value that orders by it, or None; heading). Sort keys: forms.SORT_FIELDS.
COLUMNS = (
    ("name", _("State")),
    ("status", _("Status")),
    ("signed", pgettext_lazy("a table's column", "Signature")),
    (None, _("Instrument")),
    ("deposited", _("Deposited")),
    ("entry", _("Entry into force")),
    ("withdrawal", _("Withdrawal")),
)


def headings(params, current):
    """The membership table's column headings, as data (`core.sorting.headings`)."""
    return sorting.headings(COLUMNS, params, current)


@require_safe
@cached_page(query=[MembershipFilterForm])
def state_list_csv(request):
    """/states.csv: exactly the rows /states/ shows for the same query string, as open data."""
    form = MembershipFilterForm(request.GET)
    if not form.is_valid():
        messages = "\n".join(error for errors in form.errors.values() for error in errors)
        return HttpResponseBadRequest(messages + "\n", content_type="text/plain; charset=utf-8")
    day = form.day()
    states = form.filter(State.objects.for_membership_table(as_of=day))
    # At most a few hundred rows: built whole, so the page cache can keep it (staff exports stream instead). The header
    # is in the language of the address; the values are the same in every language (codes, ISO dates, our names).
    header = csv_header(CSV_HEADER)
    with translation.override(settings.LANGUAGE_CODE):
        body = "".join(spreadsheets.stream_rows(header, (csv_row(state) for state in states)))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="states-as-of-{day.isoformat()}.csv"'
    return response


class StateDetailView(CachedPageMixin, DetailView):
    """/states/<iso3>/: one State's path through the Convention, in plain sentences."""

    template_name = "treaty/state_detail.html"
    context_object_name = "state"

    def get(self, request, *args, **kwargs):
        if kwargs["iso3"] != kwargs["iso3"].lower():
            return redirect("treaty:state-detail", iso3=kwargs["iso3"].lower(), permanent=True)
        return super().get(request, *args, **kwargs)

    def get_object(self, queryset=None):
        try:
            return (
                State.objects.with_status(as_of=timezone.localdate())
                # What the obligations partial reads: the obligations app's records, a floor above this one, reached
                # through their relations' names (never imported), in this query and one more for the extensions.
                .select_related("clearance__completion_meeting", "stockpile")
                .prefetch_related("sources", "clearance__extensions__meeting")
                .get(iso3=self.kwargs["iso3"].upper())
            )
        except State.DoesNotExist:
            raise Http404("No State has this code.") from None

    def get_context_data(self, **kwargs):
        state = self.object
        # A note visitors cannot see yet is shown, marked, to editors who may view States (a preview).
        note_preview = (
            state.note_publication_notice()
            if state.note and not state.note_is_public() and can_preview(self.request.user, State)
            else None
        )
        return super().get_context_data(
            today=timezone.localdate(),
            statuses=Status,
            show_note=state.note_is_public() or note_preview is not None,
            note_preview=note_preview,
            source_groups=state.sources_by_fact(),
            # The timeline's published events that name this State (the relation is the timeline's: no import of it).
            timeline_events=state.timeline_events.published()
            .order_by("date", "pk")
            .only("title", "slug", "date", "end_date", "date_precision"),
            # The meetings it hosted or presided, in one query (the meetings app's relations, named, not imported).
            meetings=state.meetings_hosted.model.objects.published()
            .filter(Q(country=state) | Q(presidency=state))
            .order_by("start_date", "pk"),
            **kwargs,
        )

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        return mark_preview(response) if context["note_preview"] else response
