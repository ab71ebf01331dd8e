"""
`make run` is correct with its two workers: two real gunicorn worker processes, each with its own (local-memory)
page cache, on a database this test process writes to directly, as `manage.py shell` would. Every request after a
change, and after a scheduled publication time, sees the new content on whichever worker answers it.

Runs once per database the suite runs on: SQLite (a file copied from the test database) or PostgreSQL (the
test database itself).
"""

import http.client
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection, connections
from django.test import TransactionTestCase
from django.utils import timezone

from tests.treaty.factories import StateFactory
from timeline.dates import Precision
from timeline.models import Category, Event
from treaty.models import State

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
REQUESTS = 60


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def get(port, path, method="GET"):
    """(status, body) of one request on a new connection, so either worker may take it."""
    client = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        client.request(method, path, headers={"Connection": "close"})
        response = client.getresponse()
        return response.status, response.read().decode()
    finally:
        client.close()


class GunicornTestCase(TransactionTestCase):
    """gunicorn as `make run` starts it (gunicorn.conf.py, two workers), on a database shared with this process."""

    gunicorn_options = ()  # added to the command line, which wins over gunicorn.conf.py

    def setUp(self):
        StateFactory.create_batch(5, acceded=True)
        self.alias, database_url = self.shared_database()
        port = free_port()
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.cluster.settings",
            "DJANGO_READ_DOT_ENV": "false",
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": "cluster-test-secret-key-0123456789-0123456789-0123456789",
            "DJANGO_ALLOWED_HOSTS": HOST,
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": database_url,
        }
        environment.pop("CACHE_URL", None)  # `make run`'s default cache: local memory, one per worker
        log = open(self.tmp / "gunicorn.log", "w")  # noqa: SIM115 - closed in cleanup
        self.addCleanup(log.close)
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "ottawa.wsgi", f"--bind={HOST}:{port}", "--workers=2",
             "--forwarded-allow-ips=", "--no-control-socket", f"--chdir={ROOT}", *self.gunicorn_options],
            cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        self.addCleanup(self.stop, server)
        deadline = time.monotonic() + 30
        while True:
            try:
                if get(port, "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                self.fail(f"gunicorn did not start: {(self.tmp / 'gunicorn.log').read_text()}")
            time.sleep(0.1)
        self.port = port

    def shared_database(self):
        """(alias, DATABASE_URL) of a database both this process and the workers use."""
        settings = connection.settings_dict
        if connection.vendor == "postgresql":
            self.tmp = Path(self.mkdtemp())
            user = settings["USER"] + (f":{settings['PASSWORD']}" if settings["PASSWORD"] else "")
            return "default", f"postgres://{user}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
        self.tmp = Path(self.mkdtemp())
        path = self.tmp / "db.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(path) as copy:
            connection.connection.backup(copy)
        copy.close()
        # This process writes to the copy through the ORM, as a `manage.py shell` on that file would.
        wrapper = connections.create_connection("default")
        wrapper.settings_dict = {**settings, "NAME": str(path)}
        connections["cluster"] = wrapper
        self.addCleanup(self.forget_cluster_connection, wrapper)
        return "cluster", f"sqlite:///{path}"

    def mkdtemp(self):
        import shutil
        import tempfile

        directory = tempfile.mkdtemp(prefix="ottawa-cluster-")
        self.addCleanup(shutil.rmtree, directory, ignore_errors=True)
        return directory

    @staticmethod
    def forget_cluster_connection(wrapper):
        wrapper.close()
        del connections["cluster"]

    @staticmethod
    def stop(server):
        import signal

        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()

    def answers(self, path, count=REQUESTS):
        pages = [get(self.port, path) for _ in range(count)]
        self.assertEqual({status for status, _ in pages}, {200}, path)
        return [body for _, body in pages]


@pytest.mark.cluster
class TwoWorkersTests(GunicornTestCase):
    def test_every_request_on_either_worker_sees_changes_and_scheduled_publications(self):
        title = "A scheduled cluster event"
        publish_at = timezone.now() + timedelta(seconds=2)
        Event(
            title=title,
            slug="a-scheduled-cluster-event",
            date=timezone.localdate(),
            date_precision=Precision.DAY,
            category=Category.objects.using(self.alias).create(name="Cluster", slug="cluster"),
            summary="It appears by itself.",
            status="published",
            publish_at=publish_at,
        ).save(using=self.alias)
        state = State.objects.using(self.alias).first()
        url = f"/states/{state.iso3.lower()}/"
        self.assertTrue(all(state.name in page for page in self.answers(url, 20)))  # both workers cached it
        before = self.answers("/timeline/", 10)
        if timezone.now() < publish_at:  # a slow machine may already be past it
            self.assertFalse(any(title in page for page in before))

        state.name = "A State renamed in the shell"
        state.save(using=self.alias)  # autocommit: the version is renewed at once
        pages = self.answers(url)
        self.assertEqual(sum("A State renamed in the shell" in page for page in pages), REQUESTS)

        time.sleep(max(0.0, (publish_at - timezone.now()).total_seconds()) + 0.1)
        pages = self.answers("/timeline/")
        self.assertEqual(sum(title in page for page in pages), REQUESTS)


@pytest.mark.cluster
class ReplacedWorkersTests(GunicornTestCase):
    """
    gunicorn replaces a worker after max_requests (50,000 in gunicorn.conf.py; 10 here). The site is imported and
    warmed once, in the master (preload_app, core/warmup.py), and every worker, the replacements too, is forked from
    it: no request fails or waits for Django to be imported again, and a replacement sees changes as its predecessor
    did.
    """

    gunicorn_options = ("--max-requests=10", "--max-requests-jitter=0")

    def test_replaced_workers_answer_every_request_and_see_changes(self):
        state = State.objects.using(self.alias).first()
        url = f"/states/{state.iso3.lower()}/"
        self.assertTrue(all(state.name in page for page in self.answers(url, 30)))
        state.name = "A State renamed while workers are replaced"
        state.save(using=self.alias)
        self.assertTrue(all(state.name in page for page in self.answers(url, 30)))

        log = (self.tmp / "gunicorn.log").read_text()
        self.assertGreaterEqual(log.count("Autorestarting worker"), 4, log)
        self.assertGreaterEqual(log.count("Booting worker"), 6, log)
        # The master warmed the site up once; the replacements were forked from it and did not warm up again.
        warmed = re.findall(r"Warmed up before forking: (\d+) templates compiled", log)
        self.assertEqual(len(warmed), 1, log)
        self.assertGreater(int(warmed[0]), 20)
