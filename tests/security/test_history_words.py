"""History an editor can read: what happened, in words, and who did it by name (linked only for those who may
open accounts)."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from core.admin import HistoryAdminMixin
from tests.core.test_roles import event_form
from tests.timeline.factories import CategoryFactory, EventFactory
from tests.utils import staff_user


class HistoryWordsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = staff_user("erin", "Editors", first_name="Erin", last_name="Editor")
        cls.admin = get_user_model().objects.create_superuser("root", "root@example.org", "a-long-password-1")
        cls.event = EventFactory(title="Before", draft=True)

    def change(self, **changes):
        url = reverse("admin:timeline_event_change", args=[self.event.pk])
        self.assertEqual(self.client.post(url, event_form(self.event, **changes)).status_code, 302)

    def history(self):
        return self.client.get(reverse("admin:timeline_event_history", args=[self.event.pk]))

    def test_a_change_says_it_was_made_in_the_admin_and_by_whom(self):
        self.client.force_login(self.editor)
        self.change(title="After")
        page = self.history()
        self.assertContains(page, "Changed in the admin")
        self.assertNotContains(page, "<td>\n          None\n")
        self.assertContains(page, "Erin Editor")
        self.assertNotContains(page, reverse("admin:auth_user_change", args=[self.editor.pk]))

    def test_those_who_may_open_accounts_get_a_link(self):
        self.client.force_login(self.editor)
        self.change(title="After")
        self.client.force_login(self.admin)
        self.assertContains(self.history(), reverse("admin:auth_user_change", args=[self.editor.pk]))

    def test_a_revert_says_which_version_it_restored(self):
        self.client.force_login(self.editor)
        self.change(title="After")
        first = self.event.history.earliest()
        url = reverse("admin:timeline_event_simple_history", args=[self.event.pk, first.history_id])
        self.assertEqual(self.client.post(url, event_form(self.event, title="Before")).status_code, 302)
        self.assertEqual(self.event.history.latest().history_change_reason[:23], "Reverted to version of ")

    def test_categories_say_it_too(self):
        category = CategoryFactory(name="Conference", slug="conference")
        self.client.force_login(self.editor)
        url = reverse("admin:timeline_category_change", args=[category.pk])
        data = {
            "name_en": "Con\x0bferences",
            "slug": "conference",
            "description_en": "",
            "edited_version": category.updated_at.isoformat(),
        }
        self.assertEqual(self.client.post(url, data).status_code, 302)
        category.refresh_from_db()
        self.assertEqual(category.name, "Con ferences")
        self.assertEqual(category.history.latest().history_change_reason, "Changed in the admin")


class EveryHistoryAdminTests(TestCase):
    def test_every_admin_with_a_history_tells_it_in_words_and_links_accounts_only_for_those_who_may(self):
        with_history = [a for a in admin.site._registry.values() if isinstance(a, SimpleHistoryAdmin)]
        self.assertGreaterEqual(len(with_history), 5)
        for model_admin in with_history:
            with self.subTest(model_admin.model._meta.label):
                self.assertIsInstance(model_admin, HistoryAdminMixin)
