"""Form fields every app's forms share."""

from datetime import date

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.translations import BASE_LANGUAGE, shows_english


class IsoDateInput(forms.DateInput):
    """A browser's date picker (`<input type="date">`). Its value must be a valid date, so what a visitor typed that is
    not one is left out of the control (the error message above it says what was wrong) instead of echoed into it."""

    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):
        super().__init__(attrs, format)

    def format_value(self, value):
        value = super().format_value(value)
        try:
            return date.fromisoformat(value).isoformat() if value else value
        except (TypeError, ValueError):
            return None


class IsoDateField(forms.DateField):
    """A day typed as YYYY-MM-DD (a date picker in browsers), with a message that shows the format by `example`."""

    widget = IsoDateInput

    def __init__(self, *, example="2025-01-31", **kwargs):
        kwargs.setdefault("input_formats", ["%Y-%m-%d"])
        kwargs.setdefault(
            "error_messages",
            {"invalid": format_lazy(_("Give the date as YYYY-MM-DD, for example {example}."), example=example)},
        )
        super().__init__(**kwargs)


class ContentSelect(forms.Select):
    """
    A menu of records by a translated field (`field`: a category's "name"), for a `ModelChoiceField`: an option whose
    text falls back to English says so with `lang="en"`, as `{% localized %}` marks it in the page (an option holds
    no markup for the note).
    """

    def __init__(self, field, attrs=None):
        super().__init__(attrs)
        self.field = field

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if shows_english(getattr(value, "instance", None), self.field):
            option["attrs"]["lang"] = BASE_LANGUAGE
        return option
