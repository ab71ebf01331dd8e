import csv
import io
import json
from datetime import UTC, date, datetime

from django.test import SimpleTestCase
from openpyxl import load_workbook

from core import spreadsheets

TEXTS = ["=1+1", "+1", "-1", "@A1", "\tx", "\rx", "'=x", "''", "'plain", "plain", "", "a'=b", "Türkiye"]


class FormulaGuardTests(SimpleTestCase):
    def test_inert_then_restore_gives_back_any_text(self):
        for text in TEXTS:
            with self.subTest(text=text):
                guarded = spreadsheets.inert(text)
                self.assertFalse(guarded.startswith(spreadsheets.FORMULA_TRIGGERS))
                self.assertEqual(spreadsheets.restore(guarded), text)

    def test_only_risky_text_changes(self):
        self.assertEqual(spreadsheets.inert("=SUM(A1)"), "'=SUM(A1)")
        self.assertEqual(spreadsheets.inert("Ottawa"), "Ottawa")
        self.assertEqual(spreadsheets.inert(None), None)
        self.assertEqual(spreadsheets.restore("'Ottawa"), "'Ottawa")  # an apostrophe the user typed stays


class CsvTests(SimpleTestCase):
    def test_bom_quoting_native_values_and_numbers(self):
        rows = [["a,b", date(2017, 12, 3), True, False, None, -5, 'say "hi"\r\nbye', "=x"]]
        text = "".join(spreadsheets.stream_rows(list("abcdefgh"), rows, bom=True))
        self.assertTrue(text.startswith("\ufeffa,b,"))
        parsed = list(csv.reader(io.StringIO(text[1:], newline="")))
        self.assertEqual(parsed[1], ["a,b", "2017-12-03", "yes", "", "", "-5", 'say "hi"\r\nbye', "'=x"])
        self.assertIn('"say ""hi""\r\nbye"', text)

    def test_lines_are_produced_one_row_at_a_time(self):
        lines = spreadsheets.stream_rows(["n"], ([n] for n in range(3)))
        self.assertEqual(next(lines), "n\r\n")
        self.assertEqual(next(lines), "0\r\n")


class JsonTests(SimpleTestCase):
    def test_streamed_pieces_make_one_document(self):
        rows = [["=x\r\n🇨🇦", date(2017, 12, 3), datetime(2026, 1, 1, 9, tzinfo=UTC), None, True]]
        text = "".join(spreadsheets.stream_json(list("abcde"), rows, meta={"dataset": "d"}))
        self.assertIn("🇨🇦", text)  # not escaped
        self.assertEqual(
            json.loads(text),
            {
                "dataset": "d",
                "rows": [{"a": "=x\r\n🇨🇦", "b": "2017-12-03", "c": "2026-01-01T09:00:00+00:00", "d": None, "e": True}],
            },
        )

    def test_no_rows_and_no_meta(self):
        self.assertEqual(json.loads("".join(spreadsheets.stream_json(["a"], [], meta={}))), {"rows": []})


class XlsxTests(SimpleTestCase):
    def write(self, header, rows, **kwargs):
        file = io.BytesIO()
        spreadsheets.write_xlsx(file, header, rows, title="test", **kwargs)
        return load_workbook(io.BytesIO(file.getvalue())).active

    def test_header_frozen_widths_and_types(self):
        sheet = self.write(
            ["name", "day", "when", "flag", "n", "empty"],
            [["x", date(2017, 12, 3), datetime(2026, 1, 1, 9, tzinfo=UTC), True, 3, None]],
            widths=[30, None, None, None, None, None],
        )
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertTrue(sheet["A1"].font.bold)
        self.assertEqual(sheet.column_dimensions["A"].width, 30)
        self.assertEqual(sheet.column_dimensions["B"].width, 10)
        day, when, flag, number, empty = (cell for cell in sheet[2][1:])
        self.assertTrue(day.is_date)
        self.assertEqual((day.value, day.number_format), (datetime(2017, 12, 3), "yyyy-mm-dd"))
        self.assertEqual(when.value, datetime(2026, 1, 1, 9))
        self.assertIs(flag.value, True)
        self.assertEqual(number.value, 3)
        self.assertIsNone(empty.value)

    def test_text_is_never_a_formula_and_survives_exactly(self):
        texts = [*TEXTS, "a\r\nb", "_x000D_ literally", "bell\x07", '=HYPERLINK("x")']
        sheet = self.write(["text"], [[text] for text in texts])
        for cell, text in zip((row[0] for row in sheet.iter_rows(min_row=2)), texts, strict=True):
            with self.subTest(text=text):
                self.assertEqual(cell.data_type, "s" if text else "n")  # "" is an empty cell
                self.assertEqual(spreadsheets.restore(spreadsheets.xlsx_unescape(cell.value or "")), text)
