from datetime import date

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse

from .factories import ClearanceExtensionFactory, ClearanceObligationFactory, MeetingFactory, StockpileObligationFactory

OBLIGATION_ADMINS = [model for model in admin.site._registry if model._meta.app_label == "obligations"]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


class ObligationAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-password-123")
        meeting = MeetingFactory(number=9, start_date=date(2008, 11, 24), end_date=date(2008, 11, 28))
        cls.obligation = ClearanceObligationFactory(completed_on=date(2010, 1, 1), completed_precision="year")
        cls.extension = ClearanceExtensionFactory(obligation=cls.obligation, meeting=meeting)
        cls.stockpile = StockpileObligationFactory(state=cls.obligation.state)

    def setUp(self):
        self.client.force_login(self.editor)

    def test_three_models_are_in_the_admin(self):
        self.assertEqual(len(OBLIGATION_ADMINS), 3)

    def test_changelists_search_filters_and_change_pages(self):
        records = {type(record): record for record in (self.obligation, self.extension, self.stockpile)}
        for model in OBLIGATION_ADMINS:
            with self.subTest(model=model.__name__):
                self.assertEqual(self.client.get(admin_url(model, "changelist")).status_code, 200)
                self.assertEqual(self.client.get(admin_url(model, "changelist"), {"q": "land"}).status_code, 200)
                self.assertEqual(self.client.get(admin_url(model, "add")).status_code, 200)
                self.assertEqual(self.client.get(admin_url(model, "change", records[model].pk)).status_code, 200)
                self.assertEqual(self.client.get(admin_url(model, "history", records[model].pk)).status_code, 200)

    def test_the_standing_filter(self):
        model = type(self.obligation)
        response = self.client.get(admin_url(model, "changelist"), {"standing": "completed"})
        self.assertContains(response, self.obligation.state.name)
        response = self.client.get(admin_url(model, "changelist"), {"standing": "missed"})
        self.assertNotContains(response, f">{self.obligation.state.name}:")

    def test_imports_are_offered_for_completions_and_extensions(self):
        for model in (type(self.obligation), type(self.extension)):
            self.assertEqual(self.client.get(admin_url(model, "import")).status_code, 200)
