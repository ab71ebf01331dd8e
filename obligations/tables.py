"""
The rows of the obligations tables for one day: what /obligations/clearance/, /obligations/stockpiles/, their CSVs
and the staff exports show of each State Party whose obligation was running that day. Built from the querysets'
`standings(as_of=)`; no query of their own.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext

from core.dates import Dates

from .models import ClearanceObligation, Standing, StockpileObligation

STANDING_ORDER = {value: index for index, value in enumerate(Standing.values)}


@dataclass(frozen=True)
class Row:
    obligation: object  # the ClearanceObligation or StockpileObligation
    name: str
    iso2: str  # with `name`, the State's name in the active language (`|state_name`)
    iso3: str
    region: str
    obligations_from: date
    original_deadline: date
    standing: str
    deadline: Dates | None  # in force that day; None: not known (or completed)
    deadline_end: date | None
    inferred: bool
    reason: str
    completed: Dates | None
    extensions: int  # granted (or requested) by that day

    @property
    def standing_label(self):
        return Standing(self.standing).label

    def sort_value(self, key):
        if key == "name":
            return self.name
        if key == "standing":
            return STANDING_ORDER[self.standing]
        if key == "start":
            return self.obligations_from
        if key == "deadline":
            return self.deadline_end if self.deadline else None
        return self.obligation.completed_on

    @property
    def url(self):
        return self.obligation.state.get_absolute_url()


def _row(obligation, standing, *, original_deadline, extensions, day):
    state = obligation.state
    completed_on = obligation.completed_on
    completed = obligation.completed if completed_on and completed_on <= day else None
    return Row(
        obligation=obligation,
        name=state.name,
        iso2=state.iso2,
        iso3=state.iso3,
        region=state.region,
        obligations_from=state.obligations_from,
        original_deadline=original_deadline,
        standing=standing.standing,
        deadline=standing.deadline,
        deadline_end=standing.deadline_end,
        inferred=standing.inferred,
        reason=standing.reason,
        completed=completed,
        extensions=extensions,
    )


def clearance_rows(*, as_of):
    """Every State Party with an Article 5 obligation running at the end of `as_of`, by name."""
    return [
        _row(
            obligation,
            standing,
            original_deadline=obligation.original_deadline,
            extensions=sum(
                1
                for extension in obligation.extensions.all()
                if extension.granted_date is not None and extension.granted_date <= as_of
            ),
            day=as_of,
        )
        for obligation, standing in ClearanceObligation.objects.standings(as_of=as_of)
    ]


def stockpile_rows(*, as_of):
    """Every State with an Article 4 record whose obligation was running at the end of `as_of`, by name."""
    return [
        _row(obligation, standing, original_deadline=obligation.deadline, extensions=0, day=as_of)
        for obligation, standing in StockpileObligation.objects.standings(as_of=as_of)
    ]


def figures(rows):
    """Headline (number, label) pairs for templates/includes/_figures.html."""
    counts = dict.fromkeys(Standing.values, 0)
    for row in rows:
        counts[row.standing] += 1
    return [
        (len(rows), gettext("with the obligation that day")),
        (counts[Standing.UNDER_WAY], gettext("under way, deadline not passed")),
        (counts[Standing.COMPLETED], gettext("completion declared")),
        (counts[Standing.MISSED], gettext("deadline passed, no extension or completion recorded")),
        (counts[Standing.NOT_KNOWN], gettext("not known from the data")),
    ]
