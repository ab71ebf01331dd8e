from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse

from tests.utils import admin_form_data
from treaty import seed
from treaty.models import State


class StateHistoryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        seed.load()
        cls.editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-password-1")

    def setUp(self):
        self.client.force_login(self.editor)

    def edit_note(self, state, note):
        url = reverse("admin:treaty_state_change", args=[state.pk])
        self.assertEqual(self.client.post(url, admin_form_data(self.client.get(url), note=note)).status_code, 302)

    def test_admin_edits_are_kept_with_who_and_when_and_compared_field_by_field(self):
        chile = State.objects.get(iso3="CHL")
        self.edit_note(chile, "Checked against the depositary notification.")

        latest = chile.history.latest()
        self.assertEqual(latest.history_user, self.editor)
        self.assertEqual(latest.history_type, "~")
        changes = {change.field: (change.old, change.new) for change in latest.diff_against(latest.prev_record).changes}
        self.assertEqual(changes["note"], ("", "Checked against the depositary notification."))

        page = self.client.get(reverse("admin:treaty_state_history", args=[chile.pk]))
        self.assertContains(page, "Checked against the depositary notification.")
        self.assertContains(page, "editor")

    def test_an_old_version_can_be_restored(self):
        chile = State.objects.get(iso3="CHL")
        original = chile.history.earliest()
        self.edit_note(chile, "A mistaken note.")

        url = reverse("admin:treaty_state_simple_history", args=[chile.pk, original.history_id])
        self.assertEqual(self.client.post(url, admin_form_data(self.client.get(url))).status_code, 302)

        chile.refresh_from_db()
        self.assertEqual(chile.note, "")
        self.assertEqual(chile.history.count(), 3)  # seeded, edited, restored
