"""Filters of the datasets that have no public page to borrow them from, and the staff variant of the timeline's."""

from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone

from timeline.forms import TimelineFilterForm
from timeline.models import Era
from treaty.models import State


class EventExportFilterForm(TimelineFilterForm):
    """The timeline's filters (category, era, from/to years) for staff: every era, drafts too; no page number."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["era"].queryset = Era.objects.all()
        del self.fields["page"]


class HistoryFilterForm(forms.Form):
    """The change history of treaty records: a date range (either end may be open) and optionally one State."""

    # `from` is a Python keyword: renamed in __init__, as the timeline's form does, so the address says ?from=.
    from_date = forms.DateField(
        label="Changed from",
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Give the date as YYYY-MM-DD, for example 2025-01-31."},
    )
    to = forms.DateField(
        label="Changed until",
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Give the date as YYYY-MM-DD, for example 2025-12-31."},
    )
    state = forms.CharField(
        label="State (ISO code)",
        required=False,
        max_length=3,
        strip=True,
        widget=forms.TextInput(attrs={"size": 4}),
        help_text="Three letters, e.g. FRA; empty for every State.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {("from" if name == "from_date" else name): field for name, field in self.fields.items()}

    def clean_state(self):
        code = self.cleaned_data["state"].upper()
        if not code:
            return None
        state = State.objects.filter(iso3=code).first()
        if state is None:
            raise forms.ValidationError("No State has the ISO code '%(code)s'.", params={"code": code})
        return state

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("from"), cleaned.get("to")
        if first and last and first > last:
            raise forms.ValidationError(f"“Changed from” ({first}) comes after “Changed until” ({last}): swap them.")
        return cleaned

    def period(self):
        """The range as aware datetimes: [start, end), either None when open."""
        zone = timezone.get_current_timezone()
        first, last = self.cleaned_data.get("from"), self.cleaned_data.get("to")
        start = datetime.combine(first, time.min, tzinfo=zone) if first else None
        end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=zone) if last else None
        return start, end
