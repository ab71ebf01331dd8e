"""Meetings in site search: by code ("4MSP", "4msp"), city, host country or presidency; the host country by its
name in any of the six languages too, or a former one ("Suiza", "Mozambique": `treaty.names`)."""

from django.db.models import Q
from django.utils.translation import pgettext

from core.locale import state_name
from core.search import RESULTS_PER_KIND, Hit, column, mark_terms
from core.translations import BASE_LANGUAGE, active_language, shows_english
from treaty.names import codes_named

from .models import CODE, Meeting


def hits(*, query, terms):
    codes = {term.upper() for term in terms if CODE.fullmatch(term.upper())}
    iso2, iso3 = codes_named(" ".join(terms))  # a host named by every word, in some language
    hosts = Q(country__iso2__in=iso2) | Q(country__iso3__in=iso3)
    # The city and the president in the page's language and in the English it falls back to (a bare `city__` lookup
    # would read the page language's column alone, empty where nobody has translated it yet).
    language = active_language()
    own = [column(Meeting, field, code) for field in ("city", "president") for code in {language, BASE_LANGUAGE}]
    words = Q()
    for term in terms:
        words |= Q(country__name__icontains=term) | Q(presidency__name__icontains=term)
        for name in filter(None, own):
            words |= Q(**{f"{name}__icontains": term})
    meetings = (
        Meeting.objects.published()
        .select_related("country", "presidency")
        .filter(words | hosts | Q(code__in=codes))
        .order_by("start_date", "pk")[:RESULTS_PER_KIND]
    )
    results = []
    for meeting in meetings:
        rank = 1.5 if meeting.code in codes else 0.0
        if meeting.country_id and (meeting.country.iso2 in iso2 or meeting.country.iso3 in iso3):
            rank += 0.5
        places = f"{meeting.city} {meeting.country.name if meeting.country_id else ''}".lower()
        presided = f"{meeting.president} {meeting.presidency.name if meeting.presidency_id else ''}".lower()
        rank += sum(0.5 for term in terms if term in places) + sum(0.3 for term in terms if term in presided)
        results.append(
            Hit(
                kind=pgettext("a kind of search result", "Meeting"),
                title=f"{meeting.name} ({meeting.code})",
                url=meeting.get_absolute_url(),
                snippet=[],
                segments=snippet(meeting, terms),
                rank=rank,
                detail=meeting.dates_text,
            )
        )
    return results


def snippet(meeting, terms):
    """The meeting's city, host country, president and outcome, each marked English where the page's language has
    no text of its own for it (the country's name is the CLDR's, in every language)."""
    country = [(mark_terms(state_name(meeting.country), terms), False)] if meeting.country_id else []
    return (
        (mark_terms(meeting.city, terms), shows_english(meeting, "city")),
        *country,
        (mark_terms(meeting.president, terms), shows_english(meeting, "president")),
        (mark_terms(meeting.outcome, terms), shows_english(meeting, "outcome")),
    )
