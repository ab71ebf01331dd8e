"""The timeline's query string, parsed: bad values give a message, never an exception."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.forms import ContentSelect

from .models import Category, Era

FIRST_YEAR, LAST_YEAR = 1900, 2100


class SlugChoiceField(forms.ModelChoiceField):
    """Chosen by slug in the address (`?category=conference`), shown by name in the menu."""

    def __init__(self, queryset, *, label, empty_label, unknown, shown_by):
        super().__init__(
            queryset,
            widget=ContentSelect(shown_by),
            to_field_name="slug",
            required=False,
            label=label,
            empty_label=empty_label,
            error_messages={"invalid_choice": unknown},
        )


class TimelineFilterForm(forms.Form):
    category = SlugChoiceField(
        Category.objects.all(),
        label=_("Category"),
        empty_label=_("All categories"),
        unknown=_("There is no such category. Choose one from the list."),
        shown_by="name",
    )
    era = SlugChoiceField(
        Era.objects.none(),  # published eras, as of the request: set in __init__
        label=_("Era"),
        empty_label=_("All eras"),
        unknown=_("There is no such era. Choose one from the list."),
        shown_by="title",
    )
    # `from` is a Python keyword: the field is renamed in __init__ so the address can say ?from=1996.
    from_year = forms.IntegerField(
        label=_("From year"),
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages={"invalid": _("Enter a year, such as 1996.")},
    )
    to = forms.IntegerField(
        label=_("To year"),
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages={"invalid": _("Enter a year, such as 1999.")},
    )
    page = forms.IntegerField(
        label=_("Page"),
        required=False,
        min_value=1,
        widget=forms.HiddenInput,
        error_messages={"invalid": _("Enter a page number, such as 2.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["era"].queryset = Era.objects.published()
        self.fields = {("from" if name == "from_year" else name): field for name, field in self.fields.items()}
        for field in self.fields.values():
            if isinstance(field, forms.IntegerField) and not isinstance(field.widget, forms.HiddenInput):
                field.widget.attrs["inputmode"] = "numeric"

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("from"), cleaned.get("to")
        if first is not None and last is not None and first > last:
            raise forms.ValidationError(
                gettext("“From year” (%(first)s) comes after “To year” (%(last)s): swap them.")
                % {"first": first, "last": last}
            )
        return cleaned

    @property
    def is_filtered(self):
        return any(self.cleaned_data.get(name) is not None for name in ("category", "era", "from", "to"))

    def filter(self, events):
        """Apply the cleaned filters to an `Event` queryset."""
        data = self.cleaned_data
        if data.get("category") is not None:
            events = events.in_category(data["category"])
        if data.get("era") is not None:
            events = events.in_era(data["era"])
        return events.between_years(data.get("from"), data.get("to"))
