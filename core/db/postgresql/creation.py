"""
Test databases are created and dropped without the site's time bounds.

`DROP DATABASE` waits up to five seconds for the sessions still in the database to end (a connection the tests have
just closed, whose server process has not finished yet), and `CREATE DATABASE` copies a whole database: either can
take longer than the statement timeout every connection of the site gets (settings: three seconds), and the run
would end with "canceling statement due to statement timeout" and leave its test database behind. Django runs them
over a connection of their own (to the `postgres` database), so that connection alone is unbounded: the server's
`statement_timeout` is lifted, and so is the client-side answer bound (`base.BoundedConnection`).
"""

from contextlib import contextmanager

from django.db.backends.postgresql import creation


class DatabaseCreation(creation.DatabaseCreation):
    @contextmanager
    def _nodb_cursor(self):
        with super()._nodb_cursor() as cursor:
            cursor.db.connection.answer_timeout = None
            cursor.execute("SET statement_timeout = 0")
            yield cursor
