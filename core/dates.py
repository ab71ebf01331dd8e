"""
Every date the site writes, in one place: long ("3 December 1997"), short ("3 Dec 1997"), ISO ("1997-12-03"), the
`<time>` element that carries a date for machines, and dates as precise as they are known, alone or in ranges.
Templates use them as filters (`{% load site_dates %}`), or write a `Dates` value as it is.

A date may be known to the day ("3 December 1997"), the month ("October 1996") or the year ("1991"): its precision
is "day", "month" or "year" (`timeline.dates.Precision`'s values). Ranges say their shared parts once, with an en
dash: "3–4 December 1997", "29 November – 4 December 2009", "30 December 1997 – 2 January 1998",
"October 1996 – December 1997", "1991–1996". A period still running is "1999 onward".

Each language writes dates in its own order and words, from the Unicode CLDR through Babel: "3 décembre 1997",
"3 de diciembre de 1997", "3 декабря 1997 г.", "1997年12月3日", and its own ranges ("3–4 de diciembre de 1997",
"1997年12月3日至4日"). English keeps the British formats the site always had (core/formats/en, through Django's
`dateformat`: "18 Sep 1997", where CLDR's en-GB writes "Sept"; "October–December 1997", where it spaces the dash).
No month names are written here: Django's and Babel's locale data have them.
"""

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import PATTERN_CHAR_ORDER, match_skeleton, parse_pattern, tokenize_pattern, untokenize_pattern
from django.conf import settings
from django.utils import dateformat, timezone, translation
from django.utils.html import format_html

# The ways of writing a date, each as Django's format for English and as a CLDR skeleton (or named format) for the
# other languages.
LONG = "long"  # 3 December 1997
SHORT = "short"  # 3 Dec 1997
MONTH = "month"  # December 1997
YEAR = "year"  # 1997
DJANGO_FORMATS = {LONG: "j F Y", SHORT: "j M Y", MONTH: "F Y", YEAR: "Y"}
CLDR_SKELETONS = {SHORT: "yMMMd", MONTH: "yMMMM", YEAR: "y"}  # LONG: the locale's own long date format
PRECISION_STYLES = {"day": LONG, "month": MONTH, "year": YEAR}
EN_DASH = "\N{EN DASH}"


def as_day(value):
    """The calendar day of a date, or of a moment in local time."""
    if isinstance(value, datetime):
        return (timezone.localtime(value) if timezone.is_aware(value) else value).date()
    return value


def _in_django_formats(language):
    """English keeps the site's British formats (Django's, core/formats/en); the others write CLDR's."""
    return language == settings.LANGUAGE_CODE


@lru_cache(maxsize=16)
def _cldr_locale(language):
    """Babel's locale for a Django language code ("zh-hans" → zh_Hans), or None. Pure: remembered."""
    try:
        return Locale.parse(translation.to_locale(language))
    except (UnknownLocaleError, ValueError):
        return None


@lru_cache(maxsize=8192)
def _written(day, style, language):
    """
    `day` written in `style` (LONG, SHORT, MONTH, YEAR) in `language`. A pure function of its arguments (and of
    Django's and Babel's locale files, which do not change while the process runs), so it is remembered: a page of
    the membership table writes some 600 dates.
    """
    cldr = None if _in_django_formats(language) else _cldr_locale(language)
    if cldr is None:
        with translation.override(language):
            return dateformat.format(day, DJANGO_FORMATS[style])
    if style == LONG:
        return parse_pattern(cldr.date_formats["long"]).apply(day, cldr)
    return parse_pattern(_skeleton_pattern(cldr, CLDR_SKELETONS[style])).apply(day, cldr)


def _skeleton_pattern(cldr, skeleton):
    """The locale's pattern for `skeleton` ("yMMMM" → "MMMM 'de' y" in Spanish, "y年M月" in Chinese)."""
    found = skeleton if skeleton in cldr.datetime_skeletons else match_skeleton(skeleton, cldr.datetime_skeletons)
    return cldr.datetime_skeletons[found]


def written(value, style):
    """`value` (a date or a moment) written in `style` (LONG, SHORT, MONTH, YEAR), in the active language; "" for
    no date."""
    if not value:
        return ""
    return _written(as_day(value), style, translation.get_language() or settings.LANGUAGE_CODE)


def long_date(value):
    """ "3 December 1997"."""
    return written(value, LONG)


def short_date(value):
    """ "3 Dec 1997"."""
    return written(value, SHORT)


def iso_day(value):
    """ "1997-12-03" (a moment: its day in local time)."""
    return as_day(value).isoformat() if value else ""


def time_tag(value, style="long"):
    """`<time datetime="1997-12-03">3 December 1997</time>`; `style` "short" writes "3 Dec 1997"."""
    if not value:
        return ""
    return _time_tag(as_day(value), style, translation.get_language())


@lru_cache(maxsize=8192)
def _time_tag(day, style, language):
    """A pure function of its arguments, like `_written`, so remembered: the membership table writes some 600 of
    these on every render. What it returns is an immutable safe string."""
    text = short_date(day) if style == "short" else long_date(day)
    return format_html('<time datetime="{}">{}</time>', day.isoformat(), text)


def machine_readable(day, precision="day"):
    """The `datetime` attribute of a `<time>` element: "1997-12-03", "1996-10" or "1991"."""
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return iso_day(day)


def format_date(day, precision="day"):
    """ "3 December 1997", "October 1996" or "1991"."""
    return written(day, PRECISION_STYLES.get(precision, LONG))


def range_parts(start, end, precision="day"):
    """
    A range as it is written, shared parts said once: `(start part, separator, end part)`, as
    ("3", "–", "4 December 1997"), ("29 November", " – ", "4 December 2009"), ("1997年12月3日", "至", "4日").
    A single date (no end, or an end that reads the same at this precision) is a one-item tuple.
    """
    whole_start = format_date(start, precision)
    if end is None or format_date(end, precision) == whole_start:
        return (whole_start,)
    return _range_parts(start, end, PRECISION_STYLES.get(precision, LONG), translation.get_language())


@lru_cache(maxsize=2048)
def _range_parts(start, end, style, language):
    """`range_parts` of two days that read differently, in `language`: pure, so remembered."""
    cldr = None if _in_django_formats(language) else _cldr_locale(language)
    if cldr is None:
        return _django_range_parts(start, end, style, language)
    skeleton = CLDR_SKELETONS.get(style, "yMMMMd")
    found = skeleton if skeleton in cldr.interval_formats else match_skeleton(skeleton, cldr.interval_formats)
    patterns = cldr.interval_formats.get(found) if found else None
    field = patterns and next(
        (field for field in PATTERN_CHAR_ORDER if field in patterns and _differs(field, start, end)), None
    )
    if not field:  # CLDR has no interval for these: both dates whole, with the dash
        first = _written(start, style, language)
        return (first, f" {EN_DASH} ", _written(end, style, language))
    first_pattern, second_pattern = (
        untokenize_pattern(_widened(tokenize_pattern(pattern), skeleton)) for pattern in patterns[field]
    )
    first, between = _split_separator(parse_pattern(first_pattern).apply(start, cldr))
    return (first, between, parse_pattern(second_pattern).apply(end, cldr))


SEPARATORS = "\N{EN DASH}\N{EM DASH}-~\N{FULLWIDTH TILDE}\N{WAVE DASH}至"


def _split_separator(text):
    """
    The start of an interval as CLDR writes it, which ends with the separator, cut in two: ("3", "–"),
    ("30 декабря 1997 г.", " – "), ("1997年12月3日", "至"). The separator is the last dash (or 至) and the spaces
    around it; what stands before is the start's date, in its own <time>.
    """
    at = max(text.rfind(character) for character in SEPARATORS)
    if at <= 0:
        return text, ""
    while at > 0 and text[at - 1].isspace():
        at -= 1
    return text[:at], text[at:]


def _differs(field, start, end):
    """Whether two days differ in a pattern field: the year ("y"), the month ("M") or the day ("d")."""
    attribute = {"y": "year", "M": "month", "L": "month", "d": "day"}.get(field)
    return attribute is not None and getattr(start, attribute) != getattr(end, attribute)


def _widened(tokens, skeleton):
    """
    An interval pattern's tokens with month names as wide as `skeleton` asks: CLDR often has only the interval of
    abbreviated months ("yMMMd"), to be widened for full names (TR35: "adjusting between MMM and MMMM").
    """
    if "MMMM" not in skeleton:
        return tokens
    return [
        ("field", (value[0], 4)) if kind == "field" and value[0] in "ML" and value[1] == 3 else (kind, value)
        for kind, value in tokens
    ]


def _django_range_parts(start, end, style, language):
    """English's ranges, in Django's formats: the dash is spaced when the start has a space in it."""
    with translation.override(language):
        whole_start, whole_end = _written(start, style, language), _written(end, style, language)
        if start.year != end.year or style == YEAR:
            first = whole_start
        elif style == MONTH:
            first = dateformat.format(start, "F")
        elif start.month == end.month:
            first = dateformat.format(start, "j")
        else:
            first = dateformat.format(start, "j F")
    return (first, f" {EN_DASH} " if " " in first else EN_DASH, whole_end)


def format_range(start, end=None, precision="day"):
    """Plain text: "3–4 December 1997", "30 December 1997 – 2 January 1998", "1991"."""
    return "".join(range_parts(start, end, precision))


def time_element(day, precision, text):
    """`<time datetime="1997-12">December 1997</time>`."""
    return format_html('<time datetime="{}">{}</time>', machine_readable(day, precision), text)


def format_range_html(start, end=None, precision="day"):
    """
    The same text marked up with one `<time>` element per date:
    `<time datetime="1997-12-03">3</time>–<time datetime="1997-12-04">4 December 1997</time>`.
    """
    parts = range_parts(start, end, precision)
    if len(parts) == 1:
        return time_element(start, precision, parts[0])
    first, between, second = parts
    return format_html("{}{}{}", time_element(start, precision, first), between, time_element(end, precision, second))


def ongoing_period():
    """ "{start} onward" in the active language: a period that has not ended, "1999 onward"."""
    # Translators: a period that has not ended: “1999 onward”. {start} is its first year or month (“October 1996”).
    return translation.gettext("{start} onward")


def format_period(start, end=None, precision="year"):
    """A span of time: "October 1996 – December 1997", "1991–1996", or "1999 onward" while it lasts."""
    if end is None:
        return ongoing_period().format(start=format_date(start, precision))
    return format_range(start, end, precision)


def format_period_html(start, end=None, precision="year"):
    """`format_period` with `<time>` elements: `<time datetime="1999">1999</time> onward`."""
    if end is None:
        return format_html(ongoing_period(), start=time_element(start, precision, format_date(start, precision)))
    return format_range_html(start, end, precision)


@dataclass(frozen=True)
class Dates:
    """
    A date or a range of dates as precise as they are known, to be written. As a form or a field is in Django, it is
    its markup in a template (`{{ event.dates }}`: `str()` and `__html__` write `<time>` elements); `text` is the
    plain text ("3–4 December 1997"). `ongoing`: a period with no end yet runs on ("1999 onward") rather than being
    a single date.
    """

    start: date | None
    end: date | None = None
    precision: str = "day"
    ongoing: bool = False

    @property
    def text(self):
        if self.start is None:
            return ""
        write = format_period if self.ongoing else format_range
        return write(self.start, self.end, self.precision)

    def __str__(self):
        if self.start is None:
            return ""
        write = format_period_html if self.ongoing else format_range_html
        return write(self.start, self.end, self.precision)

    __html__ = __str__


__all__ = [
    "Dates",
    "format_date",
    "format_period",
    "format_period_html",
    "format_range",
    "format_range_html",
    "iso_day",
    "long_date",
    "machine_readable",
    "range_parts",
    "short_date",
    "time_element",
    "time_tag",
    "written",
]
