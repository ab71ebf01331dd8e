"""
States in site search: by ISO code, or by name in any of the site's six languages, accents and case aside, and by
their common former or alternative names ("Turkey", "Ivory Coast", "Swaziland", "Burma", "Czech Republic").

The names are CLDR's, through Babel (`core.locale`), in every language of the site; our own record's name; and the
bundled `data/state_alternative_names.csv`, whose notes say where each name comes from. Matching happens in memory:
a word of the query matches the start of a word of a name ("cote" finds "Côte d’Ivoire", "lanka" "Sri Lanka"), or,
in scripts written without spaces, any part of it ("法国"). When some States have every word of the query in one of
their names, only those are found ("Czech Republic" finds Czechia, not every republic). One query reads the States.
"""

import csv
import re
from functools import lru_cache
from pathlib import Path

from core.locale import names_in_every_language, region_name, state_name
from core.search import RESULTS_PER_KIND, Hit, fold, mark_terms

from .models import Region, State, Status

ALTERNATIVE_NAMES = Path(__file__).resolve().parent / "data" / "state_alternative_names.csv"
WORD = re.compile(r"\w+")
ARTICLE = "ال"  # Arabic's definite article, written joined to the name: "التشيك" is found by "تشيك" too
# Scripts written without spaces between words (Chinese, Japanese…): a term matches any part of a name.
UNSPACED = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")


def words(name):
    """The folded words of a name, Arabic ones also without their article."""
    found = WORD.findall(fold(name))
    return found + [word[len(ARTICLE) :] for word in found if word.startswith(ARTICLE) and len(word) > len(ARTICLE) + 1]


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
def known_names(iso2, iso3):
    """
    The names a State is known by, other than our record's: CLDR's in each of the site's languages and the
    alternative names, each as (folded name, its words). A pure function of the codes, Babel's data and the bundled
    file, none of which change while the process runs: remembered.
    """
    names = {*alternative_names().get(iso3, []), *names_in_every_language(iso2).values()}
    return tuple((fold(name), tuple(words(name))) for name in names if name)


def name_score(name, name_words, terms):
    """(terms found, of which at a word's start) in one folded name."""
    found = starts = 0
    for term in terms:
        if any(word.startswith(term) for word in name_words):
            found, starts = found + 1, starts + 1
        elif UNSPACED.search(term) and term in name:
            found += 1
    return found, starts


def best_score(state, terms):
    """The best (terms found, at a word's start) over all of a State's names."""
    names = ((fold(state.name), tuple(words(state.name))), *known_names(state.iso2, state.iso3))
    return max(name_score(name, name_words, terms) for name, name_words in names)


def hits(*, query, terms):
    codes = {term.upper() for term in terms if len(term) in (2, 3)}
    folded = [fold(term) for term in terms]
    states = State.objects.with_status().order_by().values_list("iso2", "iso3", "name", "region", "status", named=True)
    scored = []
    for state in states:
        found, starts = best_score(state, folded)
        by_code = state.iso2 in codes or state.iso3 in codes
        if found or by_code:
            scored.append((state, found, starts, by_code))
    if any(found == len(folded) for _, found, _, _ in scored):  # some States are named by every word: only those
        scored = [item for item in scored if item[1] == len(folded) or item[3]]
    results = []
    for state, found, starts, by_code in scored:
        rank = (1.0 if by_code else 0.0) + 0.6 * starts + 0.3 * (found - starts)
        region = region_name(state.region, Region(state.region).label)
        results.append(
            Hit(
                kind="State",
                title=state_name(state),
                url=State(iso3=state.iso3).get_absolute_url(),
                snippet=mark_terms(f"{Status(state.status).label} · {region}", terms),
                rank=rank,
                detail=f"{state.iso2} · {state.iso3}",
            )
        )
    results.sort(key=lambda hit: -hit.rank)
    return results[:RESULTS_PER_KIND]
