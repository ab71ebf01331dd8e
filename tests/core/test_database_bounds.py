"""
A PostgreSQL server that accepts a query and never answers (a stalled server or proxy) is given up after the
answer bound (`core.db.postgresql`): the query raises OperationalError, the site answers 503, and the next
connection works once the server answers again.
"""

import time

import pytest
from django.db import OperationalError, connection, connections
from django.test import TransactionTestCase

from bench.stalling import StallingProxy

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
        return proxy, proxied

    def test_a_query_the_server_never_answers_fails_after_the_bound(self):
        proxy, proxied = self.proxied_connection(answer_timeout=1)
        with proxied.cursor() as cursor:
            cursor.execute("SELECT 1")
            self.assertEqual(cursor.fetchone(), (1,))
        proxy.stall()
        started = time.monotonic()
        with self.assertRaisesMessage(OperationalError, "did not answer within 1 s"), proxied.cursor() as cursor:
            cursor.execute("SELECT 1")
        self.assertLess(time.monotonic() - started, 3)
        self.assertTrue(proxied.connection is None or proxied.connection.closed)  # never reused

    def test_the_sites_own_connection_is_bounded(self):
        self.assertEqual(connections["default"].__class__.__module__, "core.db.postgresql.base")
        self.assertIsNotNone(connections["default"].settings_dict["ANSWER_TIMEOUT"])
