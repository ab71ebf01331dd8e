"""Locked down by default and calm under bad input and faults."""

from datetime import datetime
from unittest import mock

from django.contrib.auth import get_user_model
from django.db import OperationalError, connection
from django.test import TestCase, TransactionTestCase
from django.urls import reverse
from django.utils import timezone

from tests.utils import admin_form_data
from treaty import seed
from treaty.models import State


class AdminLoginThrottlingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        get_user_model().objects.create_superuser("editor", "editor@example.org", "the-right-password-1")

    def attempt(self, password, username="editor", address="192.0.2.10"):
        return self.client.post(
            reverse("admin:login"), {"username": username, "password": password}, REMOTE_ADDR=address
        )

    def test_five_failures_pause_sign_in_with_a_clear_message(self):
        for _ in range(4):
            self.assertContains(self.attempt("wrong"), "Please enter the correct username and password")
        response = self.attempt("wrong")
        self.assertContains(response, "Sign-in paused", status_code=429)

        # Even the right password is refused while the pause lasts, from this address…
        self.assertContains(self.attempt("the-right-password-1"), "Sign-in paused", status_code=429)
        # …but not for this account from another address (the account alone is paused only after 20 failures:
        # tests/security/test_lockout.py), so that failures from one place do not lock its owner out everywhere.
        self.assertEqual(self.attempt("the-right-password-1", address="198.51.100.7").status_code, 302)

    def test_a_successful_sign_in_clears_the_count(self):
        for _ in range(4):
            self.attempt("wrong")
        self.assertEqual(self.attempt("the-right-password-1").status_code, 302)
        self.client.logout()
        for _ in range(4):
            self.assertEqual(self.attempt("wrong").status_code, 200)


class RequestLimitTests(TestCase):
    def test_an_overlong_query_string_is_refused(self):
        response = self.client.get("/states/?q=" + "x" * 10_000_000)
        self.assertEqual(response.status_code, 414)

    def test_an_oversized_body_is_refused_before_it_is_read(self):
        response = self.client.generic(
            "POST",
            reverse("admin:login"),
            b"",
            CONTENT_TYPE="multipart/form-data; boundary=x",
            CONTENT_LENGTH="52428800",
        )
        self.assertEqual(response.status_code, 413)
        self.assertIn("at most 10 MB", response.content.decode())

    def test_ten_thousand_fields_are_refused(self):
        fields = {f"field{i}": "x" for i in range(10_000)}
        response = self.client.post(reverse("admin:login"), fields)
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Bad request", status_code=400)


class DatabaseDownTests(TransactionTestCase):
    """Public pages answer 503 with a styled page while the database is unreachable, and recover by themselves."""

    def database_down(self):
        if connection.vendor == "postgresql":
            # A real dead address: nothing listens on port 1.
            connection.close()
            return mock.patch.dict(connection.settings_dict, {"PORT": "1", "CONN_MAX_AGE": 0})
        # The SQLite test database lives in memory and cannot be pointed elsewhere: refuse the connection instead.
        return mock.patch.object(
            connection, "ensure_connection", side_effect=OperationalError("unable to open database file")
        )

    def test_pages_answer_503_then_recover(self):
        with self.database_down(), self.assertLogs("core", level="ERROR"):
            for url in ["/", "/states/", "/states/fra/", "/healthz"]:
                with self.subTest(url=url):
                    response = self.client.get(url)
                    self.assertEqual(response.status_code, 503)
                    self.assertNotIn(b"Traceback", response.content)
            page = self.client.get("/states/")
            self.assertContains(page, "Temporarily unavailable", status_code=503)
            self.assertEqual(page["Retry-After"], "30")
            self.assertEqual(self.client.get("/healthz").json()["database"], "unavailable")

        connection.close()
        self.assertEqual(self.client.get("/states/").status_code, 200)
        self.assertEqual(self.client.get("/healthz").json(), {"status": "ok", "database": "ok", "cache": "ok"})


class ConcurrentEditTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        seed.load()
        cls.admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "a-long-password-1")

    def test_the_second_editor_is_told_and_nothing_is_overwritten(self):
        self.client.force_login(self.admin)
        state = State.objects.get(iso3="UKR")
        url = reverse("admin:treaty_state_change", args=[state.pk])
        first = admin_form_data(self.client.get(url), note="First editor's note.")
        second = admin_form_data(self.client.get(url), note="Second editor's note.")

        self.assertEqual(self.client.post(url, first).status_code, 302)
        response = self.client.post(url, second)

        self.assertContains(response, "Someone else saved this record at")
        state.refresh_from_db()
        self.assertEqual(state.note, "First editor's note.")


class ExactTimestampTests(TestCase):
    def test_sub_millisecond_timestamps_survive_a_backup(self):
        from core.serializers import ExactJSONEncoder

        moment = timezone.make_aware(datetime(2026, 11, 27, 16, 28, 47, 123))
        self.assertEqual(ExactJSONEncoder().default(moment), "2026-11-27T16:28:47.000123Z")
