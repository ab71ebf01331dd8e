"""
What an anniversary page says about its day, computed from the treaty and timeline data: the figures of the day
(or of today, for an anniversary still to come), the change since the previous anniversary, region by region, and
which anniversary comes next.
"""

from dataclasses import dataclass
from datetime import date

from core.locale import region_name
from treaty.models import Region, State, figures_by_region_from_rows, figures_total

from .models import Anchor, Anniversary, anniversary_date, years_completed

# Without a published page for it, the next anniversary announced is the next round one: every five years from
# the opening for signature in Ottawa.
MILESTONE_EVERY = 5
MILESTONE_ANCHOR = Anchor.SIGNATURE


@dataclass(frozen=True)
class RegionFigures:
    label: str
    parties: int
    bound: int
    joined: int
    left: int
    states: int


@dataclass(frozen=True)
class AnniversaryFigures:
    as_of: date  # the anniversary's day once it has come, else today
    reached: bool
    previous: Anniversary | None  # the previous published anniversary: "joined since" counts from its day
    parties: int
    bound: int
    joined: int
    left: int
    regions: list
    by_region: dict  # as `State.objects.figures_by_region(as_of=…)`, for the charts
    state_rows: list  # `State.objects.for_charts(as_of=…)`, for the charts

    @property
    def since(self):
        return self.previous.date if self.previous else None

    @property
    def states(self):
        return sum(row.states for row in self.regions)


def figures_for(anniversary, *, previous, today):
    """The figures of `anniversary`'s page, in two queries: every State's row of the day (the figures by region,
    which add up to the totals, and the charts come from it), and the changes by region."""
    reached = anniversary.is_reached(today)
    as_of = anniversary.date if reached else today
    since = previous.date if previous else None
    state_rows = list(State.objects.for_charts(as_of=as_of))
    by_region = figures_by_region_from_rows(state_rows)
    totals = figures_total(by_region)
    changes = State.objects.changes_by_region(after=since, until=as_of)
    regions = [
        RegionFigures(
            label=region_name(region, label),  # in the active language, from the CLDR
            parties=by_region.get(region, {}).get("parties", 0),
            bound=by_region.get(region, {}).get("bound", 0),
            joined=changes.get(region, {}).get("joined", 0),
            left=changes.get(region, {}).get("left", 0),
            states=by_region.get(region, {}).get("states", 0),
        )
        for region, label in Region.choices
    ]
    return AnniversaryFigures(
        as_of=as_of,
        reached=reached,
        previous=previous,
        parties=totals["parties"],
        bound=totals["bound"],
        joined=sum(row.joined for row in regions),
        left=sum(row.left for row in regions),
        regions=regions,
        by_region=by_region,
        state_rows=state_rows,
    )


def events_period(anniversary, *, previous):
    """
    The days whose events an anniversary's page shows: from the year after the previous anniversary (or from the
    Convention's own day, for the first) to the end of the anniversary's year, so that the events around the day
    itself — the celebrations — belong to it.
    """
    first = date(previous.date.year + 1, 1, 1) if previous else Anchor(anniversary.anchor).day
    return first, date(anniversary.date.year, 12, 31)


@dataclass(frozen=True)
class NextAnniversary:
    years: int
    date: date
    occasion: str
    days_left: int  # 0 on the day itself
    page: Anniversary | None  # its published page, if there is one


def next_anniversary(*, today):
    """
    The next anniversary to come (today's included): the next round one (every five years from the opening for
    signature), or a published page that comes earlier or on the same count of years — then with its page. One query.
    """
    anchor = MILESTONE_ANCHOR
    years = years_completed(anchor.day, today)
    if anniversary_date(anchor, years) != today:
        years += 1
    years = max(MILESTONE_EVERY, -(-years // MILESTONE_EVERY) * MILESTONE_EVERY)
    page = Anniversary.objects.published().upcoming(as_of=today).first()
    if page is not None and page.years <= years:
        return NextAnniversary(page.years, page.date, page.occasion, page.days_until(today), page)
    day = anniversary_date(anchor, years)
    return NextAnniversary(years, day, anchor.occasion, (day - today).days, None)
