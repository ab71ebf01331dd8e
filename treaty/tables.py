"""
The rows of the membership table, rendered in Python: 197 rows × 7 cells through the template engine cost several
times more than the rest of the page together. Same markup as before, every value escaped.
"""

from functools import lru_cache
from html import escape  # the plain function: no lazy-string wrapper in a loop of hundreds
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.safestring import mark_safe

from .models import Instrument, Status

MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# The cells that depend only on a choice, escaped once.
STATUS_CELLS = {
    status: f'<td><span class="status status-{status}">{escape(label)}</span></td>' for status, label in Status.choices
}
INSTRUMENT_CELLS = {instrument: f"<td>{escape(label)}</td>" for instrument, label in Instrument.choices}
EMPTY = "<td></td>"


@lru_cache(maxsize=4096)
def time_tag(day):
    """`<time>` for a day, written once per process: the table holds some 200 distinct dates on every render."""
    return f'<time datetime="{day.isoformat()}">{day.day} {MONTHS[day.month]} {day.year}</time>'


@lru_cache(maxsize=4096)
def date_cell(day):
    return f"<td>{time_tag(day)}</td>"


def row_html(state, as_of, detail_url):
    """One <tr>: the State's facts as known on `as_of` (later dates are not shown)."""
    deposited = state.deposited_on is not None and state.deposited_on <= as_of
    signed = date_cell(state.signed_on) if state.signed_on and state.signed_on <= as_of else EMPTY
    if deposited:
        instrument, deposit = INSTRUMENT_CELLS[state.instrument], date_cell(state.deposited_on)
        entry = date_cell(state.entry_into_force) if state.entry_into_force else EMPTY
    else:
        instrument = deposit = entry = EMPTY
    if state.withdrawal_notified_on and state.withdrawal_notified_on <= as_of:
        effect = (
            "; suspended (Art. 20(3))"
            if state.withdrawal_suspended
            else f"; effective {time_tag(state.withdrawal_effective_on)}"
        )
        withdrawal = f"<td>notified {time_tag(state.withdrawal_notified_on)}{effect}</td>"
    else:
        withdrawal = EMPTY
    return (
        f'<tr><th scope="row"><a href="{detail_url}">{escape(state.name)}</a></th>{STATUS_CELLS[state.status]}'
        f"{signed}{instrument}{deposit}{entry}{withdrawal}</tr>"
    )


# The table's columns: (the `sort` value that orders by it, or None, heading). Sort keys: forms.SORT_FIELDS.
COLUMNS = (
    ("name", "State"),
    ("status", "Status"),
    ("signed", "Signature"),
    (None, "Instrument"),
    ("deposited", "Deposited"),
    ("entry", "Entry into force"),
    ("withdrawal", "Withdrawal"),
)


def sort_query(params, sort):
    """The query string `params` (a QueryDict) with `sort` in place of its own: the other filters are kept."""
    pairs = []
    for key, values in params.lists():
        if key == "sort":
            pairs.append((key, sort))
        else:
            pairs.extend((key, value) for value in values)
    if "sort" not in params:
        pairs.append(("sort", sort))
    return escape(urlencode(pairs))


def header_row(params, current):
    """
    The `<tr>` of column headings. A sortable heading links to the table sorted by its column, the other way round
    when it already is, and says how it is sorted (`aria-sort`). `current`: the `sort` value in force.
    """
    cells = []
    for key, heading in COLUMNS:
        if key is None:
            cells.append(f'<th scope="col">{heading}</th>')
            continue
        direction = "ascending" if current == key else "descending" if current == f"-{key}" else None
        aria_sort = f' aria-sort="{direction}"' if direction else ""
        query = sort_query(params, f"-{key}" if current == key else key)
        cells.append(f'<th scope="col"{aria_sort}><a href="?{query}">{heading}</a></th>')
    return mark_safe("<tr>" + "".join(cells) + "</tr>")  # noqa: S308 - fixed headings, escaped query strings


# The columns the rows need, fetched as named tuples: building 197 model instances costs more than the rest.
FIELDS = (
    "name",
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


def membership_rows(states, *, as_of):
    """The table body's rows for `states` (annotated by `StateQuerySet.with_status`), or the empty-result row."""
    # Reverse once and fill in the code: the addresses differ only there.
    url_pattern = reverse("treaty:state-detail", args=["xxx"]).replace("xxx", "{}")
    rows = [row_html(state, as_of, url_pattern.format(state.iso3.lower())) for state in states]
    if not rows:
        rows = ['<tr><td colspan="7">No State matches these filters.</td></tr>']
    return mark_safe("\n".join(rows))  # noqa: S308 - every value above is escaped or generated
