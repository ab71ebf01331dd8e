"""The exports library: datasets come from each app's own datasets.py, and the log names filters as each says."""

from datetime import date

from django.test import SimpleTestCase, TestCase

from exports import datasets
from treaty import seed


class RegistryTests(SimpleTestCase):
    def test_each_app_declares_its_own_datasets(self):
        modules = {name: type(dataset).__module__ for name, dataset in datasets.REGISTRY.items()}
        self.assertEqual(
            modules,
            {
                "states": "treaty.datasets",
                "treaty-history": "treaty.datasets",
                "events": "timeline.datasets",
                "eras": "timeline.datasets",
                "anniversaries": "timeline.datasets",
                "categories": "timeline.datasets",
                "meetings": "meetings.datasets",
                "clearance": "obligations.datasets",
                "stockpiles": "obligations.datasets",
                "clearance-extensions": "obligations.datasets",
            },
        )

    def test_a_second_dataset_with_a_taken_name_is_refused(self):
        class Again(datasets.Dataset):
            name = "states"

        with self.assertRaisesMessage(ValueError, "Two datasets are named 'states'."):
            datasets.register(Again)
        self.assertIsNot(type(datasets.get("states")), Again)


class LogFiltersTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        seed.load()

    def test_days_in_iso_records_by_slug_or_code_and_empty_values_left_out(self):
        history = datasets.get("treaty-history")
        form = history.form({"from": "2025-01-01", "to": "", "state": "fra"})
        self.assertTrue(form.is_valid(), form.errors)
        self.assertEqual(history.log_filters(form), {"from": "2025-01-01", "state": "FRA"})

        self.assertEqual(datasets.Dataset().log_value("as_of", date(1999, 3, 1)), "1999-03-01")
