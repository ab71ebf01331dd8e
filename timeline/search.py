"""
Events, eras and anniversaries in site search, in the language of the request: full-text search on PostgreSQL; on
SQLite, its FTS5 indexes (a term match on other databases).

Each model's document is its text in one language, weighted by where the words are (`WEIGHTS`); a search in French
reads the French document where the model has French columns (`title_fr`, …: `core.search.column`) and the English
one, which the page shows where a translation is missing. PostgreSQL reads each with its language's configuration
(`core.search.search_config`: stemmed, accents ignored) through a GIN index built on the very same expression
(migration 0014); SQLite through an FTS5 index per model and language (migration 0015).

Chinese text is the exception on both (`core.search.finds_within_words`): neither tokenizer can tell its words apart,
so a search in Chinese finds its terms anywhere in the Chinese text (a substring match, without an index), and reads
the English text it falls back to by its words as every other language does, ranked as on SQLite (`fallback_rank`).
"""

from functools import reduce
from operator import or_

from django.db import connection
from django.db.models import Q, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Concat, Greatest, NullIf
from django.utils import translation
from django.utils.translation import pgettext

from core.search import (
    RESULTS_PER_KIND,
    START,
    STOP,
    Hit,
    column,
    document_languages,
    finds_within_words,
    fold,
    mark_headline,
    mark_terms,
    search_config,
    uses_full_text,
)
from core.translations import shows_english

from .models import Anniversary, Era, Event

# Each model's fields by weight: (weight, fields…), as the vectors and their indexes group them.
WEIGHTS = {
    Event: (("A", "title"), ("B", "summary", "location"), ("C", "body")),
    Era: (("A", "title"), ("B", "summary"), ("C", "introduction")),
    Anniversary: (("A", "title"), ("B", "introduction"), ("C", "body")),
}
# The fields a hit's snippet is taken from.
SNIPPET_FIELDS = {Event: ("summary", "body"), Era: ("summary", "introduction"), Anniversary: ("introduction", "body")}
# Term-match ranking (SQLite): how much a term found in each field counts.
FIELD_RANKS = {"A": 1.0, "B": 0.4, "C": 0.2}


def vector(model, language="en"):
    """The weighted search vector of `model`'s text in `language`: the GIN indexes are built on this very expression."""
    from django.contrib.postgres.search import SearchVector

    config = search_config(language)
    vectors = [
        SearchVector(*[column(model, field, language) for field in fields], weight=weight, config=config)
        for weight, *fields in WEIGHTS[model]
    ]
    return reduce(lambda combined, more: combined + more, vectors)


def event_vector(language="en"):
    return vector(Event, language)


def era_vector(language="en"):
    return vector(Era, language)


def anniversary_vector(language="en"):
    return vector(Anniversary, language)


def full_text(queryset, query, language):
    """PostgreSQL: rows whose document in one of the languages read matches `query`, best first, with headlines."""
    from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank

    model = queryset.model
    languages = document_languages(model, language)
    matches, ranks = [], []
    for code in languages:
        document = vector(model, code)
        search_query = SearchQuery(query, search_type="websearch", config=search_config(code))
        name = f"document_{code.replace('-', '_')}"
        queryset = queryset.annotate(**{name: document})
        matches.append(Q(**{name: search_query}))
        ranks.append(SearchRank(document, search_query))
    # The snippet: the text the page shows, in the request's language where it has its own, else in English.
    shown = languages[0]
    fields = [
        Coalesce(
            NullIf(column(model, field, shown), Value("")),
            column(model, field, "en"),
            Value(""),
            output_field=TextField(),
        )
        for field in SNIPPET_FIELDS[model]
    ]
    text = Concat(*[part for field in fields for part in (field, Value(" "))], output_field=TextField())
    headline_query = SearchQuery(query, search_type="websearch", config=search_config(shown))
    return (
        queryset.filter(reduce(or_, matches))
        .annotate(
            rank=ranks[0] if len(ranks) == 1 else Greatest(*ranks),
            headline=SearchHeadline(
                text,
                headline_query,
                config=search_config(shown),
                start_sel=START,
                stop_sel=STOP,
                max_words=35,
                min_words=15,
            ),
        )
        .order_by("-rank")[:RESULTS_PER_KIND]
    )


def fts_table(model, language):
    """SQLite: the FTS5 index of `model`'s text in `language` (migration 0015): `timeline_event_fts` for English,
    `timeline_event_fts_fr`… for the languages with columns of their own."""
    suffix = "" if language == "en" else f"_{language.replace('-', '_')}"
    return f"{model._meta.db_table}_fts{suffix}"


def indexed_event_match(queryset, terms):
    """SQLite: events with every term at the start of a word of their English text (`indexed_condition`)."""
    return queryset.filter(indexed_condition(Event, "en", terms))[: RESULTS_PER_KIND * 3]


def indexed_condition(model, language, terms):
    """
    SQLite: rows of `model` with every term at the start of a word of their text in `language`, found through its
    FTS5 index (accents ignored: "conference" finds "Conférence") instead of reading every row. The terms are letters
    and digits only (`pages.search.SearchForm.terms`), each quoted as an FTS5 string: no FTS5 syntax.
    """
    table = fts_table(model, language)  # our own names: no input reaches the statement but the match parameter
    match = " AND ".join(f'"{term}"*' for term in terms)
    return Q(pk__in=RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [match]))  # noqa: S608, S611


def term_condition(fields, terms):
    """Rows containing every term in one of `fields`, the fallback where full-text search is not available."""
    condition = Q()
    for term in terms:
        condition &= reduce(or_, [Q(**{f"{field}__icontains": term}) for field in fields])
    return condition


def term_match(queryset, query, terms, language):
    """
    Rows with every term in the text of one of the languages read, without full-text ranking: the terms anywhere in the
    text of a language written without spaces (`finds_within_words`); elsewhere by the words of its full-text document
    on PostgreSQL, through SQLite's FTS5 indexes, or by a term match on other databases.
    """
    model = queryset.model
    conditions = []
    for code in document_languages(model, language):
        if uses_full_text() and not finds_within_words(code):
            from django.contrib.postgres.search import SearchQuery, SearchVectorExact

            search_query = SearchQuery(query, search_type="websearch", config=search_config(code))
            conditions.append(Q(SearchVectorExact(vector(model, code), search_query)))
        elif connection.vendor == "sqlite" and not finds_within_words(code):
            conditions.append(indexed_condition(model, code, terms))
        else:
            fields = [column(model, field, code) for _, *group in WEIGHTS[model] for field in group]
            conditions.append(term_condition(fields, terms))
    return queryset.filter(reduce(or_, conditions))[: RESULTS_PER_KIND * 3]


def fallback_rank(obj, terms):
    return sum(
        FIELD_RANKS[weight]
        for weight, *fields in WEIGHTS[type(obj)]
        for field in fields
        for term in terms
        if fold(term) in fold(getattr(obj, field) or "")
    )


def found(queryset, query, terms, language):
    """(row, rank, snippet) for each match in `queryset`."""
    if uses_full_text() and not finds_within_words(language):
        return [(row, row.rank, mark_headline(row.headline)) for row in full_text(queryset, query, language)]
    fields = SNIPPET_FIELDS[queryset.model]
    return [
        (row, fallback_rank(row, terms), mark_terms(" ".join(getattr(row, field) for field in fields), terms))
        for row in term_match(queryset, query, terms, language)
    ]


def snippet_in_english(row):
    """The row's snippet is English only: each of its fields with text shows its English (not yet translated)."""
    shown = [field for field in SNIPPET_FIELDS[type(row)] if getattr(row, field)]
    return bool(shown) and all(shows_english(row, field) for field in shown)


def hits(*, query, terms):
    language = translation.get_language()
    events = found(Event.objects.published().select_related("category"), query, terms, language)
    eras = found(Era.objects.published(), query, terms, language)
    anniversaries = found(Anniversary.objects.published(), query, terms, language)
    results = [
        Hit(
            kind=pgettext("search result", "Event"),
            title=event.title,
            url=event.get_absolute_url(),
            snippet=snippet,
            title_in_english=shows_english(event, "title"),
            snippet_in_english=snippet_in_english(event),
            rank=rank,
            detail=event.date_text,
        )
        for event, rank, snippet in events
    ]
    results += [
        Hit(
            kind=pgettext("search result", "Era"),
            title=era.title,
            url=era.get_absolute_url(),
            snippet=snippet,
            title_in_english=shows_english(era, "title"),
            snippet_in_english=snippet_in_english(era),
            rank=rank + 0.05,
        )
        for era, rank, snippet in eras
    ]
    results += [
        Hit(
            kind=pgettext("search result", "Anniversary"),
            title=item.title,
            url=item.get_absolute_url(),
            snippet=snippet,
            title_in_english=shows_english(item, "title"),
            snippet_in_english=snippet_in_english(item),
            rank=rank + 0.05,
        )
        for item, rank, snippet in anniversaries
    ]
    return results
