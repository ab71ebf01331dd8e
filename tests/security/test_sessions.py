"""Staff sign-ins last a working day (DJANGO_SESSION_HOURS, default 8) and end when the browser closes."""

from datetime import timedelta

import time_machine
from django.conf import settings
from django.test import SimpleTestCase, TestCase
from django.urls import reverse
from django.utils import timezone

from tests.core.test_settings import run_manage
from tests.utils import staff_user

PRINT_SESSION_SETTINGS = (
    "from django.conf import settings; print(settings.SESSION_COOKIE_AGE, settings.SESSION_EXPIRE_AT_BROWSER_CLOSE)"
)


class SessionSettingsTests(SimpleTestCase):
    def session_settings(self, **env):
        result = run_manage("shell", "-v0", "-c", PRINT_SESSION_SETTINGS, DJANGO_DEBUG="true", **env)
        self.assertEqual(result.returncode, 0, result.stderr)
        return result.stdout.strip()

    def test_eight_hours_by_default_and_the_environment_sets_it(self):
        self.assertEqual(self.session_settings(), "28800 True")
        self.assertEqual(self.session_settings(DJANGO_SESSION_HOURS="2"), "7200 True")


class SessionLengthTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = staff_user("erin", "Editors", password="a-long-password-1")

    def test_a_sign_in_ends_after_the_session_length_and_its_cookie_with_the_browser(self):
        start = timezone.now()
        with time_machine.travel(start, tick=False):
            signed_in = self.client.post(
                reverse("admin:login"), {"username": "erin", "password": "a-long-password-1", "next": "/admin/"}
            )
            self.assertEqual(signed_in.status_code, 302)
            self.assertEqual(self.client.get(reverse("admin:index")).status_code, 200)
        cookie = signed_in.cookies[settings.SESSION_COOKIE_NAME]
        self.assertEqual((cookie["max-age"], cookie["expires"]), ("", ""))  # a browser-session cookie

        with time_machine.travel(start + timedelta(seconds=settings.SESSION_COOKIE_AGE - 60), tick=False):
            self.assertEqual(self.client.get(reverse("admin:index")).status_code, 200)
        with time_machine.travel(start + timedelta(seconds=settings.SESSION_COOKIE_AGE + 60), tick=False):
            response = self.client.get(reverse("admin:index"))
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(reverse("admin:login")))
        self.assertEqual(settings.SESSION_COOKIE_AGE, 8 * 3600)
