import re

# Explicit directional embeddings, overrides and isolates: invisible, and able to make text read differently from
# what it is ("exe.txt" shown for "txt.exe"). Ordinary right-to-left text needs none of them.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def strip_bidi_controls(text):
    return BIDI_CONTROLS.sub("", text or "")


# C0 control characters other than tab, line feed and carriage return, and DEL: invisible, and XML (the feed, the
# sitemap, XLSX) cannot carry them. Word pastes a vertical tab for a manual line break, a form feed for a page break.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
BREAKS = re.compile("[\x0b\x0c]")


def strip_control_characters(text):
    """`text` without control characters (a vertical tab or form feed becomes a space); tabs and line breaks are
    kept. Applied to text as it comes in (admin forms, imports) and as the feed writes it."""
    if not isinstance(text, str):
        return text
    return CONTROL_CHARACTERS.sub("", BREAKS.sub(" ", text))


def strip_control_characters_of(instance):
    """The same, on every text field of a model instance (for imports, which set fields directly)."""
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        if isinstance(value, str):
            setattr(instance, field.attname, strip_control_characters(value))
