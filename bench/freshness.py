"""
Freshness and failures (issue 15's figures), against `make run`'s server: gunicorn, 2 sync workers, the default
(local-memory) cache, a file SQLite database made for the run (var/bench/freshness.sqlite3, migrated and seeded).

    python bench/freshness.py               # every part
    python bench/freshness.py --skip-redis --skip-stall
    python bench/freshness.py --stall-only

It reports:

1. stale responses among 1,000 anonymous requests (new connections, so both workers answer) after an edit through
   the ORM (as the admin saves), after a save from `manage.py shell` (another process), and after a scheduled
   publication time passes;
2. responses >= 500 while a private Redis (port 6391, never the machine's shared one) is stopped and restarted under
   `wrk -c 32 -d 20s` with CACHE_URL pointing at it;
3. on PostgreSQL (DATABASE_URL of the bench's own database, --postgres), through a TCP proxy in this script that
   forwards until told to stall and then accepts and never answers: the time to the first 503, and how cached pages
   answer meanwhile;
4. the freshness check's cost per request (the content version query, timed in this process).

Every request goes to 127.0.0.1 only; every loop is bounded.
"""

import argparse
import http.client
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.server import HOST, Gunicorn, free_port  # noqa: E402
from bench.stalling import StallingProxy  # noqa: E402

DATABASE = ROOT / "var" / "bench" / "freshness.sqlite3"
REQUESTS = 1000
REDIS_PORT = 6391
HEADERS = {"Connection": "close"}


def environment(database_url, **extra):
    return {
        "DJANGO_SETTINGS_MODULE": "ottawa.settings",
        "DJANGO_READ_DOT_ENV": "false",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def manage(env, *args, code=None):
    command = [sys.executable, "manage.py", *args] + (["-c", code] if code else [])
    return subprocess.run(command, cwd=ROOT, env={**os.environ, **env}, check=True, capture_output=True, text=True)


def get(port, path, timeout=10):
    """(status, body, seconds) of one GET on a new connection, so either worker may take it."""
    started = time.perf_counter()
    client = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        client.request("GET", path, headers=HEADERS)
        response = client.getresponse()
        return response.status, response.read().decode(errors="replace"), time.perf_counter() - started
    finally:
        client.close()


def stale_count(port, path, expected):
    answers = [get(port, path) for _ in range(REQUESTS)]
    bad_status = sum(status != 200 for status, _, _ in answers)
    return sum(expected not in body for _, body, _ in answers), bad_status


class Server:
    """gunicorn as `make run` starts it, with this environment."""

    def __init__(self, env, log_name):
        self.env = env
        self.port = free_port()
        self.log = ROOT / "var" / "bench" / log_name
        self.saved = {}

    def __enter__(self):
        for key, value in self.env.items():
            self.saved[key] = os.environ.get(key)
            os.environ[key] = value
        self.gunicorn = Gunicorn(port=self.port, workers=2, log_path=self.log, headers=HEADERS).__enter__()
        return self

    def __exit__(self, *exc_info):
        self.gunicorn.stop()
        for key, value in self.saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


# --- 1. Freshness ----------------------------------------------------------------------------------------------


def freshness(report):
    DATABASE.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DATABASE}{suffix}").unlink(missing_ok=True)
    env = environment(f"sqlite:///{DATABASE}")
    manage(env, "migrate", "--noinput")
    manage(env, "seed")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")  # var/static, as `make run` does
    os.environ.update(env)
    import django

    django.setup()
    from datetime import timedelta

    from django.utils import timezone

    from timeline.dates import Precision
    from timeline.models import Category, Event
    from treaty.models import State

    with Server(env, "freshness-gunicorn.log") as server:
        state = State.objects.order_by("iso3").first()
        url = f"/states/{state.iso3.lower()}/"
        for _ in range(20):
            get(server.port, url)  # both workers cache the page
        state.name = "Renamed through the ORM"
        state.save()  # as the admin saves: the version is renewed on commit
        report.append(
            ("After an edit through the ORM (as the admin saves)", *stale_count(server.port, url, state.name))
        )

        manage(
            env,
            "shell",
            code=f"from treaty.models import State; s = State.objects.get(pk={state.pk}); "
            "s.name = 'Renamed in manage.py shell'; s.save()",
        )
        report.append(
            ("After a save from `manage.py shell`", *stale_count(server.port, url, "Renamed in manage.py shell"))
        )

        title = "A scheduled freshness event"
        publish_at = timezone.now() + timedelta(seconds=5)
        Event.objects.create(
            title=title,
            slug="a-scheduled-freshness-event",
            date=timezone.localdate(),
            date_precision=Precision.DAY,
            category=Category.objects.first(),
            summary="It appears by itself.",
            status="published",
            publish_at=publish_at,
        )
        for _ in range(20):
            get(server.port, "/timeline/")  # cached on both workers before the time
        time.sleep(max(0.0, (publish_at - timezone.now()).total_seconds()) + 0.1)
        report.append(("After a scheduled publication time passes", *stale_count(server.port, "/timeline/", title)))
    return env


def freshness_cost():
    """Median microseconds of the content version's check (one small query) in this process, on the bench's SQLite."""
    from django.db import connection

    from core import cache

    times = []
    for _ in range(2000):
        started = time.perf_counter()
        cache.content_version(using=connection.alias)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1e6


# --- 2. Redis stopped and restarted under load -----------------------------------------------------------------


def redis_outage(env):
    import re

    from bench.loadgen import find_wrk

    wrk = find_wrk(install=True)
    redis = shutil.which("redis-server")
    if not wrk or not redis:
        return f"skipped: wrk {wrk or 'missing'}, redis-server {redis or 'missing'}"
    workdir = ROOT / "var" / "bench" / "redis"
    workdir.mkdir(parents=True, exist_ok=True)

    def start_redis():
        return subprocess.Popen(
            [redis, "--port", str(REDIS_PORT), "--bind", HOST, "--save", "", "--appendonly", "no", "--dir", workdir],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    redis_process = start_redis()
    time.sleep(0.5)
    try:
        with Server({**env, "CACHE_URL": f"redis://{HOST}:{REDIS_PORT}/12"}, "redis-gunicorn.log") as server:
            for path in ("/", "/states/", "/timeline/"):
                get(server.port, path)
            load = subprocess.Popen(
                [
                    wrk,
                    "--latency",
                    "-c",
                    "32",
                    "-t",
                    "2",
                    "-d",
                    "20s",
                    "--timeout",
                    "10s",
                    f"http://{HOST}:{server.port}/states/",
                ],
                stdout=subprocess.PIPE,
                text=True,
            )
            time.sleep(5)
            redis_process.terminate()
            redis_process.wait(timeout=10)
            time.sleep(7)
            redis_process = start_redis()
            output, _ = load.communicate(timeout=60)
            requests = int(re.search(r"(\d+) requests in", output)[1])
            bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
            errors = re.search(r"Socket errors: (.*)", output)
            status, body, _ = get(server.port, "/healthz")
            return (
                f"{requests:,} requests, {int(bad[1]) if bad else 0} responses not 2xx/3xx, socket errors: "
                f"{errors[1] if errors else 'none'}; Redis down from 5 s to 12 s of the 20 s; /healthz after: "
                f"{status} {body.strip()}"
            )
    finally:
        redis_process.terminate()
        redis_process.wait(timeout=10)


# --- 3. A stalled database ---------------------------------------------------------------------------------------


def get_or_failure(port, path, timeout):
    """(status, seconds); the status is "dropped" when the connection closed without an answer (a killed worker)."""
    started = time.perf_counter()
    try:
        status, _, seconds = get(port, path, timeout=timeout)
    except (OSError, http.client.HTTPException):
        return "dropped", time.perf_counter() - started
    return status, seconds


def stalled_database(postgres_url):
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    from urllib.parse import urlsplit

    parts = urlsplit(postgres_url)
    proxy = StallingProxy(parts.port or 5432)
    proxied = parts._replace(netloc=f"{parts.username or 'postgres'}@{HOST}:{proxy.port}").geturl()
    env = environment(proxied)
    manage(environment(postgres_url), "migrate", "--noinput")
    manage(environment(postgres_url), "seed")
    manage(environment(postgres_url), "collectstatic", "--noinput", "--verbosity", "0")
    try:
        with Server(env, "stall-gunicorn.log") as server:
            cached = "/states/"
            before = [get(server.port, cached)[2] for _ in range(20)]
            proxy.stall()
            stalled_at = time.monotonic()
            first_503 = None
            cached_answers = []
            for number in range(6):  # bounded: 6 tries of an uncached page and a cached one
                status, _ = get_or_failure(server.port, f"/states/?as_of=20{10 + number}-01-01", timeout=40)
                if status == 503 and first_503 is None:
                    first_503 = time.monotonic() - stalled_at
                cached_answers.append(get_or_failure(server.port, cached, timeout=40))
                if first_503 is not None and number >= 4:
                    break
            statuses = sorted({str(status) for status, _ in cached_answers})
            slowest = max(seconds for _, seconds in cached_answers)
            return (
                f"first 503 after {first_503:.1f} s" if first_503 is not None else "no 503 within the tries",
                f"cached /states/: statuses {statuses}, "
                f"median {statistics.median(s for _, s in cached_answers) * 1000:.0f} ms, "
                f"slowest {slowest * 1000:.0f} ms (before the stall: median {statistics.median(before) * 1000:.0f} ms)",
            )
    finally:
        proxy.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-redis", action="store_true")
    parser.add_argument("--skip-stall", action="store_true")
    parser.add_argument("--stall-only", action="store_true", help="only the stalled database (part 3)")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/ottawa_bench")
    arguments = parser.parse_args()
    if arguments.stall_only:
        first, cached = stalled_database(arguments.postgres)
        print(f"- A stalled PostgreSQL (a proxy that stops answering): {first}; {cached}.")
        return
    report = []
    env = freshness(report)
    lines = ["## Freshness and failures (issue 15)", "", "`make bench-freshness` (bench/freshness.py):", ""]
    lines += ["| After | Stale of 1,000 | Not 200 |", "|---|---|---|"]
    lines += [f"| {label} | {stale} | {bad} |" for label, stale, bad in report]
    lines += ["", f"- Freshness check: one query per request, median {freshness_cost():.0f} µs on SQLite (in process)."]
    if not arguments.skip_redis:
        lines.append(f"- Redis stopped and restarted under `wrk -c 32 -d 20s` on /states/: {redis_outage(env)}.")
    if not arguments.skip_stall:
        first, cached = stalled_database(arguments.postgres)
        lines.append(f"- A stalled PostgreSQL (a proxy that stops answering): {first}; {cached}.")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
