"""
The pieces of site search every app shares: a `Hit`, and escaped snippets with the matched words marked.

A snippet is data, not markup: a list of `(text, marked)` parts that the search template writes, each part escaped
by the template engine, the marked ones in `<mark>`.

The search itself (`/search/?q=`, its form and its sources) is the top floor's: `pages.search`. Each app
contributes hits (`treaty.search`, `timeline.search`). On PostgreSQL, events and eras use full-text search
(weighted vectors, ranked, with highlighted headlines) backed by GIN indexes; on SQLite, events are found through
an FTS5 index (timeline migration 0012) and eras and anniversaries by a term match, ranked by where the words are
found. Neither the query nor the content can inject markup: the template escapes every part.

Search works in every language of the site (the request's, from its address):

- `search_config(language)`: the PostgreSQL text search configuration of a language's documents: its own stemmer
  where PostgreSQL has one (english, french, spanish, russian), `simple` for Arabic and Chinese, each with accents
  ignored (the `unaccent` dictionary before the stemmer; core migration 0003 creates them).
- `document_languages(model, language)` and `column(model, field, language)`: the languages whose text a search in
  `language` reads (its own, where the model has translated columns such as `title_fr`, and English, which a page
  shows where a translation is missing) and the column holding a field's text in each.
- `finds_within_words(language)`: whether a search in `language` finds its terms anywhere in the text. Chinese is
  written without spaces: a run of its characters is one token to PostgreSQL's `simple` configuration and to FTS5's
  tokenizer alike, so a word inside it ("地雷" in "杀伤人员地雷") would never be found by either; its text is searched
  for the terms as they are written, wherever they stand (`timeline.search.term_match`).
- `fold(text)`: text without accents, marks or case ("Côte" → "cote", "Türkiye" → "turkiye"), to match names in
  Python (`treaty.search`).
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
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
    # The title, the snippet is the stored English of content not yet translated into the page's language
    # (`core.translations.shows_english`): the page marks it lang="en".
    title_in_english: bool = False
    snippet_in_english: bool = False
    # A snippet of several texts, each in its own language (a meeting's city, country, presidency and outcome, any of
    # which may fall back to English): [(parts, in_english)], written one after the other. Empty: `snippet` is the one.
    segments: tuple = ()

    @property
    def texts(self):
        """The snippet as the page writes it: [(parts, in_english)], the English ones marked lang="en"."""
        if self.segments:
            return [(parts, in_english) for parts, in_english in self.segments if parts]
        return [(self.snippet, self.snippet_in_english)] if self.snippet else []


# Core migration 0003 creates these configurations: PostgreSQL's own, with `unaccent` before the stemmer.
SEARCH_CONFIGS = {
    "en": "ottawa_english",
    "fr": "ottawa_french",
    "es": "ottawa_spanish",
    "ru": "ottawa_russian",
    "ar": "ottawa_simple",  # PostgreSQL has no Arabic stemmer: words as written, accents (harakat) aside
    "zh-hans": "ottawa_simple",  # nor a Chinese one: runs of characters as written
}
# Languages written without spaces between their words (`finds_within_words`).
UNSPACED_LANGUAGES = frozenset({"zh-hans"})


def uses_full_text():
    return connection.vendor == "postgresql"


def search_config(language):
    """The PostgreSQL text search configuration of documents in `language` ("fr" → "ottawa_french")."""
    return SEARCH_CONFIGS.get(language, "ottawa_simple")


def finds_within_words(language):
    """Whether a search in `language` finds its terms anywhere in the text ("地雷" in "杀伤人员地雷"), not at the
    starts of words only: so for the languages written without spaces, whose words no tokenizer here can tell apart."""
    return language in UNSPACED_LANGUAGES


def column(model, field, language):
    """
    The column of `model` holding `field`'s text in `language`: its translated column where the model has one
    (`title_fr`, `title_zh_hans`, as django-modeltranslation names them), else the field itself for English (the
    site's default language), else None: the model has no text of its own in that language.
    """
    translated = f"{field}_{language.replace('-', '_')}"
    try:
        model._meta.get_field(translated)
    except FieldDoesNotExist:
        return field if language == settings.LANGUAGE_CODE else None
    return translated


def document_languages(model, language):
    """The languages of `model`'s text that a search in `language` reads: that language's own text, where the model
    has it, then English (shown where a translation is missing)."""
    languages = [language] if column(model, "title", language) else []
    return languages + [code for code in [settings.LANGUAGE_CODE] if code not in languages]


@lru_cache(maxsize=4096)
def _fold_char(char):
    """`fold` of one character; a pure function: remembered."""
    return fold(char)


def fold(text):
    """`text` without case, accents or other combining marks, for matching: "Côte d’Ivoire" → "cote d’ivoire",
    "Türkiye" → "turkiye", "Ёлка" → "елка", Arabic without its harakat."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return unicodedata.normalize("NFC", "".join(char for char in decomposed if not unicodedata.combining(char)))


def mark_terms(text, terms, *, width=220):
    """A window of `text` around the first match, as the parts of `mark_headline`, every match marked; accents and
    case aside, as search finds them ("cote" marks "Côte")."""
    if not text:
        return []
    folded, starts = _folded_with_offsets(text)
    pattern = re.compile("|".join(re.escape(fold(term)) for term in terms if fold(term))) if terms else None
    first = pattern.search(folded) if pattern else None
    start = max(0, starts[first.start()] - width // 3) if first else 0
    end = start + width
    matches = []
    for match in pattern.finditer(folded, first.start()) if first else ():
        if starts[match.start()] >= end:
            break
        matches.append((starts[match.start()], starts[match.end()]))
    prefix = "…" if start else ""
    suffix = "…" if end < len(text) else ""
    parts, at = [], start
    for match_start, match_end in matches:
        if match_start < at or match_start >= end:
            continue
        parts += [(text[at:match_start], False), (text[match_start : min(match_end, end)], True)]
        at = min(match_end, end)
    parts += [(text[at:end], False), (suffix, False)]
    merged = []
    for part, marked in [(prefix, False), *parts]:
        if merged and not marked and not merged[-1][1]:
            merged[-1] = (merged[-1][0] + part, False)
        elif part:
            merged.append((part, marked))
    return [(part, marked) for part, marked in merged if part]


def _folded_with_offsets(text):
    """`fold(text)`, and for each of its positions (and its end) the position in `text` it comes from."""
    table = {ord(char): _fold_char(char) for char in set(text)}
    if all(len(piece) == 1 for piece in table.values()):  # the usual case: one character for one
        return text.translate(table), range(len(text) + 1)
    folded, starts = [], []
    for index, char in enumerate(text):
        piece = table[ord(char)]
        folded.append(piece)
        starts += [index] * len(piece)
    starts.append(len(text))
    return "".join(folded), starts


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
