"""The query string of /meetings/, parsed: bad values give a message, never an exception."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Kind

FIRST_YEAR, LAST_YEAR = 1997, 2100


class MeetingFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All meetings")), *Kind.choices],
        error_messages={"invalid_choice": _("There is no such kind of meeting. Choose one from the list.")},
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages={"invalid": _("Enter a year, such as 2004.")},
        # A text box with a numeric keyboard: a value that is not a number is shown back and stays valid HTML.
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 5}),
    )

    @property
    def is_filtered(self):
        return bool(self.cleaned_data.get("kind")) or self.cleaned_data.get("year") is not None

    def filters(self):
        """The cleaned filters as `Meeting.objects.for_list()` takes them."""
        return {"kind": self.cleaned_data.get("kind") or None, "year": self.cleaned_data.get("year")}
