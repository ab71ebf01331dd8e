import io
import tempfile
from datetime import date

import time_machine
from django.core.management import CommandError, call_command
from django.test import TestCase

from exports.models import ExportLog
from tests.timeline.factories import EventFactory
from treaty import seed

from .utils import parse_csv, parse_json, parse_xlsx


@time_machine.travel(date(2026, 11, 27))
class ExportRecordsCommandTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        seed.load()

    def setUp(self):
        self.tmp = self.enterContext(tempfile.TemporaryDirectory())

    def run_command(self, *args):
        out, err = io.StringIO(), io.StringIO()
        call_command("export_records", *args, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    def test_csv_to_stdout_by_default_as_of_a_day_with_filters(self):
        out, _ = self.run_command("states", "--as-of", "2017-12-03", "--status", "parties")
        rows = parse_csv(out.encode())
        self.assertEqual(len(rows), 162)
        log = ExportLog.objects.get()
        self.assertEqual((log.dataset, log.format, log.source, log.row_count), ("states", "csv", "command", 162))
        self.assertEqual(log.filters_dict, {"as_of": "2017-12-03", "status": "parties"})
        self.assertTrue(log.username)  # the system user who ran it
        self.assertIsNone(log.user)

    def test_each_format_to_a_file(self):
        EventFactory(title="Oslo", slug="oslo", date=date(1997, 9, 18))
        for export_format in ("csv", "xlsx", "json"):
            with self.subTest(export_format=export_format):
                target = f"{self.tmp}/events.{export_format}"
                _, err = self.run_command("events", "--format", export_format, "-o", target, "--from", "1997")
                self.assertIn(f"Wrote 1 rows of events to {target}", err)
                with open(target, "rb") as file:
                    data = file.read()
                if export_format == "csv":
                    self.assertEqual(parse_csv(data)[0]["slug"], "oslo")
                elif export_format == "xlsx":
                    self.assertEqual(parse_xlsx(data)[2][0]["slug"].value, "oslo")
                else:
                    self.assertEqual(parse_json(data)["rows"][0]["date"], "1997-09-18")

    def test_json_to_stdout_and_history(self):
        out, _ = self.run_command("treaty-history", "--format", "json", "--state", "fra")
        rows = parse_json(out.encode())["rows"]
        self.assertTrue(rows)
        self.assertEqual({row["iso3"] for row in rows}, {"FRA"})

    def test_xlsx_needs_a_file_when_stdout_is_text(self):
        with self.assertRaisesMessage(CommandError, "XLSX is a binary file: give -o FILE"):
            self.run_command("states", "--format", "xlsx")
        self.assertFalse(ExportLog.objects.exists())

    def test_bad_filters_are_refused_in_plain_words(self):
        cases = {
            ("states", "--as-of", "03/12/2017"): "--as-of: Give the date as YYYY-MM-DD",
            ("states", "--region", "atlantis"): "--region: Unknown region",
            ("states", "--category", "conference"): "--category: not a filter of states",
            ("events", "--from", "1999", "--to", "1990"): "swap them",
            ("treaty-history", "--state", "XXX"): "No State has the ISO code 'XXX'.",
        }
        for args, message in cases.items():
            with self.subTest(args=args), self.assertRaisesMessage(CommandError, message):
                self.run_command(*args)
        self.assertFalse(ExportLog.objects.exists())
