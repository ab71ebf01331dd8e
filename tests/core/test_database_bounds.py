"""
A PostgreSQL server that accepts a query and never answers (a stalled server or proxy) is given up after the
answer bound (`core.db.postgresql`): the query raises OperationalError, the connection is never reused, and for a
few seconds the process does not try to connect again, so requests get their 503 at once. Test databases alone are
created and dropped without the bounds.
"""

import time

import pytest
from django.conf import settings
from django.db import OperationalError, connection, connections
from django.test import TestCase, TransactionTestCase

from bench.stalling import StallingProxy
from core.db.postgresql import base as bounded

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's client-side answer bound")


class StalledServerTests(TransactionTestCase):
    def proxied_connection(self, answer_timeout):
        proxy = StallingProxy(int(connection.settings_dict["PORT"] or 5432))
        self.addCleanup(proxy.close)
        settings = {
            **connection.settings_dict,
            "HOST": "127.0.0.1",
            "PORT": str(proxy.port),
            "ANSWER_TIMEOUT": answer_timeout,
        }
        proxied = connections["default"].__class__(settings, alias="proxied")
        self.addCleanup(proxied.close)
        self.addCleanup(bounded._unanswered.pop, "proxied", None)
        return proxy, proxied

    def query(self, database):
        with database.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone()

    def test_a_query_the_server_never_answers_fails_after_the_bound(self):
        proxy, proxied = self.proxied_connection(answer_timeout=1)
        self.assertEqual(self.query(proxied), (1,))
        proxy.stall()
        started = time.monotonic()
        with self.assertRaisesMessage(OperationalError, "did not answer within 1 s"):
            self.query(proxied)
        self.assertLess(time.monotonic() - started, 3)
        self.assertTrue(proxied.connection is None or proxied.connection.closed)  # never reused

        # The next attempt does not wait for connect_timeout: the server has just failed to answer.
        proxied.close()
        started = time.monotonic()
        with self.assertRaisesMessage(OperationalError, "not trying again yet"):
            self.query(proxied)
        self.assertLess(time.monotonic() - started, 0.5)

    def test_it_connects_again_once_the_pause_is_over(self):
        _, proxied = self.proxied_connection(answer_timeout=1)
        bounded._unanswered["proxied"] = time.monotonic() - bounded.RETRY_SECONDS - 1
        self.assertEqual(self.query(proxied), (1,))
        self.assertNotIn("proxied", bounded._unanswered)

    def test_the_health_check_of_a_kept_connection_is_short(self):
        proxy, proxied = self.proxied_connection(answer_timeout=30)
        self.query(proxied)
        proxy.stall()
        started = time.monotonic()
        self.assertFalse(proxied.is_usable())
        self.assertLess(time.monotonic() - started, bounded.HEALTH_CHECK_TIMEOUT + 1)

    def test_the_sites_own_connection_is_bounded(self):
        self.assertEqual(connections["default"].__class__.__module__, "core.db.postgresql.base")
        self.assertIsNotNone(connections["default"].settings_dict["ANSWER_TIMEOUT"])


class TestDatabaseCreationTests(TestCase):
    """Django creates and drops the test database over a connection of its own (to the `postgres` database): a
    `DROP DATABASE` that waits for the server longer than the site's bounds must not stop the test run."""

    def tightly_bounded(self):
        settings = {
            **connection.settings_dict,
            "OPTIONS": {**connection.settings_dict["OPTIONS"], "options": "-c statement_timeout=200"},
            "ANSWER_TIMEOUT": 0.4,
        }
        database = connections["default"].__class__(settings, alias="tight")
        self.addCleanup(database.close)
        self.addCleanup(bounded._unanswered.pop, "tight", None)
        return database

    def test_the_test_database_connection_has_no_bounds(self):
        database = self.tightly_bounded()
        with database.creation._nodb_cursor() as cursor:
            cursor.execute("SELECT pg_sleep(0.6), current_setting('statement_timeout')")
            self.assertEqual(cursor.fetchone(), ("", "0"))

    def test_every_other_connection_keeps_its_bounds(self):
        database = self.tightly_bounded()
        with database.creation._nodb_cursor():
            pass
        with self.assertRaisesMessage(OperationalError, "statement timeout"), database.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(0.6)")
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            self.assertEqual(cursor.fetchone(), (f"{settings.DATABASE_STATEMENT_TIMEOUT}s",))
