"""
Importing timeline events from a CSV or XLSX file, as the staff export of events writes it (django-import-export;
see exports.imports).

Rows are matched on `id`: a row with an id updates that event (its slug may change), a row without one adds an
event; an id that matches no event is an error, not a new event. Slugs must be unique, in the file and on the site.
Categories, eras and related States are given by slug and ISO code and must exist. The export's other columns
(date_text, era, visibility, sources, url, dates of creation and change) are computed or managed elsewhere: ignored.
"""

import copy

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from import_export.fields import Field

from core import publishing
from core.models import PublicationStatus, publish_permission
from core.text import strip_control_characters_of
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
    translation_fields,
)
from treaty.models import State

from . import mirrors
from .dates import Precision
from .models import Category, Era, Event

# What only an editor may set, besides the publication (as in the admin: `EventAdmin.editor_only_fields`).
EDITOR_ONLY_FIELDS = ("featured",)


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The translations' columns (`title_fr`, `summary_es`…), as the staff export with a language writes them.
        self.fields.update(translation_fields(Event, ("title", "location", "summary", "body")))

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

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        self.stored = None if new else copy.copy(instance)

    def changed_fields(self, instance, row):
        """The names of the fields this row would change (for a new event: those it gives a value)."""
        concrete = [field for field in Event._meta.concrete_fields if not field.primary_key]
        if self.stored is None:
            changed = {field.name for field in concrete if getattr(instance, field.attname) not in (None, "", False)}
        else:
            changed = {
                field.name
                for field in concrete
                if not _same(getattr(instance, field.attname), getattr(self.stored, field.attname))
            }
        for field in (self.fields["related_states"], self.fields["also_in_eras"]):
            if field.column_name not in row:
                continue
            try:
                wanted = {record.pk for record in field.clean(row)}
            except ValueError:
                continue
            current = (
                set()
                if self.stored is None
                else set(getattr(self.stored, field.attribute).values_list("pk", flat=True))
            )
            if wanted != current:
                changed.add(field.attribute)
        return changed

    def publication_refusal(self, instance, row, user):
        """Why this user may not save the row (None: they may). A user without the publish permission (a
        Contributor) creates and changes drafts only, as in the admin; the import runs this on every row, in the
        preview and on confirmation, wherever it runs."""
        if user is None or user.has_perm(publish_permission(Event)):
            return None
        return publishing.refusal(
            stored=self.stored,
            instance=instance,
            changed=self.changed_fields(instance, row),
            editor_only=EDITOR_ONLY_FIELDS,
        )

    def mirror_refusal(self, instance, row):
        """Why the row may not change this event (None: it may): a meeting's event takes its title, dates, place,
        summary, category and publication from the meeting (`timeline.mirrors`), as in the admin. A row that repeats
        them (an export imported back) is fine."""
        mirrored = mirrors.mirrored_from(self.stored)
        if mirrored is None:
            return None
        changed = sorted(set(mirrored.fields) & self.changed_fields(instance, row))
        if not changed:
            return None
        names = ", ".join(str(Event._meta.get_field(name).verbose_name) for name in changed)
        return (
            f"This event follows the {mirrored.label}: change its {names} on the {mirrored.record._meta.verbose_name}."
        )

    def import_instance(self, instance, row, **kwargs):
        """Check the many-to-many columns with the others, so unknown States or eras are row errors, not crashes;
        and that the importing user may make the change (see `publication_refusal`)."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = dict(error.error_dict)
        strip_control_characters_of(instance)
        for field in (self.fields["related_states"], self.fields["also_in_eras"]):
            if field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as error:
                    errors[field.attribute] = [str(error)]
        if reason := self.publication_refusal(instance, row, kwargs.get("user")):
            errors.setdefault(NON_FIELD_ERRORS, []).append(reason)
        if reason := self.mirror_refusal(instance, row):
            errors.setdefault(NON_FIELD_ERRORS, []).append(reason)
        if errors:
            raise ValidationError(errors)


def _same(new, stored):
    """Whether an imported value leaves a stored one as it is: an empty text and no text (NULL, "not yet
    translated") are the same."""
    return new == stored or (new in (None, "") and stored in (None, ""))
