"""
The chart of the obligations pages, drawn on the server as inline SVG (no JavaScript), with its data as a table
(templates/obligations/_chart.html): how many of the States in the table had completed, at the end of each year.

A completion known only to the month or the year counts from the end of that month or year (it is certain by
then); a completion with no date is not counted. A pure function of the table's rows: no query.

In a language written right to left (Arabic) the chart is mirrored: the years run from the right, the axis stands
on the right (`direction="rtl"` on the <svg>, as treaty.charts does). The English chart is as it always was.
"""

from html import escape

from django.utils import translation
from django.utils.safestring import mark_safe

from treaty import rules

from .models import period_end

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 40, 12, 14, 28


def completions_by_year(rows, *, until):
    """
    `[(year, completed in that year, completed by its end)]` from 1999 (the Convention's entry into force) to the
    year of `until`, counting completions certain by `until`.
    """
    ends = sorted(
        end
        for row in rows
        if row.obligation.completed_on
        and (end := period_end(row.obligation.completed_on, row.obligation.completed_precision)) <= until
    )
    first = rules.CONVENTION_IN_FORCE_ON.year
    table, total = [], sum(1 for end in ends if end.year < first)
    for year in range(first, until.year + 1):
        in_year = sum(1 for end in ends if end.year == year)
        total += in_year
        table.append((year, in_year, total))
    return table


def completions_svg(table, *, caption_id):
    """Bars: the number of States with completion declared by the end of each year."""
    top = max(10, -(-max((total for _, _, total in table), default=0) // 10) * 10)
    count = len(table)
    slot = (WIDTH - LEFT - RIGHT) / count
    rtl = translation.get_language_bidi()
    direction = ' direction="rtl"' if rtl else ""
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}"{direction} role="img"'
        f' aria-labelledby="{escape(caption_id)}">'
    ]
    grid_from, grid_to, axis_x = (RIGHT, WIDTH - LEFT, WIDTH - LEFT + 6) if rtl else (LEFT, WIDTH - RIGHT, LEFT - 6)
    for value in range(0, top + 1, max(1, top // 5)):
        y = HEIGHT - BOTTOM - value / top * (HEIGHT - TOP - BOTTOM)
        parts.append(
            f'<line class="chart-grid" x1="{grid_from}" x2="{grid_to}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="chart-label" x="{axis_x}" y="{y + 4:.1f}" text-anchor="end">{value}</text>'
        )
    step = 1 if count <= 14 else 2 if count <= 28 else 4
    for index, (year, _, total) in enumerate(table):
        height = total / top * (HEIGHT - TOP - BOTTOM)
        x = WIDTH - LEFT - (index + 1) * slot if rtl else LEFT + index * slot  # the slot's left edge
        parts.append(
            f'<rect class="chart-bar" x="{x + slot * 0.15:.1f}" y="{HEIGHT - BOTTOM - height:.1f}"'
            f' width="{slot * 0.7:.1f}" height="{height:.1f}"><title>{year}: {total}</title></rect>'
        )
        if index % step == 0:
            parts.append(
                f'<text class="chart-label" x="{x + slot / 2:.1f}" y="{HEIGHT - 8}" text-anchor="middle">{year}</text>'
            )
    parts.append("</svg>")
    # Safe: every value is a number this function computed; the caption's id is escaped above.
    return mark_safe("".join(parts))  # noqa: S308


def chart_context(rows, *, until, caption_id):
    """What templates/obligations/_chart.html needs; no chart before the Convention entered into force."""
    table = completions_by_year(rows, until=until) if until >= rules.CONVENTION_IN_FORCE_ON else []
    chart = completions_svg(table, caption_id=caption_id) if table else None
    return {"chart": chart, "chart_table": table, "chart_until": until, "chart_caption_id": caption_id}
