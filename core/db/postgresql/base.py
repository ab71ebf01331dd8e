"""
Django's PostgreSQL backend, with bounds on how long the site waits for a server that does not answer.

PostgreSQL's `statement_timeout` stops a statement the server is running, and libpq's `connect_timeout`,
keepalives and `tcp_user_timeout` bound a server that cannot be reached or stops acknowledging. None of them bounds
a server (or a proxy in front of it) that accepts what we send and never answers: the worker would wait until
gunicorn kills it. So, here:

- every wait for an answer on an open connection ends after `ANSWER_TIMEOUT` seconds (settings: the statement
  timeout plus one), and Django's health check of a kept connection (`SELECT 1`) after HEALTH_CHECK_TIMEOUT; the
  connection, whose state is then unknown, is closed, and the query raises `OperationalError`, which the site turns
  into a 503 (`core.middleware.DatabaseUnavailableMiddleware`);
- once the server has failed to answer (a wait or a connection attempt timed out), this process does not try to
  connect again for RETRY_SECONDS: requests that need the database get their 503 at once, instead of each waiting
  for `connect_timeout`, and cached pages keep being served (`core.cache` serves the content version it last saw).
  This is the process's own observation of the server, not shared state: each process finds out for itself.
"""

import time
import types

import psycopg
from django.db.backends.postgresql import base
from psycopg.errors import _WaitTimeout  # what `Connection.wait(timeout=…)` raises (psycopg 3.2+)

from .creation import DatabaseCreation

HEALTH_CHECK_TIMEOUT = 1.0  # seconds: a server that answers at all answers `SELECT 1` far sooner
RETRY_SECONDS = 5.0

# {database alias: monotonic time}: when the server last failed to answer this process, while it has not answered
# since.
_unanswered = {}


def _record_unanswered(alias):
    _unanswered[alias] = time.monotonic()


class BoundedConnection(psycopg.Connection):
    """A psycopg connection whose waits for the server end after `answer_timeout` seconds (None: no bound)."""

    answer_timeout = None
    alias = None

    def wait(self, gen, interval=0.1, timeout=None):
        if timeout is None:
            timeout = self.answer_timeout
        try:
            return super().wait(gen, interval=interval, timeout=timeout)
        except _WaitTimeout:
            self.pgconn.finish()  # a query is still outstanding on it: never use this connection again
            _record_unanswered(self.alias)
            raise psycopg.OperationalError(f"The database did not answer within {timeout:g} s.") from None


class DatabaseWrapper(base.DatabaseWrapper):
    # Django's backend connects through `self.Database.connect`: the same psycopg module, with our connection class.
    Database = types.SimpleNamespace(**{**vars(psycopg), "connect": BoundedConnection.connect})
    creation_class = DatabaseCreation  # test databases: created and dropped without the bounds

    def get_new_connection(self, conn_params):
        failed_at = _unanswered.get(self.alias)
        if failed_at is not None and time.monotonic() - failed_at < RETRY_SECONDS:
            raise psycopg.OperationalError(
                f"The database did not answer {time.monotonic() - failed_at:.1f} s ago; not trying again yet."
            )
        try:
            connection = super().get_new_connection(conn_params)
        except psycopg.errors.ConnectionTimeout:
            _record_unanswered(self.alias)
            raise
        _unanswered.pop(self.alias, None)
        connection.answer_timeout = self.settings_dict.get("ANSWER_TIMEOUT")
        connection.alias = self.alias
        return connection

    def is_usable(self):
        if self.connection is None:
            return False
        bound = self.connection.answer_timeout
        self.connection.answer_timeout = min(bound or HEALTH_CHECK_TIMEOUT, HEALTH_CHECK_TIMEOUT)
        try:
            return super().is_usable()
        finally:
            self.connection.answer_timeout = bound
