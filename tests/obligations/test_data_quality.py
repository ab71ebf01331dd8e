"""The bundled obligations data, checked against the Convention's rules (issue 18's data-quality checks)."""

import csv
from datetime import date

from django.test import TestCase

from obligations import seed as obligations_seed
from obligations.models import ClearanceObligation, StockpileObligation, period_end
from obligations.seed import DATA
from treaty import seed as treaty_seed

# Completions dated before the obligation began, each explained. Moldova reported its mined areas under its control
# cleared by August 2000, before the Convention entered into force for it on 1 March 2001 (article5.csv's note).
COMPLETED_BEFORE_OBLIGATION = {"MDA"}


def read(name):
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class BundledDataTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        treaty_seed.load()
        obligations_seed.load()

    def test_every_row_is_loaded(self):
        self.assertEqual(ClearanceObligation.objects.count(), 63)
        self.assertEqual(StockpileObligation.objects.count(), 28)
        self.assertEqual(sum(len(o.extensions.all()) for o in ClearanceObligation.objects.for_pages()), 98)

    def test_bundled_original_deadlines_equal_the_computed_ones(self):
        obligations = {o.state.iso3: o for o in ClearanceObligation.objects.for_pages()}
        for row in read("article5.csv"):
            obligation = obligations[row["iso3"]]
            self.assertEqual(obligation.state.obligations_from.isoformat(), row["entry_into_force"], row["iso3"])
            self.assertEqual(obligation.original_deadline.isoformat(), row["original_deadline"], row["iso3"])

    def test_the_database_computes_the_same_deadlines_as_python(self):
        for model in (ClearanceObligation, StockpileObligation):
            rows = model.objects.with_deadline().select_related("state")
            self.assertTrue(rows)
            for obligation in rows:
                python = obligation.original_deadline if model is ClearanceObligation else obligation.deadline
                self.assertEqual(obligation.bound_from, obligation.state.obligations_from, obligation)
                self.assertEqual(obligation.original_deadline_sql, python, obligation)
        self.assertEqual(
            ClearanceObligation.objects.with_deadline().get(state__iso3="SSD").original_deadline_sql, date(2021, 7, 9)
        )

    def test_bundled_stockpile_deadlines_equal_the_computed_ones(self):
        obligations = {o.state.iso3: o for o in StockpileObligation.objects.for_pages()}
        for row in read("article4.csv"):
            obligation = obligations[row["iso3"]]
            self.assertEqual(obligation.state.obligations_from.isoformat(), row["entry_into_force"], row["iso3"])
            self.assertEqual(obligation.deadline.isoformat(), row["deadline"], row["iso3"])

    def test_every_extension_sets_a_deadline_later_than_the_one_it_extends(self):
        for obligation in ClearanceObligation.objects.for_pages():
            previous = obligation.original_deadline
            for extension in obligation.extensions.all():
                if extension.new_deadline is None:
                    continue  # pending or not known: nothing to compare
                self.assertGreater(extension.new_deadline_end, previous, extension)
                previous = extension.new_deadline_end

    def test_no_completion_before_the_obligation_began(self):
        early = set()
        for model in (ClearanceObligation, StockpileObligation):
            for obligation in model.objects.for_pages().filter(completed_on__isnull=False):
                end = period_end(obligation.completed_on, obligation.completed_precision)
                if end < obligation.state.obligations_from:
                    early.add(obligation.state.iso3)
        self.assertEqual(early, COMPLETED_BEFORE_OBLIGATION)

    def test_inferred_meetings_are_flagged(self):
        inferred = {
            (row["iso3"], row["granted_at"].removesuffix("?"))
            for row in read("article5_extensions.csv")
            if row["granted_at"].endswith("?")
        }
        self.assertEqual(len(inferred), 8)
        flagged = {
            (extension.obligation.state.iso3, extension.meeting_code)
            for obligation in ClearanceObligation.objects.for_pages()
            for extension in obligation.extensions.all()
            if extension.meeting_inferred
        }
        self.assertEqual(flagged, inferred)

    def test_partial_dates_keep_their_precision(self):
        albania = ClearanceObligation.objects.get(state__iso3="ALB")
        self.assertEqual((albania.completed_on, albania.completed_precision), (date(2009, 1, 1), "year"))
        self.assertEqual(albania.completed.text, "2009")
        poland = StockpileObligation.objects.get(state__iso3="POL")
        self.assertEqual(poland.completed.text, "April 2016")

    def test_poland_leaves_the_stockpile_table_when_its_withdrawal_takes_effect(self):
        def states_on(day):
            return {obligation.state.iso3 for obligation, _ in StockpileObligation.objects.standings(as_of=day)}

        self.assertIn("POL", states_on(date(2026, 2, 19)))
        self.assertNotIn("POL", states_on(date(2026, 2, 20)))

    def test_south_sudan_is_clearing_from_its_succession_with_the_deadline_it_was_given(self):
        def standing(day):
            standings = ClearanceObligation.objects.standings(as_of=day)
            return {obligation.state.iso3: result for obligation, result in standings}.get("SSD")

        self.assertIsNone(standing(date(2011, 7, 8)))
        self.assertEqual(standing(date(2011, 7, 9)).deadline.start, date(2021, 7, 9))
