"""
Importing States' actions (signature, instrument, deposit, withdrawal, suspension, public note) from a CSV or XLSX
file, as the staff export of States writes it (django-import-export; see exports.imports).

Rows are matched on the ISO alpha-3 code and only update existing States: the 197 States come from the bundled UN
data with their names, codes and regions, which an actions file does not carry, so a row with an unknown code is an
error ("No State has the ISO code 'XXX'."), never a new State. Every row is checked by the model's own rules (the
database constraints' messages: "The deposit date cannot be before the signature date." …).
"""

from import_export.fields import Field

from core.text import strip_control_characters_of
from exports.imports import ChoiceWidget, IsoDateWidget, PlainModelResource, TextWidget, YesWidget, translation_fields

from .models import Instrument, State


class IsoCodeWidget(TextWidget):
    def clean(self, value, row=None, **kwargs):
        return super().clean(value, row, **kwargs).strip().upper()


class StateActionsResource(PlainModelResource):
    iso3 = Field(attribute="iso3", column_name="iso3", widget=IsoCodeWidget(), readonly=True)
    signed_on = Field(attribute="signed_on", column_name="signature_date", widget=IsoDateWidget())
    instrument = Field(attribute="instrument", column_name="instrument", widget=ChoiceWidget(Instrument, blank=True))
    deposited_on = Field(attribute="deposited_on", column_name="deposit_date", widget=IsoDateWidget())
    withdrawal_notified_on = Field(
        attribute="withdrawal_notified_on", column_name="withdrawal_notified", widget=IsoDateWidget()
    )
    withdrawal_suspended = Field(
        attribute="withdrawal_suspended", column_name="withdrawal_suspended", widget=YesWidget()
    )
    note = Field(attribute="note", column_name="public_note", widget=TextWidget())

    noun = "State"
    key_is_code = True

    class Meta(PlainModelResource.Meta):
        model = State
        name = "States' actions"
        fields = (
            "iso3",
            "signed_on",
            "instrument",
            "deposited_on",
            "withdrawal_notified_on",
            "withdrawal_suspended",
            "note",
        )
        import_id_fields = ("iso3",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The public note's translations (`public_note_fr`…), as the staff export with a language writes them.
        self.fields.update(translation_fields(State, {"note": "public_note"}))

    def unknown_key_message(self, key):
        if not key:
            return "The iso3 cell is empty: give the State's ISO alpha-3 code, e.g. FRA."
        return f"No State has the ISO code '{key}'."

    def import_instance(self, instance, row, **kwargs):
        """Text comes in without control characters (a vertical tab pasted from Word would break the feed)."""
        super().import_instance(instance, row, **kwargs)
        strip_control_characters_of(instance)
