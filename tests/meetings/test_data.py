"""Data quality of the bundled meetings (meetings/data/meetings.csv), read as seed reads it."""

from django.test import SimpleTestCase

from meetings import seed
from meetings.models import Kind, code_for


def rows():
    return list(seed.read_csv("meetings.csv"))


class MeetingDataTests(SimpleTestCase):
    def test_27_meetings_with_unique_codes_that_match_kind_and_number(self):
        data = rows()
        self.assertEqual(len(data), 27)
        self.assertEqual(len({row["code"] for row in data}), 27)
        for row in data:
            with self.subTest(row["code"]):
                self.assertEqual(row["code"], code_for(seed.KIND_FOR_CSV_VALUE[row["kind"]], int(row["number"])))

    def test_numbers_are_contiguous_msp_1_to_22_and_rc_1_to_5(self):
        numbers = {Kind.MSP: [], Kind.RC: []}
        for row in rows():
            numbers[seed.KIND_FOR_CSV_VALUE[row["kind"]]].append(int(row["number"]))
        self.assertEqual(sorted(numbers[Kind.MSP]), list(range(1, 23)))
        self.assertEqual(sorted(numbers[Kind.RC]), list(range(1, 6)))

    def test_every_meetings_days_are_in_order_and_within_one_year(self):
        from datetime import date

        for row in rows():
            with self.subTest(row["code"]):
                start, end = date.fromisoformat(row["start_date"]), date.fromisoformat(row["end_date"])
                self.assertLessEqual(start, end)
                self.assertEqual(start.year, end.year)
                self.assertLessEqual((end - start).days, 7)

    def test_meetings_of_one_kind_are_numbered_in_date_order(self):
        for kind in ("msp", "review-conference"):
            ordered = sorted((row for row in rows() if row["kind"] == kind), key=lambda row: row["start_date"])
            self.assertEqual([int(row["number"]) for row in ordered], list(range(1, len(ordered) + 1)))

    def test_every_meeting_has_a_city_a_president_an_outcome_and_two_sources(self):
        for row in rows():
            with self.subTest(row["code"]):
                self.assertTrue(row["city"] and row["president"] and row["outcome"])
                urls = [url.strip() for url in row["sources"].split("|") if url.strip()]
                self.assertGreaterEqual(len(urls), 2)
                self.assertTrue(all(url.startswith(("http://", "https://")) for url in urls))
