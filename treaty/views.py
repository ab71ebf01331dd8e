from operator import attrgetter

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from core import spreadsheets
from core.addresses import address
from core.cache import cached_page
from core.preview import can_preview, mark_preview
from core.rows import fetch_rows

from . import charts, tables, worldmap
from .forms import MembershipFilterForm
from .models import Region, State, Status, figures_by_region_from_rows, figures_total


@require_safe
@cached_page(query=[MembershipFilterForm])
def state_list(request):
    """/states/: the membership table as it stands today, or as it stood on `?as_of=`."""
    form = MembershipFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "treaty/state_list.html", {"form": form, "figures": None, **addresses()}, status=400)
    day = form.day()
    # Worked out once for the page's queries, which then stay simple (see StateQuerySet.with_dates).
    dates = {"convention_in_force_on": State.objects.convention_in_force_on()}
    states = fetch_rows(form.filter(State.objects.for_membership_table(as_of=day, **dates)), *tables.FIELDS)
    # The map shows every State: an unfiltered table already holds them all, with their status from SQL.
    if form.has_filters():
        everyone = fetch_rows(State.objects.with_status(as_of=day, **dates), "iso3", "name", "status")
    else:
        everyone = states
    statuses = {state.iso3: (state.name, state.status) for state in everyone}
    if form.has_filters():
        by_region = State.objects.figures_by_region(as_of=day, **dates)
    else:
        by_region = figures_by_region_from_rows(states)
    context = {
        "form": form,
        "as_of": day,
        "is_today": day == timezone.localdate(),
        "figures": figures_total(by_region),
        "states": states,
        "rows": tables.membership_rows(states, as_of=day),
        "row_count": len(states),
        "world_map": worldmap.render(statuses),
        "map_legend": worldmap.legend(statuses),
        "table_header": tables.header_row(request.GET, form.cleaned_data["sort"] or "name"),
        "csv_query": request.GET.urlencode(),
        **addresses(),
        **charts_context(
            until=day, figures_by_region=by_region, states=None if form.has_filters() else states, **dates
        ),
    }
    return render(request, "treaty/state_list.html", context)


def addresses():
    return {"list_url": address("treaty:state-list"), "csv_url": address("treaty:state-list-csv")}


def charts_context(*, until, figures_by_region=None, convention_in_force_on=None, states=None):
    """
    What templates/treaty/_charts.html needs: both charts and their tables, up to the day `until`. Callers that
    already hold rows of every State (`states`) or the regions' figures pass them in and save the queries.
    """
    series = charts.parties_series(until=until, states=states)
    moments = charts.key_moments(until=until, convention_in_force_on=convention_in_force_on, states=states)
    if figures_by_region is None:
        figures_by_region = State.objects.figures_by_region(as_of=until)
    region_rows = charts.by_region_rows(figures_by_region)
    return {
        "chart_until": until,
        "parties_chart": charts.parties_over_time_svg(series, until=until, moments=moments),
        "parties_table_rows": charts.data_table_rows(charts.year_end_table(series, until=until)),
        "chart_moments": charts.moments_text(moments),
        "regions_chart": charts.by_region_svg(region_rows),
        "regions_table_rows": charts.data_table_rows(
            (label, parties, states, f"{percent} %") for label, parties, states, percent in region_rows
        ),
    }


# The columns of /states.csv, each a function giving a native value (core.spreadsheets writes them as text). The staff
# export of States (exports.datasets) starts with these same columns.
MEMBERSHIP_COLUMNS = {
    "name": attrgetter("name"),
    "iso2": attrgetter("iso2"),
    "iso3": attrgetter("iso3"),
    "region": lambda state: Region(state.region).label,
    "status": attrgetter("status"),
    "signature_date": attrgetter("signed_on"),
    "signature_place": attrgetter("signature_place"),
    "instrument": attrgetter("instrument"),
    "deposit_date": attrgetter("deposited_on"),
    "entry_into_force": attrgetter("entry_into_force"),
    "withdrawal_notified": attrgetter("withdrawal_notified_on"),
    "withdrawal_effective": attrgetter("withdrawal_effective_on"),
    "withdrawal_suspended": attrgetter("withdrawal_suspended"),
}
CSV_HEADER = list(MEMBERSHIP_COLUMNS)


def csv_row(state):
    return [value(state) for value in MEMBERSHIP_COLUMNS.values()]


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
    # At most a few hundred rows: built whole, so the page cache can keep it (staff exports stream instead).
    response = HttpResponse(
        "".join(spreadsheets.stream_rows(CSV_HEADER, (csv_row(state) for state in states))),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="states-as-of-{day.isoformat()}.csv"'
    return response


@method_decorator(cached_page, name="dispatch")
class StateDetailView(DetailView):
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
                .prefetch_related("sources")
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
            **kwargs,
        )

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        return mark_preview(response) if context["note_preview"] else response
