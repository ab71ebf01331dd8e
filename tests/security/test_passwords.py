"""Staff passwords: 12 characters at least, and not a common one (ASVS 2.1.1, 2.1.7), in the admin's own form."""

from django.test import TestCase
from django.urls import reverse

from tests.utils import staff_user


class PasswordRulesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = staff_user("erin", "Editors", password="the-old-long-password-1")

    def change_password(self, new):
        self.client.force_login(self.editor)
        data = {"old_password": "the-old-long-password-1", "new_password1": new, "new_password2": new}
        return self.client.post(reverse("admin:password_change"), data)

    def test_a_short_or_common_password_is_refused_and_the_old_one_kept(self):
        for password, message in (
            ("Zq7-short!", "This password is too short. It must contain at least 12 characters."),
            ("password1234", "This password is too common."),
        ):
            with self.subTest(password):
                response = self.change_password(password)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, message)
                self.editor.refresh_from_db()
                self.assertTrue(self.editor.check_password("the-old-long-password-1"))

    def test_a_long_uncommon_password_is_taken(self):
        self.assertEqual(self.change_password("Lantern-orchard-49-quietly").status_code, 302)
        self.editor.refresh_from_db()
        self.assertTrue(self.editor.check_password("Lantern-orchard-49-quietly"))
