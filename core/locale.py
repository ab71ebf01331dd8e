"""
Names of places in the active language, from the Unicode CLDR through Babel: never a hand-made table of names.

- `state_name(state)`: a State by its ISO 3166 alpha-2 code (`state.iso2`), e.g. "Francia" in Spanish. English
  keeps our own names, the UN short names ("Türkiye", "Bolivia (Plurinational State of)"), as the records have them.
- `region_name(code, english)`: a UN M49 region ("africa" → "Afrique").
- `sub_region_name(english)`: a UN M49 sub-region by its English name ("Western Europe" → "Europe de l’Ouest").
- `number(value)`, `percent(value)`: numbers as each language writes them ("1 234", "82 %" in French).

Where CLDR has no name, or names a territory rather than the State the Convention knows (`NOT_THE_STATE`), our
English name is shown. The names are looked up in memory (CLDR's files are read once per language): no queries.
"""

from decimal import Decimal
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal, format_percent
from django.conf import settings
from django.utils import translation

# CLDR's names for these codes are a territory's or a city's ("Palestinian Territories", "Vatican City"), not the
# State Party's (the State of Palestine, the Holy See): our English name is shown until the CLDR has the State's.
NOT_THE_STATE = frozenset({"PS", "VA"})

# The UN M49 codes of the regions (treaty.models.Region's values), which CLDR names in every language.
M49_REGIONS = {"africa": "002", "americas": "019", "asia": "142", "europe": "150", "oceania": "009"}
# The UN's names of M49 sub-regions that CLDR's English writes otherwise (the codes are M49's): the others are found
# by CLDR's own English name (`_m49_codes`).
M49_UN_NAMES = {
    "Australia and New Zealand": "053",
    "Latin America and the Caribbean": "419",
    "Micronesia": "057",
    "South-eastern Asia": "035",
}


@lru_cache(maxsize=16)
def _territories(language):
    """CLDR's territory names for a Django language code ({"FR": "France", "002": "Afrique"}); {} for none. A pure
    function of the language and Babel's data files, which do not change while the process runs: remembered."""
    try:
        return Locale.parse(translation.to_locale(language)).territories
    except (UnknownLocaleError, ValueError):
        return {}


def _in_english():
    return (translation.get_language() or settings.LANGUAGE_CODE) == settings.LANGUAGE_CODE


def territory_name(code, english):
    """CLDR's name of the territory `code` (an ISO alpha-2 or UN M49 code) in the active language; `english` (our
    own name) in English, or when CLDR has none."""
    if _in_english() or not code:
        return english
    return _territories(translation.get_language()).get(code.upper(), english)


def state_name(state):
    """A State's name in the active language, from anything with `iso2` and `name` (a State, a row of values)."""
    if state.iso2 in NOT_THE_STATE:
        return state.name
    return territory_name(state.iso2, state.name)


@lru_cache(maxsize=1)
def _m49_codes():
    """CLDR's English names of the M49 regions and sub-regions, to their codes ({"Western Europe": "155"}): read once,
    a pure function of Babel's data files."""
    return {name: code for code, name in _territories("en").items() if code.isdigit()}


def sub_region_name(english):
    """A UN M49 sub-region's name in the active language, from its English name as our records have it."""
    if _in_english() or not english:
        return english
    return territory_name(M49_UN_NAMES.get(english) or _m49_codes().get(english, ""), english)


def region_name(code, english):
    """A UN M49 region's name in the active language, from our code ("africa") and English label ("Africa")."""
    return territory_name(M49_REGIONS.get(code, ""), english)


@lru_cache(maxsize=16)
def _number_locale(language):
    """Babel's locale for a Django language code, for numbers: English writes the British way (en_GB)."""
    if language == settings.LANGUAGE_CODE:
        return Locale.parse("en_GB")
    try:
        return Locale.parse(translation.to_locale(language))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en_GB")


def number(value):
    """A number in the active language's way: "1,234" in English, "1 234" in French, "1.234" in Spanish. Latin
    digits in every language, as the dates have them. Anything that is not a number is returned as it is."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return value
    return _number(value, translation.get_language() or settings.LANGUAGE_CODE)


@lru_cache(maxsize=4096)
def _number(value, language):
    """A pure function of a number and a language (and Babel's data): remembered, as the dates are."""
    return format_decimal(value, locale=_number_locale(language))


def percent(value):
    """A whole percentage (82 for 82 %) in the active language's way: "82 %" in French (with its narrow space),
    "82%" in Chinese. English keeps the spaced "82 %" the site has always written."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return value
    language = translation.get_language() or settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE:
        return f"{format_decimal(value, locale=_number_locale(language))} %"
    return format_percent(value / 100, locale=_number_locale(language))


def names_in_every_language(code):
    """CLDR's names of the territory `code` in each of the site's languages, English's included (search finds a
    State by any of them): {"en": "France", "es": "Francia", …}, leaving out the languages CLDR has none in."""
    names = {language: _territories(language).get(code.upper()) for language, _ in settings.LANGUAGES}
    return {language: name for language, name in names.items() if name}


@lru_cache(maxsize=1)
def all_territory_codes():
    """The ISO alpha-2 codes CLDR names (in English): "FR", "CI"… (not the M49 regions). Remembered, as
    `_territories`."""
    return tuple(code for code in _territories(settings.LANGUAGE_CODE) if len(code) == 2 and code.isalpha())
