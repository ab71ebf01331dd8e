"""CSV that opens safely in spreadsheets: no cell is ever read as a formula."""

import csv

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def inert(value):
    """Neutralise spreadsheet formula injection: a text cell starting with a trigger gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class Echo:
    """A file-like object whose write() returns the line, so csv.writer can feed a streaming response."""

    def write(self, value):
        return value


def stream_rows(header, rows):
    """Yield CSV lines (RFC 4180 quoting, CRLF) one row at a time: memory stays flat however many rows."""
    writer = csv.writer(Echo())
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow([inert(cell) for cell in row])
