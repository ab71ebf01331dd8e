"""
Importing Article 5 completions and extensions from CSV or XLSX (django-import-export; see exports.imports), with
the admin's dry run: upload → preview of every row → confirm.

- Completions (`ClearanceCompletionResource`): rows matched on the State's ISO code, updating that State's
  existing clearance record: `completed_on` as precisely as known ("2009", "2016-04" or "2016-04-05") and
  `completion_meeting` (a meeting code such as "12MSP"). A State with no clearance record is an error.
- Extensions (`ClearanceExtensionResource`): rows matched on `extension`, the State's code and the extension's number
  ("AGO-3", as the "clearance-extensions" export writes it); a new number adds an extension to that State's record.
  A meeting code ending in "?" is marked as inferred.

Dates are never made more precise than given: "2029" stays a year.
"""

from import_export.fields import Field

from core.dates import machine_readable
from exports.imports import IsoDateWidget, PlainModelResource, TextWidget, text_of
from meetings.models import Meeting

from .models import ClearanceExtension, ClearanceObligation
from .seed import precise_date


class PreciseDateField(Field):
    """A date as precise as known, in one cell: sets the date and its precision."""

    def __init__(self, *, attribute, precision_attribute, column_name):
        super().__init__(attribute=attribute, column_name=column_name, widget=TextWidget())
        self.precision_attribute = precision_attribute

    def clean(self, row, **kwargs):
        text = text_of(row.get(self.column_name))
        try:
            return precise_date(text)
        except ValueError:
            raise ValueError(
                f"Write the date as YYYY-MM-DD, YYYY-MM or YYYY, as precisely as it is known (got '{text}')."
            ) from None

    def save(self, instance, row, is_m2m=False, **kwargs):
        day, precision = self.clean(row, **kwargs)
        setattr(instance, self.attribute, day)
        setattr(instance, self.precision_attribute, precision)

    def export(self, instance, **kwargs):
        day = getattr(instance, self.attribute)
        return machine_readable(day, getattr(instance, self.precision_attribute)) if day else ""


class MeetingCodeField(Field):
    """A meeting by its code ("12MSP"; "20MSP?" when inferred): sets the link and keeps the code as given."""

    def __init__(self, *, attribute, code_attribute, column_name, inferred_attribute=None):
        super().__init__(attribute=attribute, column_name=column_name, widget=TextWidget())
        self.code_attribute, self.inferred_attribute = code_attribute, inferred_attribute

    def clean(self, row, **kwargs):
        text = text_of(row.get(self.column_name))
        inferred = text.endswith("?")
        code = text.removesuffix("?").strip()
        if inferred and self.inferred_attribute is None:
            raise ValueError(f"Give the meeting's code without '?' (got '{text}').")
        meeting = Meeting.objects.filter(code__iexact=code).first() if code else None
        if code and meeting is None:
            raise ValueError(f"No meeting has the code '{code}'.")
        return meeting, (meeting.code if meeting else ""), inferred

    def save(self, instance, row, is_m2m=False, **kwargs):
        meeting, code, inferred = self.clean(row, **kwargs)
        setattr(instance, self.attribute, meeting)
        setattr(instance, self.code_attribute, code)
        if self.inferred_attribute:
            setattr(instance, self.inferred_attribute, inferred)

    def export(self, instance, **kwargs):
        code = getattr(instance, self.code_attribute)
        inferred = self.inferred_attribute and getattr(instance, self.inferred_attribute)
        return f"{code}?" if inferred else code


class IsoCodeWidget(TextWidget):
    def clean(self, value, row=None, **kwargs):
        return super().clean(value, row, **kwargs).strip().upper()


class ClearanceCompletionResource(PlainModelResource):
    iso3 = Field(attribute="state__iso3", column_name="iso3", widget=IsoCodeWidget(), readonly=True)
    completed_on = PreciseDateField(
        attribute="completed_on", precision_attribute="completed_precision", column_name="completed_on"
    )
    completion_meeting = MeetingCodeField(
        attribute="completion_meeting", code_attribute="completion_meeting_code", column_name="completion_meeting"
    )
    status_note = Field(attribute="status_note", column_name="status_note", widget=TextWidget())

    noun = "clearance record"
    key_is_code = True

    class Meta(PlainModelResource.Meta):
        model = ClearanceObligation
        name = "Article 5 completions"
        fields = ("iso3", "completed_on", "completion_meeting", "status_note")
        import_id_fields = ("iso3",)

    def unknown_key_message(self, key):
        if not key:
            return "The iso3 cell is empty: give the State's ISO alpha-3 code, e.g. AGO."
        return f"No State with the ISO code '{key}' has an Article 5 record."


def parse_extension_key(text):
    """ "AGO-3" → ("AGO", 3); None if it is not of that form."""
    iso3, _, number = text_of(text).upper().partition("-")
    if len(iso3) != 3 or not number.isdigit() or not 0 < int(number) < 100:
        return None
    return iso3, int(number)


class ClearanceExtensionResource(PlainModelResource):
    extension = Field(attribute="key", column_name="extension", widget=TextWidget(), readonly=True)
    meeting = MeetingCodeField(
        attribute="meeting", code_attribute="meeting_code", inferred_attribute="meeting_inferred", column_name="meeting"
    )
    granted_on = Field(attribute="granted_on", column_name="granted_on", widget=IsoDateWidget())
    new_deadline = PreciseDateField(
        attribute="new_deadline", precision_attribute="new_deadline_precision", column_name="new_deadline"
    )
    note = Field(attribute="note", column_name="note", widget=TextWidget())

    noun = "extension"
    key_is_code = True

    class Meta(PlainModelResource.Meta):
        model = ClearanceExtension
        name = "Article 5 extensions"
        fields = ("extension", "meeting", "granted_on", "new_deadline", "note")
        import_id_fields = ("extension",)

    def get_instance(self, instance_loader, row):
        key = parse_extension_key(row.get("extension"))
        if key is None:
            return None
        return (
            ClearanceExtension.objects.select_related("obligation__state")
            .filter(obligation__state__iso3=key[0], sequence=key[1])
            .first()
        )

    def may_create(self, key):
        parsed = parse_extension_key(key)
        return parsed is not None and ClearanceObligation.objects.filter(state__iso3=parsed[0]).exists()

    def init_instance(self, row=None):
        iso3, sequence = parse_extension_key(row.get("extension"))
        return ClearanceExtension(obligation=ClearanceObligation.objects.get(state__iso3=iso3), sequence=sequence)

    def unknown_key_message(self, key):
        if parse_extension_key(key) is None:
            return f"Write the extension as the State's code and its number, e.g. AGO-3 (got '{key}')."
        return f"No State with the ISO code '{parse_extension_key(key)[0]}' has an Article 5 record."
