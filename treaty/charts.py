"""
Charts drawn on the server as inline SVG: no JavaScript, no external service. Each comes with its data as a table
(templates/treaty/_charts.html), so the figures can be read (and printed) without the picture.

Everything here is a pure function of rows of every State (`State.objects.for_charts()`, or the rows of an
unfiltered /states/ table, which hold the same fields): the page that has them asks the database nothing more.

In a language written right to left (Arabic) the charts are mirrored, as their readers read them: time runs from
right to left, the count's axis stands on the right, the bars grow from the right and the labels are anchored
from their right end (`direction="rtl"` on the <svg>, so `text-anchor` "start" is the right end). The English
charts are exactly as they always were.
"""

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from html import escape  # the plain function: no lazy-string wrapper in loops
from itertools import accumulate, groupby

from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from core import locale
from core.dates import long_date

from . import rules
from .models import Region, figures_by_region_from_rows

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 16, 28


@dataclass(frozen=True)
class Moment:
    day: date
    label: str


def parties_series(rows, *, until):
    """
    The number of States Parties after each day on which it changed, up to `until`: `[(day, count), …]`, starting
    on the day the Convention opened for signature. Parties as in `Status.parties()`: deposited, withdrawal not in
    effect. `rows`: every State, with `deposited_on`, `withdrawal_effective_on` and `withdrawal_suspended`.
    """
    changes = {}
    for row in rows:
        deposited_on, withdrawal_effective_on = row.deposited_on, row.withdrawal_effective_on
        if deposited_on is None or deposited_on > until:
            continue
        changes[deposited_on] = changes.get(deposited_on, 0) + 1
        if withdrawal_effective_on and not row.withdrawal_suspended and withdrawal_effective_on <= until:
            changes[withdrawal_effective_on] = changes.get(withdrawal_effective_on, 0) - 1
    days = sorted(changes)
    counts = accumulate(changes[day] for day in days)
    return [(rules.OPENED_FOR_SIGNATURE_ON, 0), *zip(days, counts, strict=True)]


def value_on(series, day):
    """The series' value at the end of `day`."""
    value = 0
    for point_day, count in series:
        if point_day > day:
            break
        value = count
    return value


def key_moments(rows, *, until):
    """Entry into force and the days withdrawals took effect, up to `until` (`rows`: as for the series, with `name`
    and `iso2`, for the States' names in the active language)."""
    moments = []
    if until >= rules.CONVENTION_IN_FORCE_ON:
        moments.append(Moment(rules.CONVENTION_IN_FORCE_ON, gettext("Entry into force")))
    withdrawals = sorted(
        (row.withdrawal_effective_on, locale.state_name(row))
        for row in rows
        if row.withdrawal_effective_on and not row.withdrawal_suspended and row.withdrawal_effective_on <= until
    )
    for day, group in groupby(withdrawals, key=lambda withdrawal: withdrawal[0]):
        states = ", ".join(name for _, name in group)
        moments.append(Moment(day, gettext("Withdrawal: %(states)s") % {"states": states}))
    return moments


def _scale(series, until, *, rtl=False):
    """
    `x(day)` and `y(count)`: the chart's coordinates, as text with one decimal. `format(v, ".1f")` gives what
    `str(round(v, 1))` gives, at a fifth of the cost (`round()` to decimals is slow), and a chart has hundreds.
    Right to left, time runs from the right edge (less `LEFT`, where the axis then stands) to the left.
    """
    start = date(rules.OPENED_FOR_SIGNATURE_ON.year, 1, 1)
    end = date(until.year + 1, 1, 1)
    span = (end - start).days
    top = max(50, -(-max(count for _, count in series) // 50) * 50)

    def x(day):
        return f"{LEFT + (day - start).days / span * (WIDTH - LEFT - RIGHT):.1f}"

    def x_rtl(day):
        return f"{WIDTH - LEFT - (day - start).days / span * (WIDTH - LEFT - RIGHT):.1f}"

    def y(count):
        return f"{HEIGHT - BOTTOM - count / top * (HEIGHT - TOP - BOTTOM):.1f}"

    return (x_rtl if rtl else x), y, start, end, top


def _direction():
    """`(rtl, the <svg> element's direction attribute)` for the active language."""
    rtl = translation.get_language_bidi()
    return rtl, ' direction="rtl"' if rtl else ""


def parties_over_time_svg(series, *, until, moments=()):
    """A step chart of `series` from December 1997 to `until`, with vertical marks at the key moments."""
    # Written with f-strings: every value is a number the code computed, except the moments' labels (escaped).
    rtl, direction = _direction()
    x, y, start, end, top = _scale(series, until, rtl=rtl)
    steps = [f"M{x(series[0][0])} {y(series[0][1])}"]
    steps.extend(f"H{x(day)}V{y(count)}" for day, count in series[1:])
    steps.append(f"H{x(until)}")
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}"{direction} role="img"'
        ' aria-labelledby="parties-chart-caption">'
    ]
    grid_from, grid_to, axis_x = (RIGHT, WIDTH - LEFT, WIDTH - LEFT + 6) if rtl else (LEFT, WIDTH - RIGHT, LEFT - 6)
    for value in range(0, top + 1, 50):
        parts.append(
            f'<line class="chart-grid" x1="{grid_from}" x2="{grid_to}" y1="{y(value)}" y2="{y(value)}"/>'
            f'<text class="chart-label" x="{axis_x}" y="{float(y(value)) + 4}" text-anchor="end">{value}</text>'
        )
    step = 2 if end.year - start.year <= 16 else 4
    parts.extend(
        f'<text class="chart-label" x="{x(date(year, 1, 1))}" y="{HEIGHT - 8}" text-anchor="middle">{year}</text>'
        for year in range(start.year + 1, end.year, step)
    )
    parts.append(f'<path class="chart-line" d="{"".join(steps)}"/>')
    for moment in moments:
        at, title = x(moment.day), f"{long_date(moment.day)}: {moment.label}"
        parts.append(
            f'<g class="chart-moment"><line x1="{at}" x2="{at}" y1="{TOP}" y2="{HEIGHT - BOTTOM}"/>'
            f'<circle cx="{at}" cy="{y(value_on(series, moment.day))}" r="3.5"/><title>{escape(title)}</title></g>'
        )
    parts.append("</svg>")
    # Safe: every value is a number this function computed, except the moments' titles, escaped above.
    return mark_safe("".join(parts))  # noqa: S308


def year_end_table(series, *, until):
    """`[(label, count)]` at the end of each year, and on `until` itself: the chart's text alternative."""
    days = [day for day, _ in series]

    def value_at_end_of(day):
        index = bisect_right(days, day)
        return series[index - 1][1] if index else 0

    rows = [(str(year), value_at_end_of(date(year, 12, 31))) for year in range(1997, until.year)]
    rows.append((long_date(until), value_at_end_of(until)))
    return rows


def by_region_rows(figures_by_region):
    """`[(label, parties, states, percent)]` in region order, from `StateQuerySet.figures_by_region()`."""
    rows = []
    for region in Region:
        row = figures_by_region.get(region.value, {"parties": 0, "states": 0})
        percent = round(100 * row["parties"] / row["states"]) if row["states"] else 0
        rows.append((locale.region_name(region.value, str(region.label)), row["parties"], row["states"], percent))
    return rows


def by_region_svg(rows):
    """Horizontal bars: the share of each region's States that are party, with the numbers written out."""
    bar_left, bar_width, row_height = 110, 470, 34
    of = gettext("%(parties)s of %(states)s")
    height = row_height * len(rows) + 8
    rtl, direction = _direction()
    parts = [
        f'<svg class="chart chart-regions" viewBox="0 0 {WIDTH} {height}"{direction} role="img"'
        ' aria-labelledby="regions-chart-caption">'
    ]
    for index, (label, parties, states, percent) in enumerate(rows):
        top, baseline = index * row_height + 7, index * row_height + 22
        filled = round(bar_width * percent / 100, 1)
        count = escape(of % {"parties": parties, "states": states})
        # Right to left, everything is measured from the right edge: the label's start, the bar, the figures.
        label_x, bar_x, filled_x, figures_x = (
            (
                WIDTH,
                WIDTH - bar_left - bar_width,
                round(WIDTH - bar_left - filled, 1),
                WIDTH - bar_left - bar_width - 10,
            )
            if rtl
            else (0, bar_left, bar_left, bar_left + bar_width + 10)
        )
        parts.append(
            f'<text class="chart-label" x="{label_x}" y="{baseline}">{escape(label)}</text>'
            f'<rect class="chart-bar-bg" x="{bar_x}" y="{top}" width="{bar_width}" height="20" rx="2"/>'
            f'<rect class="chart-bar" x="{filled_x}" y="{top}" width="{filled}" height="20" rx="2"/>'
            f'<text class="chart-label" x="{figures_x}" y="{baseline}">{count}</text>'
        )
    parts.append("</svg>")
    # Safe: every value is a number this function computed, except the region labels and counts, escaped above.
    return mark_safe("".join(parts))  # noqa: S308


def charts_context(rows, *, until, figures_by_region=None):
    """
    What templates/treaty/_charts.html needs: both charts and the data of their tables, up to the day `until`, from
    `rows` of every State (see the module's docstring). A caller that already holds the regions' figures of that
    day passes them; else they are tallied from the rows, which then also need `region` and `status`.
    """
    series = parties_series(rows, until=until)
    moments = key_moments(rows, until=until)
    if figures_by_region is None:
        figures_by_region = figures_by_region_from_rows(rows)
    region_rows = by_region_rows(figures_by_region)
    return {
        "chart_until": until,
        "parties_chart": parties_over_time_svg(series, until=until, moments=moments),
        "parties_table": year_end_table(series, until=until),
        "chart_moments": moments,
        "regions_chart": by_region_svg(region_rows),
        "regions_table": region_rows,
    }
