"""Importing States' actions from CSV or XLSX in the admin: preview, confirm, all or nothing, the round trip."""

import csv
import io
import os
import tempfile
from datetime import date

import time_machine
from django.contrib.auth.models import Permission
from django.forms.models import model_to_dict
from django.test import TestCase
from django.urls import reverse

from exports.models import ExportLog
from tests.exports.utils import AdminImportMixin, body, import_url, make_user
from treaty import seed
from treaty.models import State

TODAY = date(2026, 11, 27)
CRLF_NOTE = '=1+1 looks like a formula\r\nand this note has a Windows line break, "quotes", commas, 🇫🇷'


def snapshot():
    return {state.iso3: model_to_dict(state, exclude=["id"]) for state in State.objects.all()}


def csv_text(header, rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode()


@time_machine.travel(TODAY)
class StateImportTests(AdminImportMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        seed.load()
        france = State.objects.get(iso3="FRA")
        france.note = CRLF_NOTE
        france.save()
        cls.importer = make_user("importer", superuser=True)

    def setUp(self):
        self.client.force_login(self.importer)

    def exported(self, export_format):
        response = self.client.get(reverse("exports:download", args=["states"]), {"format": export_format})
        return body(response)

    def test_round_trip_changes_nothing(self):
        for export_format in ("csv", "xlsx"):
            with self.subTest(export_format=export_format):
                before, history = snapshot(), State.history.count()
                preview = self.upload(State, self.exported(export_format), f"states.{export_format}")
                self.assertEqual(
                    preview.context["preview_counts"], {"new": 0, "updated": 0, "unchanged": 197, "error": 0}
                )
                self.assertContains(preview, "Preview — nothing has been saved yet")
                response = self.confirm(State, preview)
                self.assertContains(response, "Imported: 0 new, 0 updated, 197 unchanged.")
                self.assertEqual(snapshot(), before)
                self.assertEqual(State.history.count(), history)

    def test_editing_one_cell_changes_exactly_that_field_and_records_it_in_the_history(self):
        rows = list(csv.DictReader(io.StringIO(self.exported("csv").decode("utf-8-sig"), newline="")))
        albania = next(row for row in rows if row["iso3"] == "ALB")
        self.assertEqual(albania["deposit_date"], "2000-02-29")
        albania["deposit_date"] = "2000-03-01"
        edited = csv_text(list(rows[0]), [list(row.values()) for row in rows])
        before, history = snapshot(), State.history.count()

        preview = self.upload(State, edited, "states-corrected.csv")
        self.assertEqual(preview.context["preview_counts"], {"new": 0, "updated": 1, "unchanged": 196, "error": 0})
        (updated,) = [row for row in preview.context["preview_rows"] if row["outcome"] == "updated"]
        self.assertEqual(updated["record"], "Albania")
        self.assertEqual(updated["changes"], [("deposit_date", "2000-02-29", "2000-03-01")])
        self.assertContains(preview, "2000-02-29 → 2000-03-01")
        self.assertEqual(snapshot(), before)  # nothing written before confirmation
        self.assertEqual(State.history.count(), history)

        self.confirm(State, preview)
        after = snapshot()
        changed = {
            (iso3, field) for iso3 in before for field in before[iso3] if before[iso3][field] != after[iso3][field]
        }
        self.assertEqual(changed, {("ALB", "deposited_on")})
        self.assertEqual(State.objects.get(iso3="ALB").deposited_on, date(2000, 3, 1))
        record = State.objects.get(iso3="ALB").history.latest()
        self.assertEqual(State.history.count(), history + 1)
        self.assertEqual(record.history_user, self.importer)
        self.assertEqual(record.history_change_reason, "Imported from states-corrected.csv")
        changes = record.diff_against(record.prev_record).changes
        self.assertEqual(
            [(c.field, c.old, c.new) for c in changes], [("deposited_on", date(2000, 2, 29), date(2000, 3, 1))]
        )

    def test_every_error_in_plain_words_and_nothing_can_be_applied(self):
        header = ["iso3", "signature_date", "instrument", "deposit_date", "withdrawal_suspended", "public_note"]
        rows = [
            ["XXX", "", "", "", "", ""],
            ["ALB", "1998-09-08", "ratification", "31/12/2017", "", ""],
            ["AND", "1998-09-08", "ratification", "1998-09-01", "", ""],
            ["AUT", "", "treaty", "1998-06-29", "", ""],
            ["BEL", "1997-12-03", "ratification", "1998-09-04", "maybe", ""],
            ["FIN", "", "", "", "", "first"],
            ["fin", "", "", "", "", "second"],
            ["CAN", "1997-12-03", "ratification", "1997-12-03", "", "A valid change"],
        ]
        before = snapshot()
        preview = self.upload(State, csv_text(header, rows), "states.csv")

        self.assertIsNone(preview.context.get("confirm_form"))
        self.assertContains(preview, "This file cannot be imported")
        errors = self.errors(preview)
        self.assertEqual(errors[2], ["No State has the ISO code 'XXX'."])
        self.assertEqual(errors[3], ["deposit_date: Dates must be written YYYY-MM-DD (got '31/12/2017')."])
        self.assertEqual(errors[4], ["The deposit date cannot be before the signature date."])
        self.assertEqual(
            errors[5],
            [
                "instrument: Unknown value 'treaty': write ratification, acceptance, approval, accession, succession, "
                "or leave it empty."
            ],
        )
        self.assertEqual(errors[6], ["withdrawal_suspended: Write yes, or leave the cell empty for no (got 'maybe')."])
        self.assertEqual(errors[7], ["The iso3 'FIN' is on more than one row (rows 7, 8): keep one."])
        self.assertEqual(errors[8], errors[7])
        self.assertNotIn(9, errors)
        self.assertEqual(preview.context["preview_counts"]["error"], 7)
        self.assertContains(preview, "No State has the ISO code &#x27;XXX&#x27;.")
        self.assertEqual(snapshot(), before)

    def test_a_confirmation_whose_file_has_an_error_writes_nothing(self):
        header = ["iso3", "public_note"]
        preview = self.upload(State, csv_text(header, [["CAN", "checked"], ["NOR", "checked"]]), "states.csv")
        self.assertEqual(preview.context["preview_counts"]["updated"], 2)
        # Between the preview and the confirmation the stored file changes (or a request is forged): one bad row.
        path = os.path.join(tempfile.gettempdir(), preview.context["confirm_form"].initial["import_file_name"])
        with open(path, "wb") as file:
            file.write(csv_text(header, [["CAN", "checked"], ["XXX", "checked"]]))
        before, history = snapshot(), State.history.count()

        response = self.confirm(State, preview)

        self.assertContains(response, "Nothing was imported: the file has errors")
        self.assertEqual(snapshot(), before)
        self.assertEqual(State.history.count(), history)

    def test_a_file_without_the_key_column_is_refused(self):
        preview = self.upload(State, csv_text(["name", "public_note"], [["France", "x"]]), "states.csv")
        self.assertIsNone(preview.context.get("confirm_form"))
        self.assertContains(preview, "iso3")

    def test_import_needs_the_change_permission_and_the_list_offers_it(self):
        self.assertContains(self.client.get(reverse("admin:treaty_state_changelist")), import_url(State))
        viewer = make_user("viewer", permissions=["treaty.view_state"])
        self.client.force_login(viewer)
        self.assertEqual(self.client.get(import_url(State)).status_code, 403)
        self.assertNotContains(self.client.get(reverse("admin:treaty_state_changelist")), import_url(State))
        viewer.user_permissions.add(Permission.objects.get(codename="change_state"))
        self.assertEqual(self.client.get(import_url(State)).status_code, 200)

    def test_imports_are_not_exports(self):
        self.upload(State, csv_text(["iso3", "public_note"], [["CAN", "x"]]), "states.csv")
        self.assertFalse(ExportLog.objects.exists())
