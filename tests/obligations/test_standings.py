from datetime import date

from django.test import TestCase

from obligations.models import ClearanceObligation, Standing, StockpileObligation, StockpileStatus

from .factories import ClearanceExtensionFactory, ClearanceObligationFactory, MeetingFactory, StockpileObligationFactory


def standing(model, obligation, day):
    """The standing of `obligation` on `day`, from the queryset the pages use (None: not running that day)."""
    return dict(model.objects.standings(as_of=day)).get(model.objects.get(pk=obligation.pk))


class ClearanceStandingTests(TestCase):
    """A State in force from 1 March 1999 (original deadline 1 March 2009), extended at the 9MSP to 2014, then a
    request at the 13MSP whose outcome is not known."""

    @classmethod
    def setUpTestData(cls):
        cls.msp9 = MeetingFactory(number=9, start_date=date(2008, 11, 24), end_date=date(2008, 11, 28))
        cls.msp13 = MeetingFactory(number=13, start_date=date(2013, 12, 2), end_date=date(2013, 12, 6))
        cls.obligation = ClearanceObligationFactory()
        ClearanceExtensionFactory(
            obligation=cls.obligation,
            sequence=1,
            meeting=cls.msp9,
            meeting_inferred=True,
            new_deadline=date(2014, 3, 1),
        )

    def on(self, day):
        return standing(ClearanceObligation, self.obligation, day)

    def test_not_running_before_entry_into_force(self):
        self.assertIsNone(self.on(date(1999, 2, 28)))

    def test_under_way_with_the_original_deadline(self):
        result = self.on(date(2005, 1, 1))
        self.assertEqual(result.standing, Standing.UNDER_WAY)
        self.assertEqual(result.deadline.start, date(2009, 3, 1))
        self.assertFalse(result.inferred)

    def test_an_extension_counts_from_the_last_day_of_its_meeting_and_says_it_is_inferred(self):
        self.assertEqual(self.on(date(2008, 11, 27)).deadline.start, date(2009, 3, 1))
        result = self.on(date(2008, 11, 28))
        self.assertEqual(result.deadline.start, date(2014, 3, 1))
        self.assertTrue(result.inferred)

    def test_a_deadline_passed_without_completion_or_extension(self):
        result = self.on(date(2014, 3, 2))
        self.assertEqual(result.standing, Standing.MISSED)
        self.assertEqual(result.deadline.start, date(2014, 3, 1))

    def test_a_request_whose_outcome_is_not_known_leaves_the_deadline_not_known(self):
        ClearanceExtensionFactory(obligation=self.obligation, sequence=2, meeting=self.msp13, new_deadline=None)
        within_time = self.on(date(2013, 12, 10))
        self.assertEqual(within_time.standing, Standing.UNDER_WAY)
        self.assertIsNone(within_time.deadline)
        self.assertIn("13MSP", within_time.reason)
        self.assertEqual(self.on(date(2014, 3, 2)).standing, Standing.NOT_KNOWN)

    def test_an_extension_of_unknown_date_makes_a_passed_deadline_not_known(self):
        ClearanceExtensionFactory(obligation=self.obligation, sequence=2, meeting=None, new_deadline=date(2020, 1, 1))
        self.assertEqual(self.on(date(2013, 1, 1)).standing, Standing.UNDER_WAY)
        self.assertEqual(self.on(date(2014, 3, 2)).standing, Standing.NOT_KNOWN)

    def test_a_completion_known_to_the_year_is_not_known_within_that_year(self):
        ClearanceObligation.objects.filter(pk=self.obligation.pk).update(
            completed_on=date(2012, 1, 1), completed_precision="year"
        )
        self.assertEqual(self.on(date(2011, 12, 31)).standing, Standing.UNDER_WAY)
        self.assertEqual(self.on(date(2012, 6, 1)).standing, Standing.NOT_KNOWN)
        self.assertEqual(self.on(date(2012, 12, 31)).standing, Standing.COMPLETED)

    def test_obligations_end_with_a_withdrawal_in_effect(self):
        state = self.obligation.state
        state.withdrawal_notified_on = date(2010, 1, 15)
        state.save()
        self.assertIsNotNone(self.on(date(2010, 7, 14)))
        self.assertIsNone(self.on(date(2010, 7, 15)))
        state.withdrawal_suspended = True
        state.save()
        self.assertIsNotNone(self.on(date(2010, 7, 15)))


class StockpileStandingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.violator = StockpileObligationFactory(status=StockpileStatus.IN_VIOLATION)
        cls.undated = StockpileObligationFactory(status=StockpileStatus.COMPLETED)
        cls.dated = StockpileObligationFactory(completed_on=date(2001, 9, 1), completed_precision="month")

    def on(self, obligation, day):
        return standing(StockpileObligation, obligation, day)

    def test_under_way_until_the_deadline_then_missed(self):
        self.assertEqual(self.on(self.violator, date(2003, 3, 1)).standing, Standing.UNDER_WAY)
        self.assertEqual(self.on(self.violator, date(2003, 3, 2)).standing, Standing.MISSED)

    def test_a_completion_without_a_date_is_not_known(self):
        result = self.on(self.undated, date(2020, 1, 1))
        self.assertEqual(result.standing, Standing.NOT_KNOWN)
        self.assertIn("date is not known", result.reason)

    def test_a_completion_known_to_the_month(self):
        self.assertEqual(self.on(self.dated, date(2001, 8, 31)).standing, Standing.UNDER_WAY)
        self.assertEqual(self.on(self.dated, date(2001, 9, 15)).standing, Standing.NOT_KNOWN)
        self.assertEqual(self.on(self.dated, date(2001, 9, 30)).standing, Standing.COMPLETED)
