"""
The pieces of site search every app shares: a `Hit`, and escaped snippets with the matched words marked.

A snippet is data, not markup: a list of `(text, marked)` parts that the search template writes, each part escaped
by the template engine, the marked ones in `<mark>`.

The search itself (`/search/?q=`, its form and its sources) is the top floor's: `pages.search`. Each app
contributes hits (`treaty.search`, `timeline.search`). On PostgreSQL, events and eras use full-text search
(weighted vectors, ranked, with highlighted headlines) backed by GIN indexes; on SQLite, events are found through
an FTS5 index (timeline migration 0012) and eras and anniversaries by a term match, ranked by where the words are
found. Neither the query nor the content can inject markup: the template escapes every part.
"""

import re
from dataclasses import dataclass

from django.db import connection

RESULTS_PER_KIND = 20
# Markers PostgreSQL puts around matches in a headline; never found in content.
START, STOP = "\x02", "\x03"


@dataclass
class Hit:
    kind: str
    title: str
    url: str
    snippet: list  # [(text, marked)]: see `mark_headline`
    rank: float
    detail: str = ""


def uses_full_text():
    return connection.vendor == "postgresql"


def mark_terms(text, terms, *, width=220):
    """A window of `text` around the first match, as the parts of `mark_headline`, every match marked."""
    if not text:
        return []
    pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE) if terms else None
    match = pattern.search(text) if pattern else None
    start = max(0, match.start() - width // 3) if match else 0
    window = text[start : start + width]
    prefix = "…" if start else ""
    suffix = "…" if start + width < len(text) else ""
    if pattern is None:
        return [(prefix + window + suffix, False)]
    marked = pattern.sub(lambda m: f"{START}{m[0]}{STOP}", window)
    return mark_headline(prefix + marked + suffix)


def mark_headline(text):
    """The parts of a headline whose matches are wrapped in START/STOP markers: [(text, marked)], in order, without
    the markers and without empty parts."""
    parts = []
    for piece in text.split(START):
        matched, stop, rest = piece.partition(STOP)
        if stop:
            parts.append((matched, True))
            parts.append((rest, False))
        else:
            parts.append((piece, False))
    return [(part, marked) for part, marked in parts if part]
