"""
The datasets staff can export: a small registry.

A dataset names itself (its name is the address /exports/<name>/, the file name, the command's argument and the
log's entry), parses its filters with a form (the public pages' own forms where there is one), gets its records from
the model layer and lists its columns. Each column is a name, a function giving a native value (str, int, bool, date,
datetime or None) and an XLSX width; `core.spreadsheets` turns the rows into CSV, XLSX or JSON.

To add a dataset: subclass `Dataset`, fill in the class attributes and `objects()`, and add an instance to
`REGISTRY`. A dataset with a `model` gets the "Export" actions on that model's admin list (`exports.admin`).
"""

import heapq
from dataclasses import dataclass
from datetime import date
from operator import attrgetter, itemgetter
from typing import Any

from django import forms
from django.db.models import Case, Count, DateField, F, Max, OuterRef, Q, Subquery, Value, When
from django.utils import timezone

from core.models import PublicationStatus
from timeline.models import Anniversary, Category, Era, Event
from treaty.forms import MembershipFilterForm
from treaty.models import State, StateSource
from treaty.views import MEMBERSHIP_COLUMNS

from .forms import EventExportFilterForm, HistoryFilterForm

ITERATOR_CHUNK = 2000


@dataclass(frozen=True)
class Column:
    name: str
    value: Any  # a function of one record giving a native value
    width: int | None = None  # in characters, for XLSX; None: fitted to the header


class Dataset:
    name = ""  # a slug
    title = ""
    description = ""
    form_class = None
    model = None  # the model whose admin list offers the "Export" actions (None: no admin list)
    columns = []

    @property
    def header(self):
        return [column.name for column in self.columns]

    @property
    def widths(self):
        return [column.width for column in self.columns]

    def form(self, data=None, **kwargs):
        return self.form_class(data, **kwargs)

    def queryset(self):
        """Every record of the dataset, annotated and in export order."""
        raise NotImplementedError

    def objects(self, form):
        """The records to export, filtered by a valid `form`, in the export's order (an iterable, read lazily).
        By default every record: datasets with filters override this."""
        return self.queryset().iterator(chunk_size=ITERATOR_CHUNK)

    def objects_for_admin(self, queryset):
        """The records of an admin list's `queryset` (its filters, search and selection applied), in export order."""
        return self.queryset().filter(pk__in=queryset.values("pk")).iterator(chunk_size=ITERATOR_CHUNK)

    def rows(self, objects):
        getters = [column.value for column in self.columns]
        for record in objects:
            yield [value(record) for value in getters]

    def file_stem(self, form=None, *, today):
        """The file name without extension: the dataset and the date, e.g. `events-2026-11-27`."""
        return f"{self.name}-{today.isoformat()}"

    def __str__(self):
        return self.name


def log_filters(form):
    """A valid form's non-empty values as JSON-friendly data for the export log (records by slug or code)."""
    filters = {}
    for name, value in form.cleaned_data.items():
        if value in (None, ""):
            continue
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, State):
            value = value.iso3
        elif hasattr(value, "slug"):
            value = value.slug
        filters[name] = value
    return filters


def joined(values):
    return ", ".join(values)


# --- States ------------------------------------------------------------------------------------------------------


STATE_WIDTHS = {"name": 30, "region": 10, "status": 20, "signature_place": 36, "instrument": 14}


class StatesDataset(Dataset):
    name = "states"
    title = "States and their actions"
    description = (
        "Every State's signature, instrument, deposit and withdrawal, its entry into force, its public note, and its "
        "status on the chosen day (today unless “as of” says otherwise). The dates are all the State's actions as "
        "recorded, later ones included, so the file can be imported back as it is."
    )
    form_class = MembershipFilterForm
    model = State
    columns = [
        *(Column(name, value, STATE_WIDTHS.get(name, 12)) for name, value in MEMBERSHIP_COLUMNS.items()),
        Column("status_as_of", attrgetter("status_as_of"), 12),
        Column("un_standing", attrgetter("un_standing"), 12),
        Column("sub_region", attrgetter("sub_region"), 24),
        Column("public_note", attrgetter("note"), 60),
        Column("public_note_status", attrgetter("note_status"), 12),
        Column("internal_note (staff only)", attrgetter("internal_note"), 40),
        Column("url", lambda state: state.get_absolute_url(), 16),
        Column("updated_at", attrgetter("updated_at"), 20),
    ]

    def objects(self, form):
        day = form.day()
        states = State.objects.with_status(as_of=day).annotate(status_as_of=Value(day, output_field=DateField()))
        return form.filter(states).iterator(chunk_size=ITERATOR_CHUNK)

    def objects_for_admin(self, queryset):
        day = timezone.localdate()
        return (
            State.objects.with_status(as_of=day)
            .annotate(status_as_of=Value(day, output_field=DateField()))
            .filter(pk__in=queryset.values("pk"))
            .order_by("name")
            .iterator(chunk_size=ITERATOR_CHUNK)
        )

    def file_stem(self, form=None, *, today):
        day = form.day() if form is not None else today
        return f"{self.name}-as-of-{day.isoformat()}"


# --- Timeline events ---------------------------------------------------------------------------------------------


def visibility():
    """For any `Publishable` queryset: what visitors see of each row now, "public", "draft" or "scheduled"."""
    return Case(
        When(status=PublicationStatus.DRAFT, then=Value("draft")),
        When(publish_at__gt=timezone.now(), then=Value("scheduled")),
        default=Value("public"),
    )


def event_sources(event):
    return "\n".join(f"{source.title} <{source.url}>" for source in event.sources.all())


class EventsDataset(Dataset):
    name = "events"
    title = "Timeline events"
    description = (
        "Every event of the timeline, drafts and scheduled ones included (see “visibility”), with its category, its "
        "era, the eras it is also shown in, its related States and its sources."
    )
    form_class = EventExportFilterForm
    model = Event
    columns = [
        Column("id", attrgetter("pk"), 8),
        Column("slug", attrgetter("slug"), 30),
        Column("title", attrgetter("title"), 40),
        Column("date", attrgetter("date"), 12),
        Column("date_precision", attrgetter("date_precision"), 10),
        Column("end_date", attrgetter("end_date"), 12),
        Column("date_text", attrgetter("date_text"), 22),
        Column("location", attrgetter("location"), 20),
        Column("category", attrgetter("category.slug"), 16),
        Column("category_name", attrgetter("category.name"), 20),
        Column("era", attrgetter("era_title"), 28),
        Column("also_in_eras", lambda event: joined(era.slug for era in event.also_in_eras.all()), 20),
        Column("status", attrgetter("status"), 10),
        Column("publish_at", attrgetter("publish_at"), 20),
        Column("visibility", attrgetter("visibility"), 10),
        Column("featured", attrgetter("featured"), 9),
        Column("summary", attrgetter("summary"), 60),
        Column("body", attrgetter("body"), 60),
        Column("internal_note (staff only)", attrgetter("internal_note"), 40),
        Column("related_states", lambda event: joined(sorted(s.iso3 for s in event.related_states.all())), 20),
        Column("sources", event_sources, 60),
        Column("url", lambda event: event.get_absolute_url(), 30),
        Column("created_at", attrgetter("created_at"), 20),
        Column("updated_at", attrgetter("updated_at"), 20),
    ]

    def queryset(self):
        return (
            Event.objects.with_era_title()
            .annotate(visibility=visibility())
            .select_related("category")
            .prefetch_related("sources", "related_states", "also_in_eras")
            .order_by("date", "pk")
        )

    def objects(self, form):
        return form.filter(self.queryset()).iterator(chunk_size=ITERATOR_CHUNK)


class ErasDataset(Dataset):
    name = "eras"
    title = "Timeline eras"
    description = (
        "The eras that tell the timeline as chapters, drafts included (see “visibility”), with their introductions."
    )
    form_class = forms.Form  # no filters: a handful of rows
    model = Era
    columns = [
        Column("id", attrgetter("pk"), 8),
        Column("slug", attrgetter("slug"), 24),
        Column("title", attrgetter("title"), 36),
        Column("short_title", attrgetter("short_title"), 20),
        Column("start_date", attrgetter("start_date"), 12),
        Column("end_date", attrgetter("end_date"), 12),
        Column("period_precision", attrgetter("period_precision"), 10),
        Column("period_text", attrgetter("period_text"), 28),
        Column("summary", attrgetter("summary"), 60),
        Column("introduction", attrgetter("introduction"), 60),
        Column("status", attrgetter("status"), 10),
        Column("publish_at", attrgetter("publish_at"), 20),
        Column("visibility", attrgetter("visibility"), 10),
        Column("url", lambda era: era.get_absolute_url(), 30),
        Column("updated_at", attrgetter("updated_at"), 20),
    ]

    def queryset(self):
        return Era.objects.annotate(visibility=visibility()).order_by("start_date", "pk")


class AnniversariesDataset(Dataset):
    name = "anniversaries"
    title = "Anniversaries"
    description = "The Convention's anniversary pages, drafts included (see “visibility”), with their dates and texts."
    form_class = forms.Form  # no filters: a handful of rows
    model = Anniversary
    columns = [
        Column("id", attrgetter("pk"), 8),
        Column("years", attrgetter("years"), 8),
        Column("anchor", attrgetter("anchor"), 12),
        Column("date", attrgetter("date"), 12),
        Column("title", attrgetter("title"), 36),
        Column("introduction", attrgetter("introduction"), 60),
        Column("body", attrgetter("body"), 60),
        Column("hero_alt_text", attrgetter("hero_alt_text"), 30),
        Column("hero_credit", attrgetter("hero_credit"), 24),
        Column("status", attrgetter("status"), 10),
        Column("publish_at", attrgetter("publish_at"), 20),
        Column("visibility", attrgetter("visibility"), 10),
        Column("url", lambda anniversary: anniversary.get_absolute_url(), 24),
        Column("updated_at", attrgetter("updated_at"), 20),
    ]

    def queryset(self):
        return Anniversary.objects.annotate(visibility=visibility()).order_by("years")


class CategoriesDataset(Dataset):
    name = "categories"
    title = "Timeline categories"
    description = "The kinds of event, with how many events each has (drafts included)."
    form_class = forms.Form
    model = Category
    columns = [
        Column("id", attrgetter("pk"), 8),
        Column("slug", attrgetter("slug"), 24),
        Column("name", attrgetter("name"), 28),
        Column("description", attrgetter("description"), 60),
        Column("events", attrgetter("event_count"), 8),
        Column("url", lambda category: category.get_absolute_url(), 36),
    ]

    def queryset(self):
        return Category.objects.annotate(event_count=Count("events")).order_by("name")


# --- The change history of treaty records ------------------------------------------------------------------------

# Fields whose changes are not reported: bookkeeping, and a source's State (the row names the State already).
UNREPORTED_FIELDS = {"id", "seed_checksum", "updated_at", "state"}
CHANGE_KINDS = {"+": "created", "~": "changed", "-": "deleted"}


def history_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def reported_fields(model):
    history_fields = {field.name for field in model.history.model._meta.concrete_fields}
    return [
        field
        for field in model._meta.concrete_fields
        if field.name in history_fields and field.name not in UNREPORTED_FIELDS and not field.generated
    ]


def field_changes(model, *, start, end, state):
    """
    One dict per changed field per historical record of `model` (State or StateSource) in [start, end), oldest
    first. A record is compared with the one before it for the same object, which may be older than `start`: the
    latest record before `start` of each object is read too, as the baseline, and not reported.
    """
    history = model.history.model.objects.all()
    fields = reported_fields(model)
    if model is State:
        who = {"iso3_": F("iso3"), "state_": F("name")}
        if state is not None:
            history = history.filter(id=state.pk)
    else:
        owner = State.objects.filter(pk=OuterRef("state_id"))
        who = {"iso3_": Subquery(owner.values("iso3")[:1]), "state_": Subquery(owner.values("name")[:1])}
        if state is not None:
            history = history.filter(state_id=state.pk)
    if end is not None:
        history = history.filter(history_date__lt=end)
    if start is not None:
        baseline = history.filter(history_date__lt=start).values("id").annotate(last=Max("history_id")).values("last")
        history = history.filter(Q(history_date__gte=start) | Q(history_id__in=baseline))
    records = (
        history.annotate(**who)
        .order_by("history_date", "history_id")
        .values(
            "id",
            "history_id",
            "history_date",
            "history_type",
            "history_change_reason",
            "history_user__username",
            "iso3_",
            "state_",
            *(field.attname for field in fields),
        )
        .iterator(chunk_size=ITERATOR_CHUNK)
    )
    record_name = model._meta.verbose_name
    latest = {}  # object id -> its previous record: one entry per object, however long the history
    for record in records:
        previous = latest.get(record["id"])
        latest[record["id"]] = record
        if start is not None and record["history_date"] < start:
            continue
        common = {
            "changed_at": record["history_date"],
            "changed_by": record["history_user__username"] or "",
            "record": record_name,
            "iso3": record["iso3_"] or "",
            "state": record["state_"] or "",
            "reason": record["history_change_reason"] or "",
            "history_id": record["history_id"],
        }
        kind = CHANGE_KINDS[record["history_type"]]
        if kind == "deleted":
            yield {**common, "change": kind, "field": "", "field_label": "", "old": "", "new": ""}
            continue
        for field in fields:
            new = record[field.attname]
            if previous is None:
                if new in (None, "", False):
                    continue
                old = ""
            elif new == previous[field.attname]:
                continue
            else:
                old = history_text(previous[field.attname])
            yield {
                **common,
                "change": kind,
                "field": field.name,
                "field_label": str(field.verbose_name),
                "old": old,
                "new": history_text(new),
            }


class TreatyHistoryDataset(Dataset):
    name = "treaty-history"
    title = "Change history of treaty records"
    description = (
        "Who changed what in the treaty records, and when: one row per changed field of a State or of one of its "
        "sources, with the old and the new value, oldest first. Changes made by the bundled data (seed) have no user."
    )
    form_class = HistoryFilterForm
    columns = [
        Column("changed_at", itemgetter("changed_at"), 20),
        Column("changed_by", itemgetter("changed_by"), 16),
        Column("change", itemgetter("change"), 10),
        Column("record", itemgetter("record"), 10),
        Column("iso3", itemgetter("iso3"), 6),
        Column("state", itemgetter("state"), 28),
        Column("field", itemgetter("field"), 24),
        Column("field_label", itemgetter("field_label"), 28),
        Column("old", itemgetter("old"), 30),
        Column("new", itemgetter("new"), 30),
        Column("reason", itemgetter("reason"), 20),
        Column("history_id", itemgetter("history_id"), 10),
    ]
    RECORD_ORDER = {State: 0, StateSource: 1}

    def objects(self, form):
        """The changes of States and of their sources, merged in time order (each stream is read lazily)."""
        start, end = form.period()
        state = form.cleaned_data.get("state")

        def keyed(model, order):
            for change in field_changes(model, start=start, end=end, state=state):
                yield (change["changed_at"], order, change["history_id"]), change

        streams = [keyed(model, order) for model, order in self.RECORD_ORDER.items()]
        return (change for _key, change in heapq.merge(*streams, key=itemgetter(0)))


REGISTRY = {
    dataset.name: dataset
    for dataset in (
        StatesDataset(),
        EventsDataset(),
        ErasDataset(),
        AnniversariesDataset(),
        CategoriesDataset(),
        TreatyHistoryDataset(),
    )
}


def get(name):
    return REGISTRY.get(name)


def for_model(model):
    """The dataset exported from `model`'s admin list, or None."""
    return next((dataset for dataset in REGISTRY.values() if dataset.model is model), None)
