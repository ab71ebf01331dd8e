"""
Site search across events, eras, anniversaries, States, meetings and the obligations pages (`/search/?q=`): the
form, and the apps asked for hits.

Each source is a domain app's `search` module with a `hits(query=, terms=)` function (`treaty.search`,
`timeline.search`, `meetings.search`); the shared pieces (`Hit`, marking the matched words) are `core.search`'s.
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from core.text import strip_bidi_controls
from meetings import search as meetings_search
from obligations import search as obligations_search
from timeline import search as timeline_search
from treaty import search as treaty_search

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
SOURCES = (treaty_search, timeline_search, meetings_search, obligations_search)


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the site"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        strip=True,
        error_messages={
            "max_length": _("That is too long to search for: use at most %(limit_value)d characters."),
        },
    )

    def clean_q(self):
        return strip_bidi_controls(self.cleaned_data["q"])

    def terms(self):
        """The words to look for: letters and digits only, at most a handful, longest first."""
        words = {word.lower() for word in re.findall(r"\w+", self.cleaned_data.get("q", "")) if len(word) > 1}
        return sorted(words, key=lambda word: (-len(word), word))[:MAX_TERMS]


def search(form):
    """Ranked hits for a valid `SearchForm`, best first."""
    terms = form.terms()
    if not terms:
        return []
    query = " ".join(terms)
    hits = []
    for source in SOURCES:
        hits.extend(source.hits(query=query, terms=terms))
    return sorted(hits, key=lambda hit: (-hit.rank, hit.title))
