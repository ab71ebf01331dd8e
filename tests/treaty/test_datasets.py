"""The treaty datasets (treaty.datasets) as staff export them from /exports/: States and the change history."""

from datetime import UTC, datetime

import time_machine
from django.urls import reverse

from core.spreadsheets import xlsx_unescape
from tests.exports.utils import (
    DANGEROUS,
    EXACT,
    NOW,
    ExportTestCase,
    exporter,
    make_user,
    parse_csv,
    parse_json,
    parse_xlsx,
)
from treaty import seed
from treaty.models import State, Status


@time_machine.travel(NOW, tick=False)
class StatesDatasetTests(ExportTestCase):
    @classmethod
    def setUpTestData(cls):
        seed.load()
        cls.exporter = exporter()

    def test_csv_has_a_bom_rfc_4180_quoting_and_the_public_columns_first(self):
        State.objects.filter(iso3="FRA").update(note=EXACT)
        data = self.export("states", "csv", as_of="2017-12-03", region="europe")
        self.assertIn(b"\r\n", data)
        rows = parse_csv(data)
        public_csv = self.client.get(reverse("treaty:state-list-csv"), {"as_of": "2017-12-03", "region": "europe"})
        public = parse_csv(b"\xef\xbb\xbf" + public_csv.content)  # the public file has no BOM
        self.assertEqual(list(rows[0])[:13], list(public[0]))
        self.assertEqual([{k: row[k] for k in public[0]} for row in rows], public)
        france = next(row for row in rows if row["iso3"] == "FRA")
        self.assertEqual(france["public_note"], EXACT)  # quoting keeps commas, quotes and the line break
        self.assertEqual(france["deposit_date"], "1998-07-23")
        self.assertEqual(france["entry_into_force"], "1999-03-01")
        self.assertEqual(france["status"], "in-force")
        self.assertEqual(france["status_as_of"], "2017-12-03")
        self.assertEqual(france["url"], "/states/fra/")

    def test_xlsx_has_typed_dates_a_bold_frozen_header_and_column_widths(self):
        sheet, header, rows = parse_xlsx(self.export("states", "xlsx"))
        self.assertEqual(len(rows), 197)
        self.assertEqual(header[:3], ["name", "iso2", "iso3"])
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertTrue(sheet["A1"].font.bold)
        self.assertEqual(sheet.column_dimensions["A"].width, 30)  # name
        self.assertGreaterEqual(sheet.column_dimensions["F"].width, 12)  # signature_date
        finland = next(row for row in rows if row["iso3"].value == "FIN")
        deposit = finland["deposit_date"]
        self.assertTrue(deposit.is_date)
        self.assertEqual(deposit.value, datetime(2012, 1, 9))
        self.assertEqual(deposit.number_format, "yyyy-mm-dd")
        self.assertEqual(finland["withdrawal_effective"].value, datetime(2026, 1, 10))
        self.assertEqual(finland["status"].value, "withdrawn")
        self.assertIs(finland["withdrawal_suspended"].value, False)
        not_signed = next(row for row in rows if row["iso3"].value == "USA")
        self.assertIsNone(not_signed["deposit_date"].value)

    def test_json_has_iso_dates_and_the_filters(self):
        State.objects.filter(iso3="FRA").update(note=EXACT)
        document = parse_json(self.export("states", "json", as_of="2017-12-03", q="fra"))
        self.assertEqual(document["dataset"], "states")
        self.assertEqual(document["filters"], {"as_of": "2017-12-03", "q": "fra"})
        (france,) = document["rows"]
        self.assertEqual(france["deposit_date"], "1998-07-23")
        self.assertEqual(france["signature_date"], "1997-12-03")
        self.assertIsNone(france["withdrawal_notified"])
        self.assertIs(france["withdrawal_suspended"], False)
        self.assertEqual(france["public_note"], EXACT)

    def test_as_of_reproduces_the_membership_of_that_day(self):
        for day, parties in [("2017-12-03", 162), ("2017-12-29", 164), ("2026-11-27", 161)]:
            with self.subTest(day=day):
                rows = parse_csv(self.export("states", "csv", as_of=day))
                self.assertEqual(len(rows), 197)
                self.assertEqual(sum(row["status"] in Status.parties() for row in rows), parties)
                self.assertEqual(len(parse_csv(self.export("states", "csv", as_of=day, status="parties"))), parties)
        _, _, rows = parse_xlsx(self.export("states", "xlsx", as_of="2017-12-03", status="parties"))
        self.assertEqual(len(rows), 162)
        document = parse_json(self.export("states", "json", as_of="2017-12-03", status="parties"))
        self.assertEqual(len(document["rows"]), 162)
        bound = parse_csv(self.export("states", "csv", as_of="1999-03-01", status="in-force"))
        self.assertEqual(len(bound), 45)

    def test_the_public_filters_apply(self):
        rows = parse_csv(self.export("states", "csv", status="withdrawn"))
        self.assertEqual(sorted(row["iso3"] for row in rows), ["EST", "FIN", "LTU", "LVA", "POL"])
        rows = parse_csv(self.export("states", "csv", instrument="accession", region="oceania", sort="-deposited"))
        self.assertTrue(rows)
        self.assertTrue(all(row["instrument"] == "accession" and row["region"] == "Oceania" for row in rows))
        deposits = [row["deposit_date"] for row in rows]
        self.assertEqual(deposits, sorted(deposits, reverse=True))

    def test_formula_injection_is_neutralised_in_csv_and_xlsx_but_json_keeps_the_text(self):
        states = list(State.objects.order_by("name")[: len(DANGEROUS)])
        for state, text in zip(states, DANGEROUS, strict=True):
            state.note = text
            state.save()
        codes = {state.iso3: text for state, text in zip(states, DANGEROUS, strict=True)}

        csv_rows = {row["iso3"]: row["public_note"] for row in parse_csv(self.export("states", "csv"))}
        _, _, xlsx_rows = parse_xlsx(self.export("states", "xlsx"))
        xlsx_notes = {row["iso3"].value: row["public_note"] for row in xlsx_rows}
        json_rows = {row["iso3"]: row["public_note"] for row in parse_json(self.export("states", "json"))["rows"]}
        for code, text in codes.items():
            with self.subTest(text=text):
                self.assertEqual(csv_rows[code], "'" + text)
                self.assertEqual(xlsx_unescape(xlsx_notes[code].value), "'" + text)  # a CR is written _x000D_
                self.assertEqual(xlsx_notes[code].data_type, "s")  # text, never a formula
                self.assertEqual(json_rows[code], text)


class TreatyHistoryDatasetTests(ExportTestCase):
    @classmethod
    def setUpTestData(cls):
        with time_machine.travel(datetime(2026, 1, 5, 10, 0, tzinfo=UTC), tick=False):
            seed.load()
        cls.exporter = exporter()
        cls.editor = make_user("editor", superuser=True)
        france = State.objects.get(iso3="FRA")
        with time_machine.travel(datetime(2026, 6, 1, 9, 30, tzinfo=UTC), tick=False):
            france.note = "=Checked"
            france._history_user = cls.editor
            france.save()
            france.sources.create(title="Depositary notification", url="https://treaties.un.org/fra")
        with time_machine.travel(datetime(2026, 9, 1, 9, 30, tzinfo=UTC), tick=False):
            finland = State.objects.get(iso3="FIN")
            finland.withdrawal_suspended = True
            finland._history_user = cls.editor
            finland.save()

    def test_one_row_per_changed_field_with_who_when_old_and_new(self):
        rows = parse_csv(self.export("treaty-history", "csv", **{"from": "2026-02-01"}))
        self.assertEqual(
            [
                tuple(row[key] for key in ("changed_by", "change", "record", "iso3", "field", "old", "new"))
                for row in rows
            ],
            [
                ("editor", "changed", "State", "FRA", "note", "", "'=Checked"),
                ("", "created", "source", "FRA", "fact", "", "record"),
                ("", "created", "source", "FRA", "title", "", "Depositary notification"),
                ("", "created", "source", "FRA", "url", "", "https://treaties.un.org/fra"),
                ("editor", "changed", "State", "FIN", "withdrawal_suspended", "no", "yes"),
            ],
        )
        self.assertEqual([row["changed_at"][:16] for row in rows], ["2026-06-01T09:30"] * 4 + ["2026-09-01T09:30"])
        self.assertEqual(rows[0]["field_label"], "public note")
        self.assertEqual(rows[0]["state"], "France")

    def test_the_seed_is_the_first_version_of_every_state(self):
        rows = parse_csv(self.export("treaty-history", "csv", to="2026-01-31", state="fra"))
        self.assertEqual({row["change"] for row in rows}, {"created"})
        self.assertEqual({row["changed_by"] for row in rows}, {""})
        fields = {row["field"]: row["new"] for row in rows}
        self.assertEqual(fields["deposited_on"], "1998-07-23")
        self.assertEqual(fields["signed_on"], "1997-12-03")
        self.assertNotIn("withdrawal_notified_on", fields)  # empty values are not reported at creation

    def test_date_range_and_state_filters(self):
        rows = parse_csv(self.export("treaty-history", "csv", **{"from": "2026-08-01", "to": "2026-09-01"}))
        self.assertEqual([row["iso3"] for row in rows], ["FIN"])
        rows = parse_csv(self.export("treaty-history", "csv", state="FIN", **{"from": "2026-02-01"}))
        self.assertEqual([row["field"] for row in rows], ["withdrawal_suspended"])
        self.assertEqual(parse_csv(self.export("treaty-history", "csv", to="2025-12-31")), [])

    def test_xlsx_and_json(self):
        _, _, rows = parse_xlsx(self.export("treaty-history", "xlsx", **{"from": "2026-09-01"}))
        (row,) = rows
        self.assertTrue(row["changed_at"].is_date)
        self.assertEqual(row["changed_at"].value, datetime(2026, 9, 1, 9, 30))
        self.assertEqual((row["old"].value, row["new"].value), ("no", "yes"))
        document = parse_json(self.export("treaty-history", "json", **{"from": "2026-06-01", "to": "2026-06-01"}))
        self.assertEqual(document["rows"][0]["changed_at"], "2026-06-01T09:30:00+00:00")
        self.assertEqual(document["rows"][0]["new"], "=Checked")
        self.assertEqual(len(document["rows"]), 4)  # the note; the new source's fact, title and address
