"""
The fleet of `make cluster` (scripts/cluster.sh), started for real: PostgreSQL, a private Redis, two gunicorn
instances of this clone, one tasks worker and nginx in front. Everything a visitor gets comes through nginx.

- an edit (an ORM save in another process, as `manage.py shell` on a server would) is on every one of the next 200
  requests, whichever instance answers;
- a scheduled event appears on both instances within a second of its time;
- stopping (and starting) one instance while requests run loses none of them: nginx retries the other;
- stopping and starting Redis while requests run gives no 5xx;
- the fleet's one tasks worker runs a large import's preview queued by another process, and stops with the fleet;
- the systemd unit starts the instances with the very command the cluster runs; logs are JSON lines with the
  request id nginx passed.

It needs nginx and redis-server (`.ci/run` installs them) and PostgreSQL: it runs in the PostgreSQL run of the suite
(once per CI run), on a database of its own next to the suite's, and is skipped with the reason otherwise.
"""

import http.client
import json
import os
import shlex
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "cluster.sh"
HOST = "127.0.0.1"
EDIT_REQUESTS = 200

pytestmark = pytest.mark.cluster


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def get(port, path, headers=None, timeout=15):
    """(status, body, headers) of one request on a new connection."""
    client = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        client.request("GET", path, headers={"Connection": "close", **(headers or {})})
        response = client.getresponse()
        return response.status, response.read().decode(errors="replace"), dict(response.getheaders())
    finally:
        client.close()


def find_nginx():
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)


class Fleet:
    def __init__(self, tmp):
        database_url = os.environ.get("DATABASE_URL", "")
        parts = urlsplit(database_url)
        self.proxy, self.redis = free_port(), free_port()
        self.apps = [free_port(), free_port()]
        self.dir = tmp
        self.db = f"{parts.path.lstrip('/') or 'postgres'}_fleet"
        self.pg = f"{parts.scheme}://{parts.netloc}"
        self.env = {
            **os.environ,
            "CLUSTER_PORT": str(self.proxy),
            "CLUSTER_APP_PORTS": " ".join(map(str, self.apps)),
            "CLUSTER_REDIS_PORT": str(self.redis),
            "CLUSTER_DB": self.db,
            "CLUSTER_PG": self.pg,
            "CLUSTER_DIR": str(tmp),
        }

    def run(self, *args, timeout=240):
        result = subprocess.run(
            [str(SCRIPT), *args], env=self.env, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
        )
        assert result.returncode == 0, f"cluster.sh {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
        return result.stdout

    def app_environment(self):
        """The instances' own environment (the file the cluster writes, as /etc/ottawa/env)."""
        environment = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "CACHE"))}
        for line in (self.dir / "ottawa.env").read_text().splitlines():
            if line and not line.startswith("#"):
                key, _, value = line.partition("=")
                environment[key] = value
        environment["DJANGO_SETTINGS_MODULE"] = "ottawa.settings"
        return environment

    def shell(self, code):
        """Run `code` in `manage.py shell` against the fleet's database, as an operator on a server would."""
        result = subprocess.run(
            [str(ROOT / ".venv" / "bin" / "python"), "manage.py", "shell", "-v0", "-c", code],
            env=self.app_environment(), cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    def drop_database(self):
        import psycopg
        from psycopg import sql

        with psycopg.connect(f"{self.pg}/postgres", autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(self.db)))


@pytest.fixture(scope="module")
def fleet(tmp_path_factory):
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        pytest.skip("the fleet runs on PostgreSQL: run the suite with DATABASE_URL=postgres://… (CI does)")
    if not find_nginx():
        pytest.skip("nginx is not installed (apt-get install nginx; .ci/run installs it)")
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed (apt-get install redis-server; .ci/run installs it)")
    fleet = Fleet(tmp_path_factory.mktemp("fleet"))
    try:
        fleet.run("start")
        yield fleet
    finally:
        fleet.run("stop")
        fleet.drop_database()
    assert "worker: stopped" in fleet.run("status")


def hammer(port, paths, stop, results, errors):
    """Request `paths` in turn through nginx until `stop` is set; every status goes into `results`."""
    index = 0
    while not stop.is_set():
        try:
            status, _, _ = get(port, paths[index % len(paths)])
            results.append(status)
        except OSError as error:
            errors.append(repr(error))
        index += 1


def under_load(fleet, paths, action, threads=6):
    stop, results, errors = threading.Event(), [], []
    workers = [
        threading.Thread(target=hammer, args=(fleet.proxy, paths, stop, results, errors)) for _ in range(threads)
    ]
    for worker in workers:
        worker.start()
    try:
        time.sleep(0.5)
        action()
        time.sleep(0.5)
    finally:
        stop.set()
        for worker in workers:
            worker.join()
    return results, errors


def test_an_edit_is_on_every_one_of_the_next_requests_through_nginx(fleet):
    assert all(get(fleet.proxy, "/states/fra/")[0] == 200 for _ in range(20))  # both instances have it cached
    fleet.shell(
        "from treaty.models import State; s = State.objects.get(iso3='FRA'); s.name = 'France (renamed)'; s.save()"
    )
    pages = [get(fleet.proxy, "/states/fra/") for _ in range(EDIT_REQUESTS)]
    assert [status for status, _, _ in pages] == [200] * EDIT_REQUESTS
    assert sum("France (renamed)" in body for _, body, _ in pages) == EDIT_REQUESTS
    # nginx spread them over both instances.
    log = (fleet.dir / "log" / "nginx-access.log").read_text().splitlines()[-EDIT_REQUESTS:]
    assert {f"upstream={HOST}:{port}" for port in fleet.apps} <= {part for line in log for part in line.split()}


def test_a_scheduled_event_appears_on_both_instances_within_a_second_of_its_time(fleet):
    publish_at = float(
        fleet.shell(
            "from datetime import timedelta\n"
            "from django.utils import timezone\n"
            "from timeline.dates import Precision\n"
            "from timeline.models import Category, Event\n"
            "at = timezone.now() + timedelta(seconds=3)\n"
            "Event.objects.create(title='A scheduled fleet event', slug='a-scheduled-fleet-event',"
            " date=timezone.localdate(), date_precision=Precision.DAY, category=Category.objects.first(),"
            " summary='It appears by itself.', status='published', publish_at=at)\n"
            "print(at.timestamp())"
        )
    )
    path = "/timeline/a-scheduled-fleet-event/"
    seen = {}
    while len(seen) < len(fleet.apps) and time.time() < publish_at + 5:
        for port in fleet.apps:
            if port not in seen:
                status = get(port, path)[0]
                if status == 200:
                    seen[port] = time.time()
                else:
                    assert status == 404, status
                    assert time.time() < publish_at + 1.0, f"instance {port} still hides it a second after its time"
        time.sleep(0.05)
    assert set(seen) == set(fleet.apps)
    assert all(publish_at - 0.05 <= when <= publish_at + 1.0 for when in seen.values()), (publish_at, seen)


def test_stopping_and_starting_an_instance_loses_no_request(fleet):
    def restart_first_instance():
        fleet.run("stop-app", str(fleet.apps[0]))
        time.sleep(1)
        fleet.run("start-app", str(fleet.apps[0]))

    results, errors = under_load(fleet, ["/", "/states/", "/timeline/", "/healthz"], restart_first_instance)
    assert not errors
    assert len(results) > 50
    assert set(results) == {200}, {status: results.count(status) for status in set(results)}


def test_restarting_redis_causes_no_server_error(fleet):
    def restart_redis():
        fleet.run("stop-redis")
        time.sleep(1.5)
        fleet.run("start-redis")

    results, errors = under_load(fleet, ["/", "/states/", "/anniversaries/", "/healthz"], restart_redis)
    assert not errors
    assert len(results) > 50
    assert not [status for status in results if status >= 500]
    assert set(results) == {200}


def test_the_fleets_one_tasks_worker_previews_a_large_import(fleet):
    assert "worker: running" in fleet.run("status")
    worker = (fleet.dir / "run" / "worker.pid").read_text().strip()
    assert "db_worker" in Path(f"/proc/{worker}/cmdline").read_bytes().decode().split("\0")
    # A file the admin would queue (more rows than IMPORT_SYNC_ROWS), queued here as the admin does.
    job = fleet.shell(
        "import csv, io\n"
        "from exports.imports import preview_import\n"
        "from exports.models import ImportJob\n"
        "from timeline.models import Category\n"
        "out = io.StringIO()\n"
        "writer = csv.writer(out)\n"
        "writer.writerow(['id', 'slug', 'title', 'date', 'date_precision', 'category', 'summary', 'status'])\n"
        "category = Category.objects.order_by('pk').first().slug\n"
        "for n in range(3):\n"
        "    day = f'2001-01-0{n + 1}'\n"
        "    writer.writerow(['', f'fleet-{n}', f'Fleet {n}', day, 'day', category, 'A summary.', 'draft'])\n"
        "job = ImportJob.objects.create(model='timeline.event', resource='timeline.resources.EventResource',"
        " format='csv', file_name='events.csv', data=out.getvalue().encode(), total=3)\n"
        "preview_import.enqueue(job.pk)\n"
        "print(job.pk)"
    )
    report = (
        "from exports.models import ImportJob; from timeline.models import Event\n"
        f"job = ImportJob.objects.get(pk={job})\n"
        "saved = Event.objects.filter(slug__startswith='fleet-').count()\n"
        "print(job.status, job.counts.get('new'), job.counts.get('error'), saved)"
    )
    deadline = time.time() + 30
    state = fleet.shell(report)
    while state.startswith(("queued", "previewing")) and time.time() < deadline:
        time.sleep(0.5)
        state = fleet.shell(report)
    assert state == "previewed 3 0 0", state  # three new rows, no error, nothing saved by a preview


def test_logs_are_json_lines_with_the_request_id_nginx_passed(fleet):
    status, _, headers = get(fleet.proxy, "/this-page-does-not-exist/")
    assert status == 404
    request_id = headers["X-Request-ID"]

    def records():
        lines = [
            line
            for port in fleet.apps
            for line in (fleet.dir / "log" / f"app-{port}.log").read_text().splitlines()
            if line.strip()
        ]
        return [json.loads(line) for line in lines]  # every line of stdout is one JSON object

    # gunicorn writes its access line once the response has gone: give it a moment (bounded) under load
    for _ in range(50):
        mine = [record for record in records() if record["request_id"] == request_id]
        if {record["logger"] for record in mine} >= {"django.request", "gunicorn.access"}:
            break
        time.sleep(0.1)
    assert all({"ts", "level", "logger", "msg", "request_id"} <= set(record) for record in records())
    assert {record["logger"] for record in mine} >= {"django.request", "gunicorn.access"}
    nginx_log = (fleet.dir / "log" / "nginx-access.log").read_text()
    assert f"id={request_id}" in nginx_log


def test_nginx_serves_static_files_and_pictures_itself_with_their_headers(fleet):
    manifest = json.loads((ROOT / "var" / "static" / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/site.css"]
    status, body, headers = get(fleet.proxy, f"/static/{hashed}")
    assert status == 200
    assert body == (ROOT / "var" / "static" / hashed).read_text()
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    picture = fleet.dir / "media" / "timeline" / "x.png"
    picture.parent.mkdir(parents=True, exist_ok=True)
    picture.write_bytes(b"\x89PNG\r\n\x1a\n not really")
    status, _, headers = get(fleet.proxy, "/media/timeline/x.png")
    assert status == 200
    assert headers["Content-Type"] == "image/png"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert get(fleet.proxy, "/media/timeline/missing.png")[0] == 404


def test_the_systemd_units_start_the_commands_the_cluster_runs(fleet):
    unit = (ROOT / "deploy" / "systemd" / "ottawa@.service").read_text()
    exec_start = next(line.partition("=")[2] for line in unit.splitlines() if line.startswith("ExecStart="))
    unit_command = [Path(word).name if "/" in word else word for word in shlex.split(exec_start)]
    pid = (fleet.dir / "run" / f"app-{fleet.apps[0]}.pid").read_text().strip()
    running = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")[:-1]
    # The cluster adds its own pid file; the interpreter line of the venv's script comes first.
    running = [word for word in running if word != "--pid" and not word.endswith(".pid")]
    running = running[running.index(next(w for w in running if w.endswith("gunicorn"))) :]
    assert [Path(word).name if "/" in word else word for word in running] == unit_command
    assert "Environment=GUNICORN_BIND=127.0.0.1:%i" in unit
    worker_unit = (ROOT / "deploy" / "systemd" / "ottawa-worker.service").read_text()
    worker_start = next(line.partition("=")[2] for line in worker_unit.splitlines() if line.startswith("ExecStart="))
    worker_pid = (fleet.dir / "run" / "worker.pid").read_text().strip()
    worker = Path(f"/proc/{worker_pid}/cmdline").read_bytes().decode().split("\0")[:-1]
    assert [Path(word).name for word in worker] == [Path(word).name for word in shlex.split(worker_start)]
    release = (ROOT / "deploy" / "systemd" / "ottawa-release.service").read_text()
    assert "deploy/release.sh" in release
    assert "deploy/release.sh" in SCRIPT.read_text()
