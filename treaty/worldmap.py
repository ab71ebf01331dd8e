"""
The membership map: a server-rendered SVG of every State coloured — and patterned, so colour is never the only
cue — by its status on a day. Geometry is precomputed by scripts/build_world_map.py (Natural Earth, public domain).
"""

import json
from functools import cache
from pathlib import Path

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from .models import Status

GEOMETRY = Path(__file__).resolve().parent / "data" / "world_map.json"

# The four categories the map shows, in legend order.
PARTY, SIGNATORY, WITHDRAWN, NOT_PARTY = "party", "signatory", "withdrawn", "not-party"
LEGEND = [
    (PARTY, "State Party", "solid fill"),
    (SIGNATORY, "Signatory, not yet party", "diagonal stripes"),
    (WITHDRAWN, "Withdrawn", "dots"),
    (NOT_PARTY, "Not party", "pale, no pattern"),
]
CATEGORY = {
    Status.DEPOSITED: PARTY,
    Status.IN_FORCE: PARTY,
    Status.WITHDRAWAL_NOTIFIED: PARTY,
    Status.SIGNATORY: SIGNATORY,
    Status.WITHDRAWN: WITHDRAWN,
    Status.NOT_PARTY: NOT_PARTY,
}

PATTERNS = mark_safe(
    "<defs>"
    '<pattern id="map-stripes" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
    '<rect class="map-pattern-bg" width="4" height="4"/><rect class="map-pattern-fg" width="2" height="4"/></pattern>'
    '<pattern id="map-dots" width="4" height="4" patternUnits="userSpaceOnUse">'
    '<rect class="map-pattern-bg-withdrawn" width="4" height="4"/>'
    '<circle class="map-pattern-fg-withdrawn" cx="2" cy="2" r="1.1"/></pattern>'
    "</defs>"
)


@cache
def geometry():
    """The outlines, read once per process."""
    return json.loads(GEOMETRY.read_text(encoding="utf-8"))


def render(statuses):
    """
    The map as SVG markup. `statuses` maps ISO3 → (name, `Status`) for every State to draw.

    Each State links to its page. The map is hidden from assistive technology and from the keyboard's tab order:
    the membership table beside it carries the same facts and links as text.
    """
    data = geometry()
    shapes = format_html_join(
        "",
        '<a href="{}" tabindex="-1"><path class="map-{}" d="{}"><title>{}: {}</title></path></a>',
        (
            (
                reverse("treaty:state-detail", args=[shape["iso3"].lower()]),
                CATEGORY[statuses[shape["iso3"]][1]],
                shape["d"],
                statuses[shape["iso3"]][0],
                Status(statuses[shape["iso3"]][1]).label,
            )
            for shape in data["shapes"]
            if shape["iso3"] in statuses
        ),
    )
    others = format_html_join(
        "",
        '<path class="map-other" d="{}"><title>{} (not in the list of States)</title></path>',
        ((shape["d"], shape["name"]) for shape in data["shapes"] if shape["iso3"] not in statuses),
    )
    markers = format_html_join(
        "",
        '<a href="{}" tabindex="-1"><circle class="map-{} map-marker" cx="{}" cy="{}" r="3.5">'
        "<title>{}: {}</title></circle></a>",
        (
            (
                reverse("treaty:state-detail", args=[marker["iso3"].lower()]),
                CATEGORY[statuses[marker["iso3"]][1]],
                marker["x"],
                marker["y"],
                statuses[marker["iso3"]][0],
                Status(statuses[marker["iso3"]][1]).label,
            )
            for marker in data["markers"]
            if marker["iso3"] in statuses
        ),
    )
    return format_html(
        '<svg class="world-map" viewBox="{}" aria-hidden="true" focusable="false">{}{}{}{}</svg>',
        data["viewBox"],
        PATTERNS,
        others,
        shapes,
        markers,
    )


def counts(statuses):
    """How many States fall in each legend category."""
    tally = dict.fromkeys(category for category, _, _ in LEGEND)
    for category in tally:
        tally[category] = sum(1 for _, status in statuses.values() if CATEGORY[status] == category)
    return tally
