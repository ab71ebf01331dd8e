from django.test import TestCase

from core.seeding import CREATED, KEPT, UNCHANGED, UPDATED, upsert
from treaty.models import State


class UpsertTests(TestCase):
    lookup = {"iso3": "QAA"}
    values = {"name": "Testland", "iso2": "QA", "region": "europe"}

    def test_create_then_unchanged(self):
        _, outcome = upsert(State, lookup=self.lookup, values=self.values)
        self.assertEqual(outcome, CREATED)
        _, outcome = upsert(State, lookup=self.lookup, values=self.values)
        self.assertEqual(outcome, UNCHANGED)

    def test_untouched_row_follows_new_data_edited_row_is_kept(self):
        upsert(State, lookup=self.lookup, values=self.values)
        _, outcome = upsert(State, lookup=self.lookup, values={**self.values, "name": "Newland"})
        self.assertEqual(outcome, UPDATED)

        State.objects.filter(iso3="QAA").update(name="Editor's land")
        instance, outcome = upsert(State, lookup=self.lookup, values={**self.values, "name": "Thirdland"})
        self.assertEqual(outcome, KEPT)
        self.assertEqual(instance.name, "Editor's land")

        instance, outcome = upsert(
            State, lookup=self.lookup, values={**self.values, "name": "Thirdland"}, overwrite=True
        )
        self.assertEqual((outcome, instance.name), (UPDATED, "Thirdland"))
