from datetime import date
from io import StringIO
from unittest import mock

from django.core.management import call_command
from django.db import IntegrityError, models, transaction
from django.test import TestCase

from treaty import seed
from treaty.models import SourceFact, State, StateSource


class TreatySeedTests(TestCase):
    def test_loads_every_state_with_its_actions(self):
        self.assertEqual(seed.load(), ["Treaty: States: 197 created", "Treaty: sources of States' dates: 317 created"])
        japan = State.objects.get(iso3="JPN")
        self.assertEqual((japan.instrument, japan.deposited_on), ("acceptance", date(1998, 9, 30)))
        self.assertEqual(State.objects.get(iso3="VAT").un_standing, "observer")
        self.assertEqual(State.objects.get(iso3="NIU").un_standing, "non-member")
        self.assertEqual(State.objects.filter(deposited_on__isnull=False).count(), 166)

    def test_second_run_changes_nothing(self):
        seed.load()
        before = list(State.objects.values_list("pk", "updated_at"))
        self.assertEqual(
            seed.load(), ["Treaty: States: 197 unchanged", "Treaty: sources of States' dates: 317 unchanged"]
        )
        self.assertEqual(list(State.objects.values_list("pk", "updated_at")), before)

    def test_editors_changes_are_kept_unless_overwrite(self):
        seed.load()
        State.objects.filter(iso3="FRA").update(note="Checked against the depositary notification.")

        self.assertEqual(
            seed.load(),
            [
                "Treaty: States: 1 kept (changed by an editor), 196 unchanged",
                "Treaty: sources of States' dates: 317 unchanged",
            ],
        )
        self.assertEqual(State.objects.get(iso3="FRA").note, "Checked against the depositary notification.")

        out = StringIO()
        call_command("seed", "--overwrite", stdout=out)
        self.assertIn("Treaty: States: 1 updated, 196 unchanged", out.getvalue())
        self.assertEqual(State.objects.get(iso3="FRA").note, "")

    def test_new_bundled_facts_reach_rows_no_editor_touched(self):
        seed.load()
        rows = list(seed.state_rows())
        for row in rows:
            if row["iso3"] == "UKR":
                row["note"] = "Updated fact."
        with mock.patch.object(seed, "state_rows", return_value=iter(rows)):
            self.assertEqual(
                seed.load(),
                ["Treaty: States: 1 updated, 196 unchanged", "Treaty: sources of States' dates: 317 unchanged"],
            )
        self.assertEqual(State.objects.get(iso3="UKR").note, "Updated fact.")

    def test_never_reads_the_shared_folder(self):
        self.assertEqual(seed.DATA.parent.name, "treaty")
        self.assertTrue((seed.DATA / "states.csv").exists())


class StateSourceSeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        seed.load()

    def test_loads_the_sources_of_each_states_dates(self):
        self.assertEqual(StateSource.objects.count(), 317)  # the file's 318 rows, one of them repeated
        counts = dict(
            StateSource.objects.filter(state__iso3="FIN")
            .values_list("fact")
            .annotate(n=models.Count("pk"))
            .values_list("fact", "n")
        )
        self.assertEqual(set(counts), {SourceFact.DEPOSIT, SourceFact.WITHDRAWAL})
        self.assertGreaterEqual(counts[SourceFact.WITHDRAWAL], 5)
        self.assertFalse(StateSource.objects.filter(seed_checksum="").exists())

    def test_one_address_may_support_several_dates_of_a_state(self):
        pairs = StateSource.objects.values("state", "url").annotate(n=models.Count("pk")).filter(n__gt=1)
        self.assertTrue(pairs.exists())

    def test_second_run_changes_nothing(self):
        before = list(StateSource.objects.values_list("pk", "title", "seed_checksum"))
        self.assertEqual(seed.load()[1], "Treaty: sources of States' dates: 317 unchanged")
        self.assertEqual(list(StateSource.objects.values_list("pk", "title", "seed_checksum")), before)

    def test_a_source_an_editor_retitled_or_added_is_kept(self):
        source = StateSource.objects.filter(state__iso3="SSD").first()
        StateSource.objects.filter(pk=source.pk).update(title="Checked by an editor")
        added = StateSource.objects.create(
            state=source.state, fact=SourceFact.RECORD, title="An editor's source", url="https://example.org/ssd"
        )

        self.assertEqual(
            seed.load()[1], "Treaty: sources of States' dates: 1 kept (changed by an editor), 316 unchanged"
        )
        source.refresh_from_db()
        self.assertEqual(source.title, "Checked by an editor")
        self.assertTrue(StateSource.objects.filter(pk=added.pk).exists())

        self.assertEqual(seed.load(overwrite=True)[1], "Treaty: sources of States' dates: 1 updated, 316 unchanged")
        source.refresh_from_db()
        self.assertNotEqual(source.title, "Checked by an editor")

    def test_the_same_address_twice_for_one_date_is_refused(self):
        source = StateSource.objects.first()
        with self.assertRaises(IntegrityError), transaction.atomic():
            StateSource.objects.create(state=source.state, fact=source.fact, title="Again", url=source.url)
        other_fact = next(fact for fact in SourceFact.values if fact != source.fact)
        StateSource.objects.create(state=source.state, fact=other_fact, title="Other date", url=source.url)

    def test_an_unknown_fact_is_refused_by_the_database(self):
        source = StateSource.objects.first()
        with self.assertRaises(IntegrityError), transaction.atomic():
            StateSource.objects.filter(pk=source.pk).update(fact="ratification")
