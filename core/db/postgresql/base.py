"""
Django's PostgreSQL backend, with a bound on how long a query waits for the server's answer.

PostgreSQL's `statement_timeout` stops a statement the server is running, and libpq's `connect_timeout`,
keepalives and `tcp_user_timeout` bound a server that cannot be reached or stops acknowledging. None of them bounds
a server (or a proxy in front of it) that accepts what we send and never answers: the worker would wait until
gunicorn kills it. Here every wait for an answer on an open connection ends after `ANSWER_TIMEOUT` seconds (the
statement timeout plus a second, set from the environment in settings): the connection, whose state is then
unknown, is closed, and the query raises `OperationalError`, which the site turns into a 503
(`core.middleware.DatabaseUnavailableMiddleware`). The next request opens a new connection, bounded by
`connect_timeout`.
"""

import types

import psycopg
from django.db.backends.postgresql import base
from psycopg.errors import _WaitTimeout  # psycopg's own timeout for `Connection.wait` (public since 3.2's `timeout=`)


class BoundedConnection(psycopg.Connection):
    """A psycopg connection whose waits for the server end after `answer_timeout` seconds (None: no bound)."""

    answer_timeout = None

    def wait(self, gen, interval=0.1, timeout=None):
        if timeout is None:
            timeout = self.answer_timeout
        try:
            return super().wait(gen, interval=interval, timeout=timeout)
        except _WaitTimeout:
            self.pgconn.finish()  # a query is still outstanding on it: never use this connection again
            raise psycopg.OperationalError(f"The database did not answer within {timeout:g} s.") from None


class DatabaseWrapper(base.DatabaseWrapper):
    # Django's backend connects through `self.Database.connect`: the same psycopg module, with our connection class.
    Database = types.SimpleNamespace(**{**vars(psycopg), "connect": BoundedConnection.connect})

    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        connection.answer_timeout = self.settings_dict.get("ANSWER_TIMEOUT")
        return connection
