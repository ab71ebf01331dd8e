from django import forms
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.dates import long_date
from core.forms import IsoDateField

from . import rules
from .models import Instrument, Region, Status

PARTIES = "parties"
STATUS_CHOICES = (
    ("", _("Any status")),
    (PARTIES, _("All States Parties")),
    *Status.choices,
)
SORT_FIELDS = {
    "name": "name",
    "signed": "signed_on",
    "deposited": "deposited_on",
    "entry": "entry_into_force",
    "withdrawal": "withdrawal_notified_on",
    "status": "status",
}
SORT_CHOICES = [(key, key) for key in SORT_FIELDS] + [(f"-{key}", f"-{key}") for key in SORT_FIELDS]


class MembershipFilterForm(forms.Form):
    """The query string of /states/ and /states.csv. Bad values become messages, never exceptions."""

    as_of = IsoDateField(label=_("As of"), required=False, example="2017-12-03")
    q = forms.CharField(label=_("Name or code"), required=False, max_length=100, strip=True)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=STATUS_CHOICES,
        required=False,
        error_messages={"invalid_choice": _("Unknown status: choose one from the list.")},
    )
    region = forms.ChoiceField(
        label=_("Region"),
        choices=[("", _("All regions")), *Region.choices],
        required=False,
        error_messages={"invalid_choice": _("Unknown region: choose one from the list.")},
    )
    instrument = forms.ChoiceField(
        label=_("Instrument"),
        choices=[("", _("Any instrument")), *Instrument.choices],
        required=False,
        error_messages={"invalid_choice": _("Unknown instrument: choose one from the list.")},
    )
    sort = forms.ChoiceField(
        choices=SORT_CHOICES,
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("Unknown sort order.")},
    )

    def clean_as_of(self):
        as_of = self.cleaned_data["as_of"]
        today = timezone.localdate()
        if as_of and not rules.OPENED_FOR_SIGNATURE_ON <= as_of <= today:
            raise forms.ValidationError(
                _("Choose a date between %(first)s, when the Convention opened for signature, and today (%(today)s)."),
                params={
                    "first": long_date(rules.OPENED_FOR_SIGNATURE_ON),
                    "today": long_date(today),
                },
            )
        return as_of

    def has_filters(self):
        """Does the table leave any State out? (Sorting and the day do not.)"""
        return any(self.cleaned_data[name] for name in ("q", "status", "region", "instrument"))

    def day(self):
        return self.cleaned_data.get("as_of") or timezone.localdate()

    def filter(self, queryset):
        """Apply the cleaned filters and sort order to a `StateQuerySet` already annotated with its status."""
        data = self.cleaned_data
        if data["status"] == PARTIES:
            queryset = queryset.filter(status__in=Status.parties())
        elif data["status"]:
            queryset = queryset.filter(status=data["status"])
        if data["region"]:
            queryset = queryset.filter(region=data["region"])
        if data["instrument"]:
            queryset = queryset.filter(instrument=data["instrument"], deposited_on__lte=self.day())
        queryset = queryset.search(data["q"])
        sort = data["sort"] or "name"
        field = SORT_FIELDS[sort.removeprefix("-")]
        order = F(field).desc(nulls_last=True) if sort.startswith("-") else F(field).asc(nulls_last=True)
        return queryset.order_by(order, "name")
