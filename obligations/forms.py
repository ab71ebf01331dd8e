from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import IsoDateField
from treaty.forms import MembershipFilterForm
from treaty.models import Region

from .models import Standing

SORT_KEYS = ("name", "standing", "start", "deadline", "completed")
SORT_CHOICES = [(key, key) for key in SORT_KEYS] + [(f"-{key}", f"-{key}") for key in SORT_KEYS]


class ObligationFilterForm(forms.Form):
    """
    The query string of /obligations/clearance/, /obligations/stockpiles/ and their CSVs. Bad values become
    messages, never exceptions. The day is checked as on /states/ (3 December 1997 to today).
    """

    as_of = IsoDateField(label=_("As of"), required=False, example="2015-12-31")
    q = forms.CharField(label=_("Name or code"), required=False, max_length=100, strip=True)
    standing = forms.ChoiceField(
        label=_("Standing"),
        choices=[("", _("Any standing")), *Standing.choices],
        required=False,
        error_messages={"invalid_choice": _("Unknown standing: choose one from the list.")},
    )
    region = forms.ChoiceField(
        label=_("Region"),
        choices=[("", _("All regions")), *Region.choices],
        required=False,
        error_messages={"invalid_choice": _("Unknown region: choose one from the list.")},
    )
    sort = forms.ChoiceField(
        choices=SORT_CHOICES,
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("Unknown sort order.")},
    )

    clean_as_of = MembershipFilterForm.clean_as_of  # the same window and message as /states/

    def day(self):
        return self.cleaned_data.get("as_of") or timezone.localdate()

    def has_filters(self):
        return any(self.cleaned_data[name] for name in ("q", "standing", "region"))

    def filter(self, rows):
        """The rows (`obligations.tables.Row`) the filters keep, in the chosen order (name breaks ties; rows with
        no value for the sort key go last either way)."""
        data = self.cleaned_data
        if data["standing"]:
            rows = [row for row in rows if row.standing == data["standing"]]
        if data["region"]:
            rows = [row for row in rows if row.region == data["region"]]
        if query := data["q"].casefold():
            rows = [row for row in rows if query in row.name.casefold() or query == row.iso3.casefold()]
        sort = data["sort"] or "name"
        key = sort.removeprefix("-")
        rows = sorted(rows, key=lambda row: row.name)
        present = [row for row in rows if row.sort_value(key) is not None]
        missing = [row for row in rows if row.sort_value(key) is None]
        present.sort(key=lambda row: row.sort_value(key), reverse=sort.startswith("-"))
        return present + missing
