"""
Events, eras and anniversaries in site search: full-text search on PostgreSQL; on SQLite, an FTS5 index for events
and a term match for eras and anniversaries.

In another language than English, a search also looks at that language's texts (`title_fr`…, timeline/translation.py)
besides the English ones, which every page falls back to: a French reader finds an event by its French title, and
one not yet translated by its English. The indexes cover the English columns; the other languages' columns are read
as they are (a few hundred rows of content).
"""

from django.db import connection
from django.db.models import Q, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Concat
from django.utils.translation import pgettext

from core.search import RESULTS_PER_KIND, START, STOP, Hit, mark_headline, mark_terms, uses_full_text
from core.translations import BASE_LANGUAGE, active_language, column

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


def language_columns(fields):
    """The active language's columns of `fields` (none in English): ["title_fr", "summary_fr"]."""
    lang = active_language()
    return [] if lang == BASE_LANGUAGE else [column(field, lang) for field in fields]


def full_text(queryset, vector, text_fields, query, *, translated=()):
    """`translated`: the fields whose active-language columns are searched too (with the `simple` configuration:
    no stemming, as the languages differ)."""
    from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector

    search_query = SearchQuery(query, search_type="websearch", config=CONFIG)
    parts = [
        Coalesce(name, Value(""), output_field=TextField()) for name in [*language_columns(text_fields), *text_fields]
    ]
    text = Concat(*[part for field in parts for part in (field, Value(" "))], output_field=TextField())
    rank = SearchRank(vector, search_query)
    found = Q(document=search_query)
    if columns := language_columns(translated):
        own = SearchVector(*columns, config="simple")
        own_query = SearchQuery(query, search_type="websearch", config="simple")
        queryset = queryset.annotate(own_document=own)
        rank = rank + SearchRank(own, own_query)
        found |= Q(own_document=own_query)
    return (
        queryset.annotate(document=vector, rank=rank)
        .filter(found)
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
    found = Q(pk__in=RawSQL("SELECT rowid FROM timeline_event_fts WHERE timeline_event_fts MATCH %s", [match]))
    if columns := language_columns(EVENT_TEXT):
        found |= every_term_in(columns, terms)
    return queryset.filter(found)[: RESULTS_PER_KIND * 3]


EVENT_TEXT = ("title", "summary", "location", "body")
ANNIVERSARY_TEXT = ("title", "introduction", "body")


def every_term_in(columns, terms):
    condition = Q()
    for term in terms:
        anywhere = Q()
        for name in columns:
            anywhere |= Q(**{f"{name}__icontains": term})
        condition &= anywhere
    return condition


def term_match(queryset, fields, terms):
    """Rows containing every term in one of `fields` (in English, or in the active language), the fallback where
    full-text search is not available. The columns are named (`title_en`), as a plain `title` would be read in the
    active language only."""
    columns = [column(field, BASE_LANGUAGE) for field in fields]
    found = every_term_in(columns, terms)
    if own := language_columns(fields):
        found |= every_term_in(own, terms)
    return queryset.filter(found)[: RESULTS_PER_KIND * 3]


def fallback_rank(obj, terms, weighted_fields):
    return sum(
        weight for field, weight in weighted_fields for term in terms if term in (getattr(obj, field) or "").lower()
    )


def hits(*, query, terms):
    events = Event.objects.published().select_related("category")
    eras = Era.objects.published()
    anniversaries = Anniversary.objects.published()
    if uses_full_text():
        found_events = full_text(events, event_vector(), ["summary", "body"], query, translated=EVENT_TEXT)
        found_eras = full_text(
            eras, era_vector(), ["summary", "introduction"], query, translated=("title", "summary", "introduction")
        )
        found_anniversaries = full_text(
            anniversaries,
            anniversary_vector(),
            ["introduction", "body"],
            query,
            translated=("title", "introduction", "body"),
        )
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
