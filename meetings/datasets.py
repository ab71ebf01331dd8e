"""
The meetings staff can export (`exports.datasets` finds this module): every meeting, drafts and scheduled ones
included (see “visibility”), with the public list's filters (kind, year).
"""

from operator import attrgetter

from exports.datasets import ITERATOR_CHUNK, Column, Dataset, register

from .forms import MeetingFilterForm
from .models import Meeting


def iso3(state):
    return state.iso3 if state is not None else None


def meeting_sources(meeting):
    return "\n".join(
        f"{source.title} <{source.url}>" if source.title else source.url for source in meeting.sources.all()
    )


@register
class MeetingsDataset(Dataset):
    name = "meetings"
    title = "Meetings of the States Parties"
    description = (
        "Every Meeting of the States Parties and Review Conference, drafts and scheduled ones included (see "
        "“visibility”): dates, place, host and presiding State (ISO codes), president, outcome, body, sources and "
        "the timeline event it is shown as."
    )
    form_class = MeetingFilterForm
    model = Meeting
    state_columns = {"country": attrgetter("country")}  # with a language: the host's name in it (`country_fr`)
    columns = [
        Column("id", attrgetter("pk"), 8),
        Column("code", attrgetter("code"), 8),
        Column("kind", attrgetter("kind"), 6),
        Column("number", attrgetter("number"), 8),
        Column("start_date", attrgetter("start_date"), 12),
        Column("end_date", attrgetter("end_date"), 12),
        Column("city", attrgetter("city"), 20),
        Column("country_iso3", lambda meeting: iso3(meeting.country), 8),
        Column("country", lambda meeting: meeting.country.name if meeting.country_id else None, 20),
        Column("president", attrgetter("president"), 40),
        Column("presidency_iso3", lambda meeting: iso3(meeting.presidency), 8),
        Column("outcome", attrgetter("outcome"), 60),
        Column("body", attrgetter("body"), 60),
        Column("sources", meeting_sources, 60),
        Column("status", attrgetter("status"), 10),
        Column("publish_at", attrgetter("publish_at"), 20),
        Column("visibility", attrgetter("visibility"), 10),
        Column("timeline_event", lambda meeting: meeting.event.get_absolute_url() if meeting.event_id else None, 30),
        Column("url", lambda meeting: meeting.get_absolute_url(), 16),
        Column("updated_at", attrgetter("updated_at"), 20),
    ]

    def queryset(self):
        return (
            Meeting.objects.with_visibility()
            .select_related("country", "presidency", "event")
            .prefetch_related("sources")
            .order_by("start_date", "pk")
        )

    def objects(self, form):
        filters = form.filters()
        meetings = self.queryset()
        if filters["kind"]:
            meetings = meetings.of_kind(filters["kind"])
        if filters["year"] is not None:
            meetings = meetings.in_year(filters["year"])
        return meetings.iterator(chunk_size=ITERATOR_CHUNK)
