"""
Importing timeline events from a CSV or XLSX file, as the staff export of events writes it (django-import-export;
see exports.imports).

Rows are matched on `id`: a row with an id updates that event (its slug may change), a row without one adds an
event; an id that matches no event is an error, not a new event. Slugs must be unique, in the file and on the site.
Categories, eras and related States are given by slug and ISO code and must exist. The export's other columns
(date_text, era, visibility, sources, url, dates of creation and change) are computed or managed elsewhere: ignored.
"""

from django.core.exceptions import ValidationError
from import_export.fields import Field

from core.models import PublicationStatus
from exports.imports import (
    ChoiceWidget,
    IdWidget,
    IsoDateTimeWidget,
    IsoDateWidget,
    KeyForeignKeyWidget,
    KeysManyToManyWidget,
    PlainModelResource,
    TextWidget,
    YesWidget,
    spreadsheet_row,
)
from treaty.models import State

from .dates import Precision
from .models import Category, Era, Event


class EventResource(PlainModelResource):
    id = Field(attribute="id", column_name="id", widget=IdWidget(), readonly=True)
    slug = Field(attribute="slug", column_name="slug", widget=TextWidget())
    title = Field(attribute="title", column_name="title", widget=TextWidget())
    date = Field(attribute="date", column_name="date", widget=IsoDateWidget())
    date_precision = Field(attribute="date_precision", column_name="date_precision", widget=ChoiceWidget(Precision))
    end_date = Field(attribute="end_date", column_name="end_date", widget=IsoDateWidget())
    location = Field(attribute="location", column_name="location", widget=TextWidget())
    category = Field(
        attribute="category", column_name="category", widget=KeyForeignKeyWidget(Category, "slug", noun="category")
    )
    summary = Field(attribute="summary", column_name="summary", widget=TextWidget())
    body = Field(attribute="body", column_name="body", widget=TextWidget())
    featured = Field(attribute="featured", column_name="featured", widget=YesWidget())
    status = Field(attribute="status", column_name="status", widget=ChoiceWidget(PublicationStatus))
    publish_at = Field(attribute="publish_at", column_name="publish_at", widget=IsoDateTimeWidget())
    related_states = Field(
        attribute="related_states",
        column_name="related_states",
        widget=KeysManyToManyWidget(State, "iso3", noun="State", label="ISO code", normalise=str.upper),
    )
    also_in_eras = Field(
        attribute="also_in_eras",
        column_name="also_in_eras",
        widget=KeysManyToManyWidget(Era, "slug", noun="era", label="slug"),
    )

    noun = "event"

    class Meta(PlainModelResource.Meta):
        model = Event
        name = "Timeline events"
        fields = (
            "id",
            "slug",
            "title",
            "date",
            "date_precision",
            "end_date",
            "location",
            "category",
            "summary",
            "body",
            "featured",
            "status",
            "publish_at",
            "related_states",
            "also_in_eras",
        )
        import_id_fields = ("id",)

    def may_create(self, key):
        return key is None

    def unknown_key_message(self, key):
        return f"No event has the id {key}: leave the id empty to add a new event."

    def before_import(self, dataset, **kwargs):
        """Also refuse a slug on more than one row: two rows would be one address."""
        super().before_import(dataset, **kwargs)
        if "slug" not in (dataset.headers or []):
            return
        seen = {}
        for number, value in enumerate(dataset["slug"], start=1):
            if slug := ("" if value is None else str(value).strip()):
                seen.setdefault(slug, []).append(number)
        for slug, numbers in seen.items():
            if len(numbers) > 1:
                rows = ", ".join(str(spreadsheet_row(number)) for number in numbers)
                for number in numbers:
                    self.duplicates.setdefault(
                        number, f"The slug '{slug}' is on more than one row (rows {rows}): each event needs its own."
                    )

    def import_instance(self, instance, row, **kwargs):
        """Check the many-to-many columns with the others, so unknown States or eras are row errors, not crashes."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = dict(error.error_dict)
        for field in (self.fields["related_states"], self.fields["also_in_eras"]):
            if field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as error:
                    errors[field.attribute] = [str(error)]
        if errors:
            raise ValidationError(errors)
