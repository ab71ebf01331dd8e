"""
States in site search: by ISO code, or by any of their names in any of the six languages, accents aside, and by
their former or alternative names (`treaty.names`). When some States have every word of the query in one of their
names, only those are found ("Czech Republic" finds Czechia, not every republic). One query reads the States.
"""

from django.utils.translation import pgettext

from core.locale import region_name, state_name
from core.search import RESULTS_PER_KIND, Hit, mark_terms

from .models import Region, State, Status
from .names import best_score, terms_of


def hits(*, query, terms):
    codes = {term.upper() for term in terms if len(term) in (2, 3)}
    folded = terms_of(" ".join(terms))
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
                kind=pgettext("a kind of search result", "State"),
                title=state_name(state),
                url=State(iso3=state.iso3).get_absolute_url(),
                snippet=mark_terms(f"{Status(state.status).label} · {region}", terms),
                rank=rank,
                detail=f"{state.iso2} · {state.iso3}",
            )
        )
    results.sort(key=lambda hit: -hit.rank)
    return results[:RESULTS_PER_KIND]
