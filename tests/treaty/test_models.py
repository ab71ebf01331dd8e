from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import TestCase

from treaty.models import Instrument, Status

from .factories import StateFactory


class ConstraintTests(TestCase):
    """Invariants hold in the database itself, whatever path writes (admin, shell, import)."""

    def assert_rejected(self, **fields):
        with self.assertRaises(IntegrityError), transaction.atomic():
            StateFactory(**fields)

    def test_codes_are_well_formed(self):
        self.assert_rejected(iso3="fra")
        self.assert_rejected(iso3="F1A")
        self.assert_rejected(iso2="f")

    def test_codes_and_names_are_unique(self):
        StateFactory(iso3="QAA", iso2="AA", name="Unique")
        self.assert_rejected(iso3="QAA")
        self.assert_rejected(name="Unique")

    def test_deposit_not_before_signature(self):
        self.assert_rejected(
            signed_on=date(1998, 5, 1), instrument=Instrument.RATIFICATION, deposited_on=date(1998, 4, 30)
        )

    def test_instrument_kind_exactly_when_deposited(self):
        self.assert_rejected(instrument=Instrument.ACCESSION, deposited_on=None)
        self.assert_rejected(instrument="", deposited_on=date(2005, 1, 1))
        self.assert_rejected(instrument="adhesion", deposited_on=date(2005, 1, 1))

    def test_signature_only_until_entry_into_force(self):
        self.assert_rejected(signed_on=date(1999, 3, 1))
        self.assert_rejected(signed_on=date(1997, 12, 2))
        StateFactory(signed_on=date(1999, 2, 28))

    def test_ratification_needs_a_signature_and_accession_excludes_one(self):
        self.assert_rejected(instrument=Instrument.RATIFICATION, deposited_on=date(2005, 1, 1))
        self.assert_rejected(
            signed_on=date(1997, 12, 3), instrument=Instrument.ACCESSION, deposited_on=date(2005, 1, 1)
        )

    def test_withdrawal_only_after_a_deposit(self):
        self.assert_rejected(withdrawal_notified_on=date(2025, 6, 27))
        self.assert_rejected(
            instrument=Instrument.ACCESSION, deposited_on=date(2025, 6, 27), withdrawal_notified_on=date(2025, 6, 27)
        )

    def test_suspension_needs_a_notified_withdrawal(self):
        self.assert_rejected(acceded=True, withdrawal_suspended=True)

    def test_no_date_before_adoption(self):
        self.assert_rejected(instrument=Instrument.ACCESSION, deposited_on=date(1997, 9, 17))

    def test_form_validation_speaks_plain_words(self):
        state = StateFactory.build(
            signed_on=date(1998, 5, 1), instrument=Instrument.RATIFICATION, deposited_on=date(1998, 4, 30)
        )
        with self.assertRaises(ValidationError) as caught:
            state.full_clean()
        self.assertIn("The deposit date cannot be before the signature date.", caught.exception.messages)


class StateTests(TestCase):
    def test_str_and_url(self):
        state = StateFactory(name="Testland", iso3="QTL", iso2="TL")
        self.assertEqual(str(state), "Testland")
        self.assertEqual(state.get_absolute_url(), "/states/qtl/")

    def test_signature_place_follows_article_15(self):
        self.assertEqual(StateFactory.build(signed_on=date(1997, 12, 4)).signature_place, "Ottawa")
        self.assertEqual(
            StateFactory.build(signed_on=date(1997, 12, 5)).signature_place, "United Nations Headquarters, New York"
        )
        self.assertEqual(StateFactory.build().signature_place, "")

    def test_status_on_walks_the_path(self):
        state = StateFactory(
            signed_on=date(1997, 12, 3),
            instrument=Instrument.RATIFICATION,
            deposited_on=date(2003, 5, 12),
            withdrawal_notified_on=date(2025, 6, 27),
        )
        expected = {
            date(1997, 12, 2): Status.NOT_PARTY,
            date(1997, 12, 3): Status.SIGNATORY,
            date(2003, 5, 12): Status.DEPOSITED,
            date(2003, 10, 31): Status.DEPOSITED,
            date(2003, 11, 1): Status.IN_FORCE,
            date(2025, 6, 27): Status.WITHDRAWAL_NOTIFIED,
            date(2025, 12, 26): Status.WITHDRAWAL_NOTIFIED,
            date(2025, 12, 27): Status.WITHDRAWN,
        }
        for day, status in expected.items():
            with self.subTest(day=day):
                self.assertEqual(state.status_on(day), status)

    def test_suspended_withdrawal_never_takes_effect(self):
        state = StateFactory(withdrawn=True, withdrawal_suspended=True)
        self.assertEqual(state.status_on(date(2030, 1, 1)), Status.WITHDRAWAL_NOTIFIED)

    def test_status_on_before_the_convention_was_in_force(self):
        state = StateFactory(ratified=True)  # deposited 1 June 1998
        self.assertEqual(state.status_on(date(1999, 2, 28)), Status.DEPOSITED)
        self.assertEqual(state.status_on(date(1999, 3, 1)), Status.IN_FORCE)
