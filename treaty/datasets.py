"""
The treaty records staff can export (`exports.datasets` finds this module): the States with their actions, and the
change history of States and their sources. The columns of /states.csv are here too, since the States' export
starts with them.
"""

import heapq
from datetime import date, datetime, time, timedelta
from operator import attrgetter, itemgetter

from django import forms
from django.db.models import DateField, F, Max, OuterRef, Q, Subquery, Value
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from core.forms import IsoDateField
from core.translations import BASE_LANGUAGE, column, translated_fields
from exports.datasets import ITERATOR_CHUNK, Column, Dataset, register

from .forms import MembershipFilterForm
from .models import Region, State, StateSource

# The columns of /states.csv, each a function giving a native value (core.spreadsheets writes them as text). The staff
# export of States (`StatesDataset`) starts with these same columns.
MEMBERSHIP_COLUMNS = {
    "name": attrgetter("name"),
    "iso2": attrgetter("iso2"),
    "iso3": attrgetter("iso3"),
    "region": lambda state: str(Region(state.region).label),
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


# The header of /states.csv in the language of its address (/fr/states.csv): the column names translated, as
# identifiers in the same style (the ISO codes keep theirs); in English they are the names above. The values do not
# change with the language.
CSV_LABELS = {
    "name": pgettext_lazy("CSV column", "name"),
    "region": pgettext_lazy("CSV column", "region"),
    "status": pgettext_lazy("CSV column", "status"),
    "signature_date": pgettext_lazy("CSV column", "signature_date"),
    "signature_place": pgettext_lazy("CSV column", "signature_place"),
    "instrument": pgettext_lazy("CSV column", "instrument"),
    "deposit_date": pgettext_lazy("CSV column", "deposit_date"),
    "entry_into_force": pgettext_lazy("CSV column", "entry_into_force"),
    "withdrawal_notified": pgettext_lazy("CSV column", "withdrawal_notified"),
    "withdrawal_effective": pgettext_lazy("CSV column", "withdrawal_effective"),
    "withdrawal_suspended": pgettext_lazy("CSV column", "withdrawal_suspended"),
}


def csv_header(columns):
    """The column names `columns` as the active language writes them (`CSV_LABELS`)."""
    return [str(CSV_LABELS.get(name, name)) for name in columns]


def csv_row(state):
    return [value(state) for value in MEMBERSHIP_COLUMNS.values()]


# --- States ------------------------------------------------------------------------------------------------------


STATE_WIDTHS = {"name": 30, "region": 10, "status": 20, "signature_place": 36, "instrument": 14}


@register
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
    state_columns = {"name": lambda state: state}  # with a language: the State's name in it (`name_fr`)
    related_translations = {"public_note": (lambda state: state, "note")}
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


# --- The change history of treaty records ------------------------------------------------------------------------


class HistoryFilterForm(forms.Form):
    """The change history of treaty records: a date range (either end may be open) and optionally one State."""

    # `from` is a Python keyword: renamed in __init__, as the timeline's form does, so the address says ?from=.
    from_date = IsoDateField(label="Changed from", required=False, example="2025-01-31")
    to = IsoDateField(label="Changed until", required=False, example="2025-12-31")
    state = forms.CharField(
        label="State (ISO code)",
        required=False,
        max_length=3,
        strip=True,
        widget=forms.TextInput(attrs={"size": 4}),
        help_text="Three letters, e.g. FRA; empty for every State.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {("from" if name == "from_date" else name): field for name, field in self.fields.items()}

    def clean_state(self):
        code = self.cleaned_data["state"].upper()
        if not code:
            return None
        state = State.objects.filter(iso3=code).first()
        if state is None:
            raise forms.ValidationError("No State has the ISO code '%(code)s'.", params={"code": code})
        return state

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("from"), cleaned.get("to")
        if first and last and first > last:
            raise forms.ValidationError(f"“Changed from” ({first}) comes after “Changed until” ({last}): swap them.")
        return cleaned

    def period(self):
        """The range as aware datetimes: [start, end), either None when open."""
        zone = timezone.get_current_timezone()
        first, last = self.cleaned_data.get("from"), self.cleaned_data.get("to")
        start = datetime.combine(first, time.min, tzinfo=zone) if first else None
        end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=zone) if last else None
        return start, end


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
    # A translated field's English column (`note_en`) changes with the field itself (`note`): reported once, as the
    # field; the other languages' columns (`note_fr`) are reported as themselves.
    english = {column(name, BASE_LANGUAGE) for name in translated_fields(model)}
    return [
        field
        for field in model._meta.concrete_fields
        if field.name in history_fields
        and field.name not in UNREPORTED_FIELDS
        and field.name not in english
        and not field.generated
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


@register
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

    def log_value(self, name, value):
        """The export log names a State by its ISO code."""
        if isinstance(value, State):
            return value.iso3
        return super().log_value(name, value)

    def objects(self, form):
        """The changes of States and of their sources, merged in time order (each stream is read lazily)."""
        start, end = form.period()
        state = form.cleaned_data.get("state")

        def keyed(model, order):
            for change in field_changes(model, start=start, end=end, state=state):
                yield (change["changed_at"], order, change["history_id"]), change

        streams = [keyed(model, order) for model, order in self.RECORD_ORDER.items()]
        return (change for _key, change in heapq.merge(*streams, key=itemgetter(0)))
