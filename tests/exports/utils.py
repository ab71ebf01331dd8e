"""Reading exported files back the way their users' tools do: csv, openpyxl, json."""

import csv
import io
import json
from datetime import UTC, date, datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import TestCase
from django.urls import reverse
from openpyxl import load_workbook

BOM = b"\xef\xbb\xbf"


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def parse_csv(data):
    """Rows of a CSV export as dicts; the file must start with the UTF-8 byte order mark."""
    assert data.startswith(BOM), "a CSV export starts with the UTF-8 BOM"
    return list(csv.DictReader(io.StringIO(data[len(BOM) :].decode("utf-8"), newline="")))


def parse_xlsx(data):
    """(worksheet, header, rows as dicts of cells) of an XLSX export."""
    sheet = load_workbook(io.BytesIO(data)).active
    lines = list(sheet.iter_rows())
    header = [cell.value for cell in lines[0]]
    return sheet, header, [dict(zip(header, line, strict=True)) for line in lines[1:]]


def parse_json(data):
    return json.loads(data.decode("utf-8"))


def make_user(username, *, permissions=(), superuser=False):
    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(username, f"{username}@example.org", "a-long-password-1")
    user = User.objects.create_user(username, f"{username}@example.org", "a-long-password-1", is_staff=True)
    for name in permissions:
        app_label, codename = name.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return user


def exporter(username="exporter"):
    return make_user(username, permissions=["exports.export_records"])


def import_url(model, step="import"):
    from django.urls import reverse

    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{step}")


class AdminImportMixin:
    """Drive the admin's import as an editor does: upload (dry run and preview), then confirm."""

    def upload(self, model, content, filename):
        from django.core.files.uploadedfile import SimpleUploadedFile

        export_format = "1" if filename.endswith(".xlsx") else "0"  # the admin offers CSV, then XLSX
        upload = SimpleUploadedFile(filename, content)
        response = self.client.post(
            import_url(model), {"resource": "0", "format": export_format, "import_file": upload}
        )
        self.assertEqual(response.status_code, 200)
        return response

    def confirm(self, model, preview):
        form = preview.context["confirm_form"]
        self.assertIsNotNone(form, "the preview offers a confirmation")
        return self.client.post(import_url(model, "process_import"), form.initial, follow=True)

    def outcomes(self, preview):
        return [(row["record"], row["outcome"]) for row in preview.context["preview_rows"]]

    def errors(self, preview):
        return {row["row"]: row["errors"] for row in preview.context["preview_rows"] if row["errors"]}


TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
# Text that a spreadsheet would run as a formula, and text with characters that must survive exactly.
DANGEROUS = ['=HYPERLINK("https://evil.example")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rReturn"]
EXACT = "Türkiye — “quoted”, comma, \"double\"\nsecond line 🇨🇦 '=kept'"


class ExportTestCase(TestCase):
    def export(self, name, export_format, **query):
        self.client.force_login(self.exporter)
        response = self.client.get(reverse("exports:download", args=[name]), {"format": export_format, **query})
        self.assertEqual(response.status_code, 200, response.content if not response.streaming else "")
        return body(response)
