"""Sign-in throttling that stops attackers, not editors (core/lockout.py, settings AXES_*)."""

from django.contrib.auth import get_user_model
from django.test import TestCase, override_settings
from django.urls import reverse

OFFICE = "203.0.113.7"
PASSWORD = "a-long-password-1"


class LockoutTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        User = get_user_model()
        for name in ("alice", "bruno"):
            User.objects.create_user(name, f"{name}@example.org", PASSWORD, is_staff=True)

    def sign_in(self, username, password, address=OFFICE, forwarded=None):
        self.client.logout()
        extra = {"REMOTE_ADDR": address}
        if forwarded:
            extra["HTTP_X_FORWARDED_FOR"] = forwarded
        return self.client.post(
            reverse("admin:login"), {"username": username, "password": password, "next": "/admin/"}, **extra
        )

    def fail(self, username, times, **kwargs):
        for _ in range(times):
            self.sign_in(username, "wrong", **kwargs)

    def test_an_attacker_failing_for_one_editor_cannot_lock_out_another_at_the_same_address(self):
        self.fail("alice", 10)
        self.fail("made-up-name", 10)
        self.assertEqual(self.sign_in("bruno", PASSWORD).status_code, 302)

    def test_the_account_is_locked_at_that_address_after_the_threshold_and_told_how_long(self):
        self.fail("alice", 5)
        response = self.sign_in("alice", PASSWORD)
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "paused for 15 minutes", status_code=429)

    def test_below_the_threshold_the_right_password_still_works(self):
        self.fail("alice", 4)
        self.assertEqual(self.sign_in("alice", PASSWORD).status_code, 302)

    def test_the_account_alone_is_locked_at_a_higher_threshold_from_anywhere(self):
        for number in range(20):
            self.sign_in("alice", "wrong", address=f"198.51.100.{number + 1}")
        self.assertEqual(self.sign_in("alice", PASSWORD, address="192.0.2.50").status_code, 429)
        self.assertEqual(self.sign_in("bruno", PASSWORD, address="192.0.2.50").status_code, 302)

    def test_without_trusted_proxies_x_forwarded_for_is_ignored(self):
        # An attacker writing a new address into the header each time still counts as one address.
        for number in range(5):
            self.sign_in("alice", "wrong", forwarded=f"198.51.100.{number + 1}")
        self.assertEqual(self.sign_in("alice", PASSWORD, forwarded="192.0.2.99").status_code, 429)

    @override_settings(AXES_TRUSTED_PROXY_COUNT=1)
    def test_behind_one_trusted_proxy_x_forwarded_for_decides_the_address(self):
        proxy = "10.0.0.2"
        self.fail("alice", 5, address=proxy, forwarded="198.51.100.1")
        # The client that failed is locked out...
        self.assertEqual(self.sign_in("alice", PASSWORD, address=proxy, forwarded="198.51.100.1").status_code, 429)
        # ...while the same account from another client behind the same proxy is not.
        self.assertEqual(self.sign_in("alice", PASSWORD, address=proxy, forwarded="198.51.100.2").status_code, 302)

    @override_settings(AXES_TRUSTED_PROXY_COUNT=1)
    def test_behind_a_trusted_proxy_only_the_address_it_saw_counts(self):
        """A client's own X-Forwarded-For entries come before the one the proxy appends: they are not believed."""
        proxy = "10.0.0.2"
        for number in range(5):
            self.sign_in("alice", "wrong", address=proxy, forwarded=f"1.2.3.{number}, 198.51.100.1")
        self.assertEqual(self.sign_in("alice", PASSWORD, address=proxy, forwarded="198.51.100.1").status_code, 429)
