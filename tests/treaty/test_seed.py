from datetime import date
from io import StringIO
from unittest import mock

from django.core.management import call_command
from django.test import TestCase

from treaty import seed
from treaty.models import State


class TreatySeedTests(TestCase):
    def test_loads_every_state_with_its_actions(self):
        self.assertEqual(seed.load(), ["Treaty: States: 197 created"])
        japan = State.objects.get(iso3="JPN")
        self.assertEqual((japan.instrument, japan.deposited_on), ("acceptance", date(1998, 9, 30)))
        self.assertEqual(State.objects.get(iso3="VAT").un_standing, "observer")
        self.assertEqual(State.objects.get(iso3="NIU").un_standing, "non-member")
        self.assertEqual(State.objects.filter(deposited_on__isnull=False).count(), 166)

    def test_second_run_changes_nothing(self):
        seed.load()
        before = list(State.objects.values_list("pk", "updated_at"))
        self.assertEqual(seed.load(), ["Treaty: States: 197 unchanged"])
        self.assertEqual(list(State.objects.values_list("pk", "updated_at")), before)

    def test_editors_changes_are_kept_unless_overwrite(self):
        seed.load()
        State.objects.filter(iso3="FRA").update(note="Checked against the depositary notification.")

        self.assertEqual(seed.load(), ["Treaty: States: 1 kept (changed by an editor), 196 unchanged"])
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
            self.assertEqual(seed.load(), ["Treaty: States: 1 updated, 196 unchanged"])
        self.assertEqual(State.objects.get(iso3="UKR").note, "Updated fact.")

    def test_never_reads_the_shared_folder(self):
        self.assertEqual(seed.DATA.parent.name, "treaty")
        self.assertTrue((seed.DATA / "states.csv").exists())
