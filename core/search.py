"""
The pieces of site search every app shares: a `Hit`, and escaped snippets with the matched words marked.

The search itself (`/search/?q=`, its form and its sources) is the top floor's: `pages.search`. Each app
contributes hits (`treaty.search`, `timeline.search`). On PostgreSQL, events and eras use full-text search
(weighted vectors, ranked, with highlighted headlines) backed by GIN indexes; on SQLite, events are found through
an FTS5 index (timeline migration 0012) and eras and anniversaries by a term match, ranked by where the words are
found. Snippets are escaped before the matches are marked, so neither the query
nor the content can inject markup.
"""

import re
from dataclasses import dataclass

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import mark_safe

RESULTS_PER_KIND = 20
# Markers PostgreSQL puts around matches in a headline; never found in content.
START, STOP = "\x02", "\x03"


@dataclass
class Hit:
    kind: str
    title: str
    url: str
    snippet: str
    rank: float
    detail: str = ""


def uses_full_text():
    return connection.vendor == "postgresql"


def mark_terms(text, terms, *, width=220):
    """A window of `text` around the first match, escaped, with every match wrapped in <mark>."""
    if not text:
        return ""
    pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE) if terms else None
    match = pattern.search(text) if pattern else None
    start = max(0, match.start() - width // 3) if match else 0
    window = text[start : start + width]
    prefix = "…" if start else ""
    suffix = "…" if start + width < len(text) else ""
    if pattern is None:
        return mark_safe(escape(prefix + window + suffix))  # noqa: S308 - escaped
    marked = pattern.sub(lambda m: f"{START}{m[0]}{STOP}", window)
    return mark_headline(prefix + marked + suffix)


def mark_headline(text):
    """Escape a headline whose matches are wrapped in START/STOP markers, then turn the markers into <mark>."""
    html = escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above; only our own <mark> tags are added
