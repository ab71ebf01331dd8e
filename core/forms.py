"""Form fields every app's forms share."""

from django import forms


class IsoDateField(forms.DateField):
    """A day typed as YYYY-MM-DD (a date picker in browsers), with a message that shows the format by `example`."""

    def __init__(self, *, example="2025-01-31", **kwargs):
        kwargs.setdefault("input_formats", ["%Y-%m-%d"])
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}))
        kwargs.setdefault("error_messages", {"invalid": f"Give the date as YYYY-MM-DD, for example {example}."})
        super().__init__(**kwargs)
