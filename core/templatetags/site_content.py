"""
`{% localized record "field" %}`: a translated field of editorial content in the page's language, or, where it has
no translation yet, its English text marked `lang="en"` with a small "not yet translated" note in the page's
language. Never empty where English has text, never English passed off as the page's language.

    {% localized event "title" %}                          plain text (escaped)
    {% localized era "introduction" html=era.introduction_html %}   Markdown fields: the sanitised HTML, in a block
    {% localized image "alt_text" as alt %}                for attributes: {{ alt.text }}, {% if alt.missing %}…
    {% localized extension "note" %}                       a field kept in English only (data read from sources)
    {% localized source "title" note=False %}              a document's own title: marked English, with no note

The record's own descriptor (modeltranslation) already falls back to English; this tag only says so on the page.

`{% localized_text record "field" %}` is its plain-text form, for what cannot hold markup (`<title>`, descriptions,
share texts): the English followed by the same note, "Title (not yet translated)", as the page's heading reads.
"""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from core.translations import BASE_LANGUAGE, active_language, shows_english

register = template.Library()


class Localized:
    """A field's text for the page: `text` (the language's own, or the English fallback) and whether it is missing."""

    def __init__(self, record, field, html=None, note=True):
        self.text = "" if record is None else (getattr(record, field, "") or "")
        self.html = html
        self.note = note
        self.missing = shows_english(record, field)
        self.lang = BASE_LANGUAGE if self.missing else active_language()

    def __str__(self):
        content = conditional_escape(self.text) if self.html is None else conditional_escape(self.html)
        if not self.missing:
            return content
        if not self.note:
            return format_html('<span lang="en">{}</span>', content)
        note = _("not yet translated")
        if self.html is None:
            return format_html('<span lang="en">{}</span> <small class="untranslated">({})</small>', content, note)
        return format_html('<div lang="en">{}</div><p class="untranslated"><small>({})</small></p>', content, note)

    def __html__(self):
        return mark_safe(str(self))  # noqa: S308 - __str__ escapes the text; `html` is the Markdown sanitiser's output

    def __bool__(self):
        return bool(self.text)

    def plain(self, truncate=None):
        """The text for a place without markup: the English fallback followed by the note, in the page's language."""
        text = self.text.strip()
        text = Truncator(text).chars(truncate) if truncate else text
        return f"{text} ({_('not yet translated')})" if self.missing else text


@register.simple_tag
def localized(record, field, html=None, note=True):
    """`record.field` in the page's language, the English fallback marked (see the module's docstring)."""
    return Localized(record, field, html, note)


@register.simple_tag
def localized_text(record, field, truncate=None):
    """`record.field` as plain text (escaped by the template), the English fallback followed by its note."""
    return Localized(record, field).plain(truncate)
