"""
The names a State is known by, for finding it in any of the site's six languages, accents and case aside, and by its
common former or alternative names ("Turkey", "Ivory Coast", "Swaziland", "Burma", "Czech Republic").

The names are CLDR's, through Babel (`core.locale`), in every language of the site; our own record's name; and the
bundled `data/state_alternative_names.csv`, whose notes say where each name comes from. A word of a query matches
the start of a word of a name ("cote" finds "Côte d’Ivoire", "lanka" "Sri Lanka"), or, in scripts written without
spaces, any part of it ("法国"). Matching happens in memory, over names read once per process: no queries.
"""

import csv
import re
from functools import lru_cache
from pathlib import Path

from core.locale import all_territory_codes, names_in_every_language
from core.search import fold

ALTERNATIVE_NAMES = Path(__file__).resolve().parent / "data" / "state_alternative_names.csv"
WORD = re.compile(r"\w+")
ARTICLE = "ال"  # Arabic's definite article, written joined to the name: "التشيك" is found by "تشيك" too
# Scripts written without spaces between words (Chinese, Japanese…): a term matches any part of a name.
UNSPACED = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")


@lru_cache(maxsize=4096)
def folded(name):
    """A name as matched: (folded name, its folded words, Arabic ones also without their article). A pure function
    of the name: remembered."""
    name = fold(name)
    found = WORD.findall(name)
    articled = [word[len(ARTICLE) :] for word in found if word.startswith(ARTICLE) and len(word) > len(ARTICLE) + 1]
    return name, tuple(found + articled)


def terms_of(text):
    """The folded words of a query."""
    return [word for word in WORD.findall(fold(text)) if word]


@lru_cache(maxsize=1)
def alternative_names():
    """{iso3: [name, …]} from the bundled file. A pure function of a file that does not change while the process
    runs: remembered."""
    names = {}
    with ALTERNATIVE_NAMES.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            names.setdefault(row["iso3"], []).append(row["name"])
    return names


@lru_cache(maxsize=512)
def cldr_names(iso2):
    """CLDR's names of a territory in each of the site's languages, as `folded` names. A pure function of the code
    and Babel's data, which do not change while the process runs: remembered."""
    return tuple(folded(name) for name in set(names_in_every_language(iso2).values()))


@lru_cache(maxsize=512)
def other_names(iso3):
    """A State's alternative names, as `folded` names; remembered, as `alternative_names`."""
    return tuple(folded(name) for name in alternative_names().get(iso3, []))


def name_score(name, terms):
    """(terms found, of which at a word's start) in one `folded` name."""
    text, words = name
    found = starts = 0
    for term in terms:
        if any(word.startswith(term) for word in words):
            found, starts = found + 1, starts + 1
        elif UNSPACED.search(term) and term in text:
            found += 1
    return found, starts


def best_score(state, terms):
    """The best (terms found, at a word's start) over all the names of `state` (anything with `iso2`, `iso3` and
    `name`), for folded `terms`."""
    names = (folded(state.name), *cldr_names(state.iso2), *other_names(state.iso3))
    return max(name_score(name, terms) for name in names)


def codes_named(text):
    """
    The codes of the territories (ISO alpha-2) and States (alpha-3) with a CLDR or alternative name that has every
    word of `text`: ({"FR"}, set()) for "Francia", (set(), {"TUR"}) for "Turkey". Our own records' names are not
    read here: the caller matches them in its query.
    """
    terms = terms_of(text)
    if not terms:
        return set(), set()

    def named(names):
        return any(name_score(name, terms)[0] == len(terms) for name in names)

    iso2 = {code for code in all_territory_codes() if named(cldr_names(code))}
    iso3 = {code for code in alternative_names() if named(other_names(code))}
    return iso2, iso3
