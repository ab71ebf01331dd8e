from datetime import date

from django.test import TestCase

from obligations import seed
from obligations.models import ClearanceExtension, ClearanceObligation, StockpileObligation
from treaty import seed as treaty_seed

from .factories import MeetingFactory


class SeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        treaty_seed.load()

    def test_loading_twice_changes_nothing(self):
        self.assertEqual(
            seed.load(),
            [
                "Obligations: clearance (Art. 5): 63 created",
                "Obligations: extensions (Art. 5): 98 created",
                "Obligations: stockpiles (Art. 4): 28 created",
            ],
        )
        self.assertEqual(
            seed.load(),
            [
                "Obligations: clearance (Art. 5): 63 unchanged",
                "Obligations: extensions (Art. 5): 98 unchanged",
                "Obligations: stockpiles (Art. 4): 28 unchanged",
            ],
        )

    def test_meetings_are_linked_once_they_exist_and_codes_are_kept_meanwhile(self):
        seed.load()
        extension = ClearanceExtension.objects.get(obligation__state__iso3="AFG", sequence=1)
        self.assertIsNone(extension.meeting)
        self.assertEqual(extension.meeting_code, "12MSP")
        meeting = MeetingFactory(number=12, start_date=date(2012, 12, 3), end_date=date(2012, 12, 7))
        seed.load()
        extension.refresh_from_db()
        self.assertEqual(extension.meeting, meeting)
        inferred = ClearanceExtension.objects.get(obligation__state__iso3="AFG", sequence=2)
        self.assertEqual((inferred.meeting_code, inferred.meeting_inferred), ("20MSP", True))

    def test_an_editors_change_is_kept(self):
        seed.load()
        obligation = ClearanceObligation.objects.get(state__iso3="ALB")
        obligation.status_note = "Checked by an editor."
        obligation.save()
        stockpile = StockpileObligation.objects.get(state__iso3="GRC")
        stockpile.note = "Edited."
        stockpile.save()
        lines = seed.load()
        self.assertIn("Obligations: clearance (Art. 5): 1 kept (changed by an editor), 62 unchanged", lines)
        obligation.refresh_from_db()
        self.assertEqual(obligation.status_note, "Checked by an editor.")
        stockpile.refresh_from_db()
        self.assertEqual(stockpile.note, "Edited.")
