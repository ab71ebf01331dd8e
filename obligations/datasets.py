"""
The obligations records staff can export (`exports.datasets` finds this module), and the columns of the public
/obligations/clearance.csv and /obligations/stockpiles.csv, which the exports start with.

Dates known only to the month or the year are written as they are known ("2016-04", "2009"), never as a made-up
day; a deadline not known is empty, with the reason in `not_known_because`.
"""

from operator import attrgetter

from django import forms
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from core.dates import machine_readable
from exports.datasets import ITERATOR_CHUNK, Column, Dataset, register

from . import tables
from .forms import ObligationFilterForm
from .models import ClearanceExtension, ClearanceObligation, StockpileObligation


def precise(dates):
    """A `Dates` value as ISO text at its precision ("2009", "2016-04", "2016-04-05"); "" for none."""
    return machine_readable(dates.start, dates.precision) if dates else ""


def extension_summary(extension):
    """ "12MSP: 2023-03-01"; "20MSP (meeting inferred): 2025-03-01"; "22MSP: not known"."""
    inferred = " (meeting inferred)" if extension.meeting_inferred else ""
    return f"{extension.meeting_label}{inferred}: {precise(extension.new_deadline_dates) or 'not known'}"


COMMON_COLUMNS = {
    "name": attrgetter("name"),
    "iso3": attrgetter("iso3"),
    "standing": attrgetter("standing"),
    "obligation_from": attrgetter("obligations_from"),
}
CLEARANCE_COLUMNS = {
    **COMMON_COLUMNS,
    "original_deadline": attrgetter("original_deadline"),
    "deadline_in_force": lambda row: precise(row.deadline),
    "deadline_from_inferred_meeting": attrgetter("inferred"),
    "not_known_because": attrgetter("reason"),
    "extensions_granted_by_then": attrgetter("extensions"),
    "completed_on": lambda row: precise(row.completed),
    "completion_meeting": lambda row: row.obligation.completion_meeting_code if row.completed else "",
}
STOCKPILE_COLUMNS = {
    **COMMON_COLUMNS,
    "deadline": attrgetter("original_deadline"),
    "not_known_because": attrgetter("reason"),
    "completed_on": lambda row: precise(row.completed),
}


# The headers of the public CSVs in the language of their address (/fr/obligations/clearance.csv), as identifiers in
# the same style; in English they are the names above (treaty.datasets.CSV_LABELS for /states.csv). Values do not
# change with the language.
CSV_LABELS = {
    "name": pgettext_lazy("CSV column", "name"),
    "standing": pgettext_lazy("CSV column", "standing"),
    "obligation_from": pgettext_lazy("CSV column", "obligation_from"),
    "original_deadline": pgettext_lazy("CSV column", "original_deadline"),
    "deadline_in_force": pgettext_lazy("CSV column", "deadline_in_force"),
    "deadline_from_inferred_meeting": pgettext_lazy("CSV column", "deadline_from_inferred_meeting"),
    "not_known_because": pgettext_lazy("CSV column", "not_known_because"),
    "extensions_granted_by_then": pgettext_lazy("CSV column", "extensions_granted_by_then"),
    "completed_on": pgettext_lazy("CSV column", "completed_on"),
    "completion_meeting": pgettext_lazy("CSV column", "completion_meeting"),
    "deadline": pgettext_lazy("CSV column", "deadline"),
}


def csv_header(columns):
    """The column names `columns` as the active language writes them (`CSV_LABELS`)."""
    return [str(CSV_LABELS.get(name, name)) for name in columns]


def csv_rows(columns, rows):
    getters = list(columns.values())
    return ([value(row) for value in getters] for row in rows)


class AsOfDataset(Dataset):
    """A dataset of the rows of an obligations page (`rows`: `tables.clearance_rows` or `tables.stockpile_rows`),
    with the page's own filters and `as_of`."""

    form_class = ObligationFilterForm
    rows_for_day = None

    def objects(self, form):
        return form.filter(type(self).rows_for_day(as_of=form.day()))

    def objects_for_admin(self, queryset):
        keep = set(queryset.values_list("pk", flat=True))
        return [row for row in type(self).rows_for_day(as_of=timezone.localdate()) if row.obligation.pk in keep]

    def file_stem(self, form=None, *, today):
        day = form.day() if form is not None else today
        return f"{self.name}-as-of-{day.isoformat()}"


@register
class ClearanceDataset(AsOfDataset):
    name = "clearance"
    title = "Clearance of mined areas (Article 5), with extensions"
    description = (
        "Each State Party whose Article 5 obligation was running on the chosen day: its standing, the deadline in "
        "force that day, its completion and every extension recorded (meeting and new deadline), with the sources."
    )
    model = ClearanceObligation
    rows_for_day = tables.clearance_rows
    columns = [
        *(Column(name, value, 14) for name, value in CLEARANCE_COLUMNS.items()),
        Column("extensions", lambda row: "; ".join(map(extension_summary, row.obligation.extensions.all())), 60),
        Column("status_note", lambda row: row.obligation.status_note, 60),
        Column("original_deadline_confirmed_by", lambda row: row.obligation.original_deadline_confirmed_by, 30),
        Column("sources", lambda row: " | ".join(row.obligation.source_urls), 60),
    ]


@register
class StockpilesDataset(AsOfDataset):
    name = "stockpiles"
    title = "Stockpile destruction (Article 4)"
    description = (
        "Each State with an Article 4 record whose obligation was running on the chosen day: its deadline, "
        "standing and completion, with the sources. Partial: only the well-documented cases are recorded."
    )
    model = StockpileObligation
    rows_for_day = tables.stockpile_rows
    columns = [
        *(Column(name, value, 14) for name, value in STOCKPILE_COLUMNS.items()),
        Column("status", lambda row: row.obligation.status, 12),
        Column("note", lambda row: row.obligation.note, 60),
        Column("sources", lambda row: " | ".join(row.obligation.source_urls), 60),
    ]


@register
class ClearanceExtensionsDataset(Dataset):
    name = "clearance-extensions"
    title = "Article 5 extensions, one row each"
    description = (
        "Every extension recorded, granted or requested: the State's code and the extension's number (AGO-3), the "
        "meeting (with “?” when inferred), the new deadline as precisely as known, the note and sources. The columns "
        "the import reads."
    )
    form_class = forms.Form  # no filters: about a hundred rows
    model = ClearanceExtension
    state_columns = {"state": lambda extension: extension.obligation.state}  # with a language: `state_fr`
    columns = [
        Column("extension", attrgetter("key"), 8),
        Column("state", lambda extension: extension.obligation.state.name, 24),
        Column("meeting", lambda extension: extension.meeting_code + ("?" if extension.meeting_inferred else ""), 10),
        Column("granted_on", attrgetter("granted_on"), 12),
        Column("new_deadline", lambda extension: precise(extension.new_deadline_dates), 12),
        Column("note", attrgetter("note"), 60),
        Column("sources", lambda extension: " | ".join(extension.source_urls), 60),
    ]

    def queryset(self):
        return ClearanceExtension.objects.select_related("obligation__state", "meeting").order_by(
            "obligation__state__name", "sequence"
        )

    def objects(self, form):
        return self.queryset().iterator(chunk_size=ITERATOR_CHUNK)
