"""Staff exports of the obligations records, and imports of completions and extensions with a dry run."""

import csv
import io
from datetime import date

import time_machine

from exports.models import ExportLog
from obligations.models import ClearanceExtension, ClearanceObligation
from tests.exports.utils import AdminImportMixin, ExportTestCase, exporter, make_user, parse_csv, parse_json, parse_xlsx

from .factories import ClearanceExtensionFactory, ClearanceObligationFactory, MeetingFactory, StockpileObligationFactory

TODAY = date(2026, 12, 2)


def csv_file(header, *rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


@time_machine.travel(TODAY)
class ObligationExportTests(ExportTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.exporter = exporter()
        cls.meeting = MeetingFactory(number=9, start_date=date(2008, 11, 24), end_date=date(2008, 11, 28))
        cls.obligation = ClearanceObligationFactory(state__name="Aland", sources="https://example.org/a")
        ClearanceExtensionFactory(obligation=cls.obligation, sequence=1, meeting=cls.meeting, meeting_inferred=True)
        ClearanceExtensionFactory(
            obligation=cls.obligation,
            sequence=2,
            meeting=None,
            new_deadline=date(2029, 1, 1),
            new_deadline_precision="year",
        )
        StockpileObligationFactory(
            state=cls.obligation.state, completed_on=date(2015, 1, 1), completed_precision="year"
        )

    def test_clearance_in_every_format_with_as_of(self):
        rows = parse_csv(self.export("clearance", "csv", as_of="2009-06-01"))
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0]["deadline_in_force"], "2014-03-01")
        self.assertEqual(rows[0]["extensions"], "9MSP (meeting inferred): 2014-03-01; a meeting not identified: 2029")
        _, header, cells = parse_xlsx(self.export("clearance", "xlsx"))
        self.assertIn("extensions", header)
        self.assertEqual(len(cells), 1)
        data = parse_json(self.export("clearance", "json", standing="completed"))
        self.assertEqual(data["rows"], [])
        log = ExportLog.objects.filter(dataset="clearance").first()
        self.assertEqual(log.filters, '{"standing": "completed"}')

    def test_stockpiles_and_extensions(self):
        rows = parse_csv(self.export("stockpiles", "csv"))
        self.assertEqual(rows[0]["completed_on"], "2015")
        extensions = parse_csv(self.export("clearance-extensions", "csv"))
        self.assertEqual(
            [row["extension"] for row in extensions],
            [f"{self.obligation.state.iso3}-1", f"{self.obligation.state.iso3}-2"],
        )
        self.assertEqual(extensions[0]["meeting"], "9MSP?")
        self.assertEqual(extensions[1]["new_deadline"], "2029")


@time_machine.travel(TODAY)
class ObligationImportTests(AdminImportMixin, ExportTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.meeting = MeetingFactory(number=12, start_date=date(2012, 12, 3), end_date=date(2012, 12, 7))
        cls.obligation = ClearanceObligationFactory()
        cls.iso3 = cls.obligation.state.iso3
        cls.importer = make_user("importer", superuser=True)

    def setUp(self):
        self.client.force_login(self.importer)

    def test_an_extension_dry_run_saves_nothing_and_the_confirmation_saves_it(self):
        content = csv_file(
            ["extension", "meeting", "granted_on", "new_deadline", "note"],
            [f"{self.iso3}-1", "12MSP?", "", "2021", "granted"],
        )
        preview = self.upload(ClearanceExtension, content, "extensions.csv")
        self.assertEqual(self.errors(preview), {})
        self.assertEqual(preview.context["preview_counts"]["new"], 1)
        self.assertFalse(ClearanceExtension.objects.exists())
        self.confirm(ClearanceExtension, preview)
        extension = ClearanceExtension.objects.get()
        self.assertEqual((extension.meeting, extension.meeting_inferred), (self.meeting, True))
        self.assertEqual((extension.new_deadline, extension.new_deadline_precision), (date(2021, 1, 1), "year"))
        self.assertEqual(extension.history.first().history_change_reason, "Imported from extensions.csv")

    def test_bad_rows_are_errors_in_plain_words(self):
        content = csv_file(
            ["extension", "meeting", "new_deadline"],
            ["XX-1", "12MSP", ""],
            [f"{self.iso3}-2", "99MSP", ""],
            [f"{self.iso3}-3", "12MSP", "31/12/2020"],
        )
        errors = self.errors(self.upload(ClearanceExtension, content, "extensions.csv"))
        text = str(errors)
        self.assertIn("e.g. AGO-3", text)
        self.assertIn("No meeting has the code '99MSP'", text)
        self.assertIn("YYYY-MM-DD, YYYY-MM or YYYY", text)
        self.assertFalse(ClearanceExtension.objects.exists())

    def test_a_completion_dry_run_saves_nothing(self):
        content = csv_file(["iso3", "completed_on", "completion_meeting"], [self.iso3.lower(), "2012-12", "12MSP"])
        preview = self.upload(ClearanceObligation, content, "completions.csv")
        self.assertEqual(self.errors(preview), {})
        self.assertIsNone(ClearanceObligation.objects.get().completed_on)
        self.confirm(ClearanceObligation, preview)
        obligation = ClearanceObligation.objects.get()
        self.assertEqual((obligation.completed_on, obligation.completed_precision), (date(2012, 12, 1), "month"))
        self.assertEqual(obligation.completion_meeting, self.meeting)
