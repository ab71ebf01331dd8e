"""
Running an export: the one path shared by the exports page, the admin's "Export" actions and `export_records`.

`start_export()` writes the log entry, then returns the file name, content type and an iterator of byte chunks.
CSV and JSON are produced lazily, row by row, as the chunks are read (memory stays flat); XLSX is written to a
temporary file first (openpyxl's write-only mode) and read back in chunks. The log's row count is filled in when the
last row has been produced, so an export cut short stays visible in the log with no count.
"""

import json
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils import timezone

from core import spreadsheets

from .models import ExportLog, Format, Source

CONTENT_TYPES = {
    Format.CSV: "text/csv; charset=utf-8",
    Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    Format.JSON: "application/json; charset=utf-8",
}
CHUNK_BYTES = 64 * 1024
XLSX_IN_MEMORY_BYTES = 8 * 1024 * 1024  # larger workbooks spill to a temporary file


@dataclass
class Export:
    log: ExportLog
    filename: str
    content_type: str
    chunks: Iterator[bytes]


def counted(rows, log):
    """Pass `rows` through, then record how many there were in the log."""
    count = 0
    for row in rows:
        count += 1
        yield row
    ExportLog.objects.filter(pk=log.pk).update(row_count=count)
    log.row_count = count


def in_chunks(pieces):
    """Join small text pieces (one per row) into UTF-8 chunks of about CHUNK_BYTES: fewer, larger writes."""
    buffer, size = [], 0
    for piece in pieces:
        data = piece.encode()
        buffer.append(data)
        size += len(data)
        if size >= CHUNK_BYTES:
            yield b"".join(buffer)
            buffer, size = [], 0
    if buffer:
        yield b"".join(buffer)


def read_chunks(file):
    with file:
        while chunk := file.read(CHUNK_BYTES):
            yield chunk


def start_export(*, dataset, export_format, objects, filters, source, user=None, username="", stem):
    """
    Log an export of `objects` (records of `dataset`, already filtered) and return it as an `Export`.
    `filters` is what the log keeps (JSON-friendly); `stem` the file name without its extension.
    """
    export_format = Format(export_format)
    if user is not None and user.is_authenticated:
        username = user.get_username()
    else:
        user = None
    log = ExportLog.objects.create(
        user=user,
        username=username,
        dataset=dataset.name,
        format=export_format,
        filters=json.dumps(filters, ensure_ascii=False, sort_keys=True),
        source=Source(source),
    )
    rows = counted(dataset.rows(objects), log)
    if export_format == Format.CSV:
        chunks = in_chunks(spreadsheets.stream_rows(dataset.header, rows, bom=True))
    elif export_format == Format.JSON:
        meta = {"dataset": dataset.name, "exported_at": timezone.now(), "filters": filters}
        chunks = in_chunks(spreadsheets.stream_json(dataset.header, rows, meta=meta))
    else:
        file = tempfile.SpooledTemporaryFile(max_size=XLSX_IN_MEMORY_BYTES)  # noqa: SIM115 - read_chunks closes it
        spreadsheets.write_xlsx(file, dataset.header, rows, title=dataset.name, widths=dataset.widths)
        file.seek(0)
        chunks = read_chunks(file)
    return Export(
        log=log,
        filename=f"{stem}.{export_format.value}",
        content_type=CONTENT_TYPES[export_format],
        chunks=chunks,
    )
