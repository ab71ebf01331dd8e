"""
Live figures inside editorial text. Numbers that change are computed from the treaty data, never typed in.

In templates:   {% load treaty %}{% treaty_figure "parties" %} or {% treaty_figure "parties" as_of=some_date %}
In Markdown:    [[figure:parties]] or [[figure:parties@2017-12-03]]
Names: parties, bound, signatories, deposited, not_party, withdrawal_notified, withdrawn, states.
"""

import re
from datetime import date

from django.utils import timezone

from core.locale import number

from .models import State

NAMES = ("parties", "bound", "signatories", "deposited", "not_party", "withdrawal_notified", "withdrawn", "states")
PLACEHOLDER = re.compile(r"\[\[figure:(?P<name>[a-z_]+)(?:@(?P<as_of>\d{4}-\d{2}-\d{2}))?\]\]")


def figure(name, *, as_of=None):
    if name not in NAMES:
        raise ValueError(f"Unknown figure {name!r}; choose one of: {', '.join(NAMES)}.")
    return State.objects.figures(as_of=as_of)[name]


def expand_placeholders(text):
    """
    Replace each `[[figure:name]]` / `[[figure:name@YYYY-MM-DD]]` with its number, written as the active language
    writes numbers; unknown ones stay as typed.
    Queries: one per distinct day (none without placeholders).
    """
    figures_on = {}

    def replace(match):
        try:
            as_of = date.fromisoformat(match["as_of"]) if match["as_of"] else timezone.localdate()
        except ValueError:
            return match[0]
        if match["name"] not in NAMES:
            return match[0]
        if as_of not in figures_on:
            figures_on[as_of] = State.objects.figures(as_of=as_of)
        return number(figures_on[as_of][match["name"]])

    return PLACEHOLDER.sub(replace, text)
