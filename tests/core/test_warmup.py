"""core/warmup.py: what gunicorn's master loads before it forks the workers (gunicorn.conf.py, preload_app)."""

from unittest import mock

from django.db import connections
from django.template import engines
from django.test import SimpleTestCase

from core.warmup import project_template_names, warm_up


class WarmUpTests(SimpleTestCase):
    def test_every_template_of_the_project_is_compiled_and_no_library_template(self):
        names = project_template_names()
        self.assertIn("base.html", names)
        self.assertIn("treaty/state_list.html", names)
        self.assertIn("admin/index.html", names)  # ours, which extends Django's
        self.assertNotIn("admin/change_form.html", names)  # Django's own: left to first use
        self.assertEqual(warm_up(), len(names))
        loader = engines["django"].engine.template_loaders[0]  # the cached loader, as in production
        self.assertTrue(set(names) <= {key.split("-")[0] for key in loader.get_template_cache})

    def test_it_opens_no_database_connection_for_the_workers_to_share(self):
        # A SimpleTestCase refuses every query, so a query in warm_up() fails here; and no connection is left open
        # that was not open before (the suite's in-memory SQLite test database stays open by design).
        before = open_connections()
        warm_up()
        self.assertEqual(open_connections(), before)

    def test_it_refuses_to_leave_a_connection_open_for_the_workers_to_share(self):
        opened_while_warming = mock.patch("core.warmup._open_connections", side_effect=[set(), {"default"}])
        with opened_while_warming, self.assertRaisesMessage(RuntimeError, "opened a database connection (default)"):
            warm_up()


def open_connections():
    return {c.alias for c in connections.all(initialized_only=True) if c.connection is not None}
