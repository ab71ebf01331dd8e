"""States in site search: by name or ISO code."""

from django.db.models import Q
from django.utils.translation import pgettext

from core.locale import region_name, state_name
from core.search import RESULTS_PER_KIND, Hit, mark_terms

from .models import State


def hits(*, query, terms):
    codes = {term.upper() for term in terms if len(term) in (2, 3)}
    names = Q()
    for term in terms:
        names |= Q(name__icontains=term)
    states = State.objects.with_status().filter(names | Q(iso2__in=codes) | Q(iso3__in=codes))[:RESULTS_PER_KIND]
    results = []
    for state in states:
        name = state.name.lower()
        rank = 1.0 if state.iso3 in codes or state.iso2 in codes else 0.0
        rank += sum(0.6 if name.startswith(term) else 0.3 for term in terms if term in name)
        results.append(
            Hit(
                kind=pgettext("a kind of search result", "State"),
                title=state_name(state),
                url=state.get_absolute_url(),
                snippet=mark_terms(
                    f"{state.status_label} · {region_name(state.region, state.get_region_display())}", terms
                ),
                rank=rank,
                detail=f"{state.iso2} · {state.iso3}",
            )
        )
    return results
