"""
`{% localized record "field" %}`: a translated field of editorial content in the page's language, or, where it has
no translation yet, its English text marked `lang="en"` with a small "not yet translated" note in the page's
language. Never empty where English has text, never English passed off as the page's language.

    {% localized event "title" %}                          plain text (escaped)
    {% localized era "introduction" html=era.introduction_html %}   Markdown fields: the sanitised HTML, in a block
    {% localized image "alt_text" as alt %}                for attributes: {{ alt.text }}, {% if alt.missing %}…

The record's own descriptor (modeltranslation) already falls back to English; this tag only says so on the page.
"""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.translations import BASE_LANGUAGE, active_language, has_text

register = template.Library()


class Localized:
    """A field's text for the page: `text` (the language's own, or the English fallback) and whether it is missing."""

    def __init__(self, record, field, html=None):
        self.text = "" if record is None else (getattr(record, field, "") or "")
        self.html = html
        lang = active_language()
        self.missing = bool(
            record is not None
            and lang != BASE_LANGUAGE
            and self.text
            and not has_text(record, field, lang)
            and has_text(record, field, BASE_LANGUAGE)
        )
        self.lang = BASE_LANGUAGE if self.missing else lang

    def __str__(self):
        content = conditional_escape(self.text) if self.html is None else conditional_escape(self.html)
        if not self.missing:
            return content
        note = _("not yet translated")
        if self.html is None:
            return format_html('<span lang="en">{}</span> <small class="untranslated">({})</small>', content, note)
        return format_html('<div lang="en">{}</div><p class="untranslated"><small>({})</small></p>', content, note)

    def __html__(self):
        return mark_safe(str(self))  # noqa: S308 - __str__ escapes the text; `html` is the Markdown sanitiser's output

    def __bool__(self):
        return bool(self.text)


@register.simple_tag
def localized(record, field, html=None):
    """`record.field` in the page's language, the English fallback marked (see the module's docstring)."""
    return Localized(record, field, html)
