"""The obligations pages in site search: found by the words of their subject ("clearance", "deadline",
"stockpile", "Article 5"…). Two fixed pages, so no query."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from core.search import Hit, mark_terms

# (title, URL name, summary, the words that find it)
PAGES = (
    (
        _("Clearing mined areas (Article 5)"),
        "obligations:clearance",
        _("Article 5 clearance deadlines, extensions and completions of the States Parties, on any day."),
        {
            "clearance",
            "clearing",
            "mined",
            "mines",
            "areas",
            "deadline",
            "deadlines",
            "extension",
            "extensions",
            "completion",
            "completed",
            "article",
            "obligation",
            "obligations",
            "demining",
            "mine",
            "free",
        },
    ),
    (
        _("Destroying stockpiles (Article 4)"),
        "obligations:stockpiles",
        _("Article 4 stockpile destruction deadlines and completions, on any day."),
        {
            "stockpile",
            "stockpiles",
            "stockpiled",
            "destruction",
            "destroying",
            "deadline",
            "deadlines",
            "article",
            "obligation",
            "obligations",
            "completion",
            "completed",
        },
    ),
)


def hits(*, query, terms):
    results = []
    for title, name, summary, words in PAGES:
        matched = [term for term in terms if term in words]
        if matched:
            results.append(
                Hit(
                    kind=pgettext("a kind of search result", "Obligations"),
                    title=str(title),
                    url=reverse(name),
                    snippet=mark_terms(str(summary), terms),
                    rank=0.8 * len(matched),
                    detail=pgettext("a kind of search result", "Obligations"),
                )
            )
    return results
