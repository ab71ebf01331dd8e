"""
Rows out as CSV, XLSX and JSON, one row at a time, and safe to open in a spreadsheet.

Rows are lists of native values (str, int, bool, date, datetime, None). Each writer turns them into its format:

- CSV: RFC 4180 quoting, CRLF, optionally a UTF-8 byte order mark (so Excel reads accents correctly); dates and
  times in ISO 8601; yielded line by line, so memory stays flat however many rows there are.
- XLSX: openpyxl's write-only mode (rows go to a temporary file, not memory): a bold header row, frozen panes below
  it, column widths, real date cells; times in UTC (Excel has no time zones). Carriage returns and other control
  characters, which XML cannot carry as they are, are written as Excel does (`_x000D_`), so text survives exactly.
- JSON: one object, `{..., "rows": [{column: value}, ...]}`, yielded row by row; text exactly as stored.

No cell is ever read as a formula: in CSV and XLSX a text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage
return gets a leading apostrophe (`inert`), and `restore` takes it off again on import, so the round trip is exact.
JSON is data, not a spreadsheet: its text is never changed.
"""

import csv
import json
import re
from datetime import UTC, date, datetime

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# A text that already starts with an apostrophe gets one more, so that `restore` can always tell them apart.
ESCAPED = (*FORMULA_TRIGGERS, "'")
BOM = "\ufeff"


def inert(value):
    """Neutralise spreadsheet formula injection: a text cell starting with a trigger gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(ESCAPED):
        return "'" + value
    return value


def restore(value):
    """The inverse of `inert`, for text read back from a CSV or XLSX file this site wrote."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(ESCAPED):
        return value[1:]
    return value


def cell_text(value):
    """A native value as CSV text: ISO dates and times, "yes" or empty for booleans, empty for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


class Echo:
    """A file-like object whose write() returns the line, so csv.writer can feed a streaming response."""

    def write(self, value):
        return value


def stream_rows(header, rows, *, bom=False):
    """Yield CSV lines (RFC 4180 quoting, CRLF) one row at a time: memory stays flat however many rows."""
    writer = csv.writer(Echo())
    yield (BOM if bom else "") + writer.writerow(header)
    for row in rows:
        yield writer.writerow([inert(cell) if isinstance(cell, str) else cell_text(cell) for cell in row])


def json_value(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def stream_json(header, rows, *, meta):
    """
    Yield one JSON object in pieces: the `meta` keys, then `"rows"`, a list of {column: value} objects, one per line.
    Text is written as stored (no ASCII escaping, no formula guard); dates and times in ISO 8601.
    """
    opening = json.dumps(meta, ensure_ascii=False, default=json_value)[:-1]
    yield opening + (', "rows": [' if meta else '"rows": [')
    separator = "\n"
    for row in rows:
        yield separator + json.dumps(
            {name: json_value(value) for name, value in zip(header, row, strict=True)}, ensure_ascii=False
        )
        separator = ",\n"
    yield "\n]}\n"


# --- XLSX --------------------------------------------------------------------------------------------------------

# OOXML's escape for characters XML cannot carry (ST_Xstring): `_xHHHH_`; a literal `_xHHHH_` gets its `_` escaped.
XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0d\x0e-\x1f]|_(?=x[0-9A-Fa-f]{4}_)")
XML_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def xlsx_escape(text):
    return XML_UNSAFE.sub(lambda match: f"_x{ord(match.group()):04X}_", text)


def xlsx_unescape(text):
    """The text Excel (and `xlsx_escape`) meant: `_x000D_` is a carriage return, `_x005F_` an underscore."""
    return XML_ESCAPED.sub(lambda match: chr(int(match.group(1), 16)), text)


DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"


def xlsx_cell(sheet, value):
    """A write-only cell holding `value` with its type: date, number, boolean, or text that is never a formula."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATETIME_FORMAT
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    if value is None or value == "":
        return WriteOnlyCell(sheet, value=None)  # an empty cell
    if isinstance(value, bool | int | float):
        return WriteOnlyCell(sheet, value=value)
    cell = WriteOnlyCell(sheet, value=xlsx_escape(inert(str(value))))
    cell.data_type = "s"  # text, even if it looks like a formula or a number
    return cell


def write_xlsx(file, header, rows, *, title, widths=None):
    """
    Write one worksheet to `file` (a binary file object): a bold header row, frozen below it, the given column
    widths (in characters; default: the header's length, at least 10), then the rows with typed cells.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.freeze_panes = "A2"
    widths = widths or [None] * len(header)
    for index, (name, width) in enumerate(zip(header, widths, strict=True), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width or max(len(name) + 2, 10)
    bold = Font(bold=True)
    heading = []
    for name in header:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        heading.append(cell)
    sheet.append(heading)
    for row in rows:
        sheet.append([xlsx_cell(sheet, value) for value in row])
    workbook.save(file)
