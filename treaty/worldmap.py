"""
The membership map: a server-rendered SVG of every State coloured — and patterned, so colour is never the only
cue — by its status on a day. Geometry is precomputed by scripts/build_world_map.py (Natural Earth, public domain).

This module draws; the legend beside the map is template markup (templates/treaty/state_list.html) fed by
`legend()`, a tally.
"""

import json
from functools import cache
from html import escape  # the plain function: no lazy-string wrapper in a loop of hundreds
from pathlib import Path

from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, gettext_lazy, pgettext_lazy

from .models import Status

GEOMETRY = Path(__file__).resolve().parent / "data" / "world_map.json"

# The four categories the map shows, in legend order.
PARTY, SIGNATORY, WITHDRAWN, NOT_PARTY = "party", "signatory", "withdrawn", "not-party"
LEGEND = [
    (PARTY, pgettext_lazy("map legend", "State Party"), gettext_lazy("solid fill")),
    (SIGNATORY, gettext_lazy("Signatory, not yet party"), gettext_lazy("diagonal stripes")),
    (WITHDRAWN, pgettext_lazy("map legend", "Withdrawn"), gettext_lazy("dots")),
    (NOT_PARTY, pgettext_lazy("map legend", "Not party"), gettext_lazy("pale, no pattern")),
]
CATEGORY = {
    Status.DEPOSITED: PARTY,
    Status.IN_FORCE: PARTY,
    Status.WITHDRAWAL_NOTIFIED: PARTY,
    Status.SIGNATORY: SIGNATORY,
    Status.WITHDRAWN: WITHDRAWN,
    Status.NOT_PARTY: NOT_PARTY,
}

PATTERNS = (
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
    """The outlines, read once per process: a pure function of a data file that ships with the code."""
    return json.loads(GEOMETRY.read_text(encoding="utf-8"))


@cache
def prepared_markup(language):
    """
    The map's markup split around what changes from day to day (each State's class and title), built once per
    process and language. A pure function of immutable input — the geometry file, the URLconf, both fixed while the
    process runs, and the language, which sets the prefix of the States' addresses (`/fr/states/…`) and so is the
    memo's key — so the memo can never be stale; the geometry is escaped once here rather than on every render.
    Returns (viewBox, [(iso3, before_class, between_class_and_title, after_title)], [(iso3, plain_markup)]): the
    second list draws the outlines of States missing from a render's statuses, and of territories (iso3 None).
    """
    data = geometry()

    def url(iso3):
        return escape(reverse("treaty:state-detail", args=[iso3.lower()]))

    pieces, plain = [], []
    outside = gettext("%(name)s (not in the list of States)")
    for shape in data["shapes"]:
        d = escape(shape["d"])
        plain.append(
            (
                shape["iso3"],
                f'<path class="map-other" d="{d}"><title>{escape(outside % {"name": shape["name"]})}</title></path>',
            )
        )
        if shape["iso3"]:
            before = f'<a href="{url(shape["iso3"])}" tabindex="-1"><path class="map-'
            pieces.append((shape["iso3"], before, f'" d="{d}"><title>', "</title></path></a>"))
    for marker in data["markers"]:
        before = f'<a href="{url(marker["iso3"])}" tabindex="-1"><circle class="map-'
        middle = f' map-marker" cx="{marker["x"]}" cy="{marker["y"]}" r="3.5"><title>'
        pieces.append((marker["iso3"], before, middle, "</title></circle></a>"))
    return data["viewBox"], pieces, plain


@cache
def status_titles(language):
    """What a State's title says of each status in `language`, escaped once: a pure function of the language and the
    compiled catalogues, which do not change while the process runs."""
    return {status: escape(str(label)) for status, label in Status.choices}


def render(statuses):
    """
    The map as SVG markup. `statuses` maps ISO3 → (name, `Status`) for every State to draw; territories that are not
    in it are drawn plain.

    Each State links to its page. The map is hidden from assistive technology and from the keyboard's tab order:
    the membership table beside it carries the same facts and links as text.
    """
    language = get_language()
    view_box, pieces, plain = prepared_markup(language)
    titles = status_titles(language)
    parts = [f'<svg class="world-map" viewBox="{view_box}" aria-hidden="true" focusable="false">', PATTERNS]
    parts.extend(markup for iso3, markup in plain if iso3 not in statuses)
    for iso3, before, middle, after in pieces:
        if iso3 in statuses:
            name, status = statuses[iso3]
            parts.append(f"{before}{CATEGORY[status]}{middle}{escape(name)}: {titles[status]}{after}")
    parts.append("</svg>")
    # Safe: the geometry, the addresses and the status titles are escaped above, each State's name here.
    return mark_safe("".join(parts))  # noqa: S308


def legend(statuses):
    """The legend's data, in order: (category, label, pattern, number of States) for each category of the map."""
    tally = dict.fromkeys((category for category, _, _ in LEGEND), 0)
    for _, status in statuses.values():
        tally[CATEGORY[status]] += 1
    return [(category, str(label), str(pattern), tally[category]) for category, label, pattern in LEGEND]
