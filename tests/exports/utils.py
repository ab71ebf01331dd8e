"""Reading exported files back the way their users' tools do: csv, openpyxl, json."""

import csv
import io
import json

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
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
