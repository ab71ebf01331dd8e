"""The meetings dataset (meetings.datasets) as staff export it, in each format, with the list's filters."""

from datetime import date

import time_machine

from meetings import services
from tests.exports.utils import EXACT, NOW, ExportTestCase, exporter, parse_csv, parse_json, parse_xlsx
from tests.treaty.factories import StateFactory

from .factories import MeetingFactory, MeetingSourceFactory


@time_machine.travel(NOW, tick=False)
class MeetingsDatasetTests(ExportTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.exporter = exporter()
        switzerland = StateFactory(name="Switzerland", iso2="CH", iso3="CHE")
        belgium = StateFactory(name="Belgium", iso2="BE", iso3="BEL")
        cls.fourth = MeetingFactory(
            number=4, code="4MSP", country=switzerland, presidency=belgium, outcome=EXACT, body="=cmd|' /C calc'!A0"
        )
        MeetingSourceFactory(meeting=cls.fourth, url="https://press.un.org/x", title="UN press")
        MeetingSourceFactory(meeting=cls.fourth, url="https://icbl.org/y")
        services.sync_event(meeting=cls.fourth)
        MeetingFactory(kind="rc", number=1, code="1RC", start_date=date(2004, 11, 29), end_date=date(2004, 12, 3))
        MeetingFactory(number=6, code="6MSP", start_date=date(2005, 11, 28), end_date=date(2005, 12, 2), draft=True)

    def test_csv_has_every_meeting_drafts_included(self):
        rows = {row["code"]: row for row in parse_csv(self.export("meetings", "csv"))}
        self.assertEqual(list(rows), ["4MSP", "1RC", "6MSP"])  # by date
        fourth = rows["4MSP"]
        self.assertEqual((fourth["kind"], fourth["number"]), ("msp", "4"))
        self.assertEqual((fourth["start_date"], fourth["end_date"]), ("2002-09-16", "2002-09-20"))
        self.assertEqual((fourth["country_iso3"], fourth["presidency_iso3"]), ("CHE", "BEL"))
        self.assertEqual(fourth["outcome"], EXACT)
        self.assertEqual(fourth["body"], "'=cmd|' /C calc'!A0")  # a formula is never run by a spreadsheet
        self.assertEqual(fourth["sources"], "UN press <https://press.un.org/x>\nhttps://icbl.org/y")
        self.assertEqual(fourth["url"], "/meetings/4msp/")
        self.assertTrue(fourth["timeline_event"].startswith("/timeline/fourth-meeting"))
        self.assertEqual(rows["6MSP"]["visibility"], "draft")
        self.assertEqual(rows["1RC"]["timeline_event"], "")

    def test_xlsx_and_json(self):
        _, header, cells = parse_xlsx(self.export("meetings", "xlsx"))
        self.assertEqual(header[:3], ["id", "code", "kind"])
        self.assertTrue(cells[0]["start_date"].is_date)
        document = parse_json(self.export("meetings", "json"))
        self.assertEqual(document["rows"][0]["outcome"], EXACT)
        self.assertEqual(document["rows"][0]["number"], 4)

    def test_kind_and_year_filters(self):
        def codes(**query):
            return [row["code"] for row in parse_csv(self.export("meetings", "csv", **query))]

        self.assertEqual(codes(kind="rc"), ["1RC"])
        self.assertEqual(codes(year="2005"), ["6MSP"])
        self.assertEqual(codes(kind="msp", year="2002"), ["4MSP"])
