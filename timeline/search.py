"""
Events, eras and anniversaries in site search: full-text search on PostgreSQL; on SQLite, an FTS5 index for events
and a term match for eras and anniversaries.
"""

from django.db import connection
from django.db.models import Q, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat
from django.utils.translation import pgettext

from core.search import RESULTS_PER_KIND, START, STOP, Hit, mark_headline, mark_terms, uses_full_text

from .models import Anniversary, Era, Event

CONFIG = "english"


def event_vector():
    """The weighted search vector of an event; the GIN index in migration 0003 is built on this very expression."""
    from django.contrib.postgres.search import SearchVector

    return (
        SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("summary", "location", weight="B", config=CONFIG)
        + SearchVector("body", weight="C", config=CONFIG)
    )


def era_vector():
    from django.contrib.postgres.search import SearchVector

    return (
        SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("summary", weight="B", config=CONFIG)
        + SearchVector("introduction", weight="C", config=CONFIG)
    )


def anniversary_vector():
    from django.contrib.postgres.search import SearchVector

    return (
        SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("introduction", weight="B", config=CONFIG)
        + SearchVector("body", weight="C", config=CONFIG)
    )


def full_text(queryset, vector, text_fields, query):
    from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank

    search_query = SearchQuery(query, search_type="websearch", config=CONFIG)
    text = Concat(*[part for field in text_fields for part in (field, Value(" "))], output_field=TextField())
    return (
        queryset.annotate(document=vector, rank=SearchRank(vector, search_query))
        .filter(document=search_query)
        .annotate(
            headline=SearchHeadline(
                text, search_query, config=CONFIG, start_sel=START, stop_sel=STOP, max_words=35, min_words=15
            )
        )
        .order_by("-rank")[:RESULTS_PER_KIND]
    )


def indexed_event_match(queryset, terms):
    """
    SQLite: events with every term at the start of a word of their title, summary, place or text, found through the
    FTS5 index of migration 0012 (accents ignored: "conference" finds "Conférence") instead of reading every event.
    The terms are letters and digits only (`pages.search.SearchForm.terms`), each quoted as an FTS5 string.
    """
    match = " AND ".join(f'"{term}"*' for term in terms)
    found = RawSQL("SELECT rowid FROM timeline_event_fts WHERE timeline_event_fts MATCH %s", [match])
    return queryset.filter(pk__in=found)[: RESULTS_PER_KIND * 3]


def term_match(queryset, fields, terms):
    """Rows containing every term in one of `fields`, the fallback where full-text search is not available."""
    for term in terms:
        anywhere = Q()
        for field in fields:
            anywhere |= Q(**{f"{field}__icontains": term})
        queryset = queryset.filter(anywhere)
    return queryset[: RESULTS_PER_KIND * 3]


def fallback_rank(obj, terms, weighted_fields):
    return sum(
        weight for field, weight in weighted_fields for term in terms if term in (getattr(obj, field) or "").lower()
    )


def hits(*, query, terms):
    events = Event.objects.published().select_related("category")
    eras = Era.objects.published()
    anniversaries = Anniversary.objects.published()
    if uses_full_text():
        found_events = full_text(events, event_vector(), ["summary", "body"], query)
        found_eras = full_text(eras, era_vector(), ["summary", "introduction"], query)
        found_anniversaries = full_text(anniversaries, anniversary_vector(), ["introduction", "body"], query)
        event_hits = [(event, event.rank, mark_headline(event.headline)) for event in found_events]
        era_hits = [(era, era.rank, mark_headline(era.headline)) for era in found_eras]
        anniversary_hits = [(item, item.rank, mark_headline(item.headline)) for item in found_anniversaries]
    else:
        event_fields = [("title", 1.0), ("summary", 0.4), ("location", 0.4), ("body", 0.2)]
        era_fields = [("title", 1.0), ("summary", 0.4), ("introduction", 0.2)]
        event_hits = [
            (event, fallback_rank(event, terms, event_fields), mark_terms(f"{event.summary} {event.body}", terms))
            for event in (
                indexed_event_match(events, terms)
                if connection.vendor == "sqlite"
                else term_match(events, [field for field, _ in event_fields], terms)
            )
        ]
        era_hits = [
            (era, fallback_rank(era, terms, era_fields), mark_terms(f"{era.summary} {era.introduction}", terms))
            for era in term_match(eras, [field for field, _ in era_fields], terms)
        ]
        anniversary_fields = [("title", 1.0), ("introduction", 0.4), ("body", 0.2)]
        anniversary_hits = [
            (
                item,
                fallback_rank(item, terms, anniversary_fields),
                mark_terms(f"{item.introduction} {item.body}", terms),
            )
            for item in term_match(anniversaries, [field for field, _ in anniversary_fields], terms)
        ]
    results = [
        Hit(
            kind=pgettext("search result", "Event"),
            title=event.title,
            url=event.get_absolute_url(),
            snippet=snippet,
            rank=rank,
            detail=event.date_text,
        )
        for event, rank, snippet in event_hits
    ]
    results += [
        Hit(
            kind=pgettext("search result", "Era"),
            title=era.title,
            url=era.get_absolute_url(),
            snippet=snippet,
            rank=rank + 0.05,
        )
        for era, rank, snippet in era_hits
    ]
    results += [
        Hit(
            kind=pgettext("search result", "Anniversary"),
            title=item.title,
            url=item.get_absolute_url(),
            snippet=snippet,
            rank=rank + 0.05,
        )
        for item, rank, snippet in anniversary_hits
    ]
    return results
