"""
The fleet behind nginx (issue 16): `make bench-cluster`. Starts scripts/cluster.sh on free ports with a database of
its own (ottawa_bench_cluster on the machine's PostgreSQL), then measures through nginx:

- stale responses in 1,000 anonymous requests after an edit (an ORM save in another process), and after a
  scheduled publication time passes;
- responses ≥ 500 (nginx's own access log) while Redis is stopped and started under `wrk -c 32 -d 20s`, and while
  one instance is stopped and started;
- warm pages with two instances beside one (the second stopped), in the same run.

The report is printed and written to bench/out/cluster-latest.md; `--results` appends it to bench/RESULTS.md.
"""

import argparse
import http.client
import os
import platform
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import loadgen  # noqa: E402

HOST = "127.0.0.1"
SCRIPT = ROOT / "scripts" / "cluster.sh"
OUT = ROOT / "bench" / "out"
HEADERS = {"Accept-Encoding": "gzip, deflate, br, zstd"}
WARM_PAGES = ["/", "/states/", "/timeline/", "/anniversaries/20/"]
HEADING = "## Fleet behind nginx (issue 16)"


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def get(port, path):
    client = http.client.HTTPConnection(HOST, port, timeout=15)
    try:
        client.request("GET", path, headers={"Connection": "close"})
        response = client.getresponse()
        return response.status, response.read().decode(errors="replace")
    finally:
        client.close()


class Fleet:
    def __init__(self, directory, database):
        self.proxy, self.redis, self.apps = free_port(), free_port(), [free_port(), free_port()]
        self.dir = directory
        self.env = {
            **os.environ,
            "CLUSTER_PORT": str(self.proxy),
            "CLUSTER_APP_PORTS": " ".join(map(str, self.apps)),
            "CLUSTER_REDIS_PORT": str(self.redis),
            "CLUSTER_DB": database,
            "CLUSTER_DIR": str(directory),
        }

    def run(self, *args):
        subprocess.run([str(SCRIPT), *args], env=self.env, cwd=ROOT, check=True, capture_output=True, text=True)

    def shell(self, code):
        environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CACHE", "DATABASE"))}
        for line in (self.dir / "ottawa.env").read_text().splitlines():
            if line and not line.startswith("#"):
                key, _, value = line.partition("=")
                environment[key] = value
        result = subprocess.run(
            [str(ROOT / ".venv" / "bin" / "python"), "manage.py", "shell", "-v0", "-c", code],
            env=environment, cwd=ROOT, check=True, capture_output=True, text=True,
        )  # fmt: skip
        return result.stdout.strip()

    def log_size(self):
        return (self.dir / "log" / "nginx-access.log").stat().st_size

    def statuses_since(self, offset):
        with open(self.dir / "log" / "nginx-access.log", "rb") as log:
            log.seek(offset)
            lines = log.read().decode(errors="replace").splitlines()
        return [int(line.split('"')[2].split()[0]) for line in lines if line.count('"') >= 2]


def run_wrk(url, *, seconds, wrk, connections=32, threads=2):
    """bench.loadgen's wrk run, read with the trailing blanks wrk leaves after some latencies ("2.13s ") removed."""
    command = [wrk, "--latency", f"--duration={seconds}s", f"--connections={connections}", f"--threads={threads}"]
    command += ["--timeout=10s", *[f"--header={name}: {value}" for name, value in HEADERS.items()]]
    completed = subprocess.run([*command, url], capture_output=True, text=True, check=True, timeout=seconds + 30)
    return loadgen.parse_wrk("\n".join(line.rstrip() for line in completed.stdout.splitlines()))


def many(port, path, count, workers=8):
    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(lambda _: get(port, path), range(count)))


def stale_after_edit(fleet, count):
    many(fleet.proxy, "/states/fra/", 50)  # both instances have the page cached
    name = f"France (renamed {time.time():.0f})"
    fleet.shell(f"from treaty.models import State; s = State.objects.get(iso3='FRA'); s.name = {name!r}; s.save()")
    offset = fleet.log_size()
    pages = many(fleet.proxy, "/states/fra/", count)
    upstreams = set()
    with open(fleet.dir / "log" / "nginx-access.log", "rb") as log:
        log.seek(offset)
        for line in log.read().decode().splitlines():
            upstreams.update(part for part in line.split() if part.startswith("upstream="))
    return sum(status != 200 or name not in body for status, body in pages), len(upstreams)


def stale_after_schedule(fleet, count):
    slug = f"bench-scheduled-{time.time():.0f}"
    publish_at = float(
        fleet.shell(
            "from datetime import timedelta\nfrom django.utils import timezone\n"
            "from timeline.dates import Precision\nfrom timeline.models import Category, Event\n"
            "at = timezone.now() + timedelta(seconds=3)\n"
            f"Event.objects.create(title='Scheduled for the bench', slug={slug!r}, date=timezone.localdate(),"
            " date_precision=Precision.DAY, category=Category.objects.first(), summary='S.', status='published',"
            " publish_at=at)\nprint(at.timestamp())"
        )
    )
    path = f"/timeline/{slug}/"
    many(fleet.proxy, path, 50)  # the "not yet" page, on both instances
    time.sleep(max(0.0, publish_at - time.time()) + 0.01)
    return sum(status != 200 for status, _ in many(fleet.proxy, path, count))


def under_wrk(fleet, wrk, action, seconds=20, connections=32, path="/states/"):
    """wrk through nginx for `seconds`, `action(fleet)` from 5 s in: (wrk result, responses ≥ 500, responses)."""
    offset = fleet.log_size()
    box = {}
    thread = threading.Thread(
        target=lambda: box.update(
            result=run_wrk(f"http://{HOST}:{fleet.proxy}{path}", seconds=seconds, connections=connections, wrk=wrk)
        )
    )  # fmt: skip
    thread.start()
    time.sleep(5)
    action(fleet)
    thread.join()
    statuses = fleet.statuses_since(offset)
    return box["result"], sum(status >= 500 for status in statuses), len(statuses)


def restart_redis(fleet):
    fleet.run("stop-redis")
    time.sleep(5)
    fleet.run("start-redis")


def restart_instance(fleet):
    fleet.run("stop-app", str(fleet.apps[0]))
    time.sleep(5)
    fleet.run("start-app", str(fleet.apps[0]))


def warm(fleet, wrk, seconds):
    rows = {}
    for path in WARM_PAGES:
        many(fleet.proxy, path, 20)
        rows[path] = run_wrk(f"http://{HOST}:{fleet.proxy}{path}", seconds=seconds, wrk=wrk)
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--seconds", type=int, default=20, help="wrk's duration under Redis/instance restarts")
    parser.add_argument("--warm-seconds", type=int, default=8)
    parser.add_argument("--results", action="store_true", help="append the report to bench/RESULTS.md")
    options = parser.parse_args()
    wrk = loadgen.find_wrk(install=True)
    if wrk is None:
        raise SystemExit("wrk is not installed and could not be installed (apt-get install wrk).")
    directory = ROOT / "var" / "bench" / "cluster"
    fleet = Fleet(directory, "ottawa_bench_cluster")
    print("Starting the fleet (scripts/cluster.sh start)…", flush=True)
    fleet.run("start")
    try:
        print("Stale responses after an edit…", flush=True)
        stale_edit, upstreams = stale_after_edit(fleet, options.requests)
        print("Stale responses after a scheduled time…", flush=True)
        stale_schedule = stale_after_schedule(fleet, options.requests)
        print("Redis stopped and started under wrk…", flush=True)
        redis_result, redis_5xx, redis_logged = under_wrk(fleet, wrk, restart_redis, options.seconds)
        print("One instance stopped and started under wrk…", flush=True)
        app_result, app_5xx, app_logged = under_wrk(fleet, wrk, restart_instance, options.seconds)
        time.sleep(6)  # nginx puts the restarted instance back after fail_timeout
        print("Warm pages, two instances…", flush=True)
        two = warm(fleet, wrk, options.warm_seconds)
        fleet.run("stop-app", str(fleet.apps[1]))
        time.sleep(6)
        print("Warm pages, one instance…", flush=True)
        one = warm(fleet, wrk, options.warm_seconds)
    finally:
        fleet.run("stop")

    cpus = os.cpu_count()
    lines = [
        HEADING,
        "",
        f"`make bench-cluster` (bench/cluster.py), {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {cpus} CPUs, "
        f"{platform.system()} {platform.release()}, load average {os.getloadavg()[0]:.2f}; "
        f"{loadgen.wrk_version(wrk)}. nginx on loopback in front of two gunicorn instances (gunicorn.conf.py: "
        "2 workers each), PostgreSQL, a private Redis (maxmemory 256mb, allkeys-lru) as the page cache.",
        "",
        "| What | Result | Target |",
        "|---|---|---|",
        f"| Stale responses in {options.requests:,} anonymous requests after an edit in another process "
        f"(`/states/fra/`, {upstreams} instances answered) | {stale_edit} | 0 |",
        f"| Stale responses in {options.requests:,} requests after a scheduled publication time passed | "
        f"{stale_schedule} | 0 |",
        f"| Responses ≥ 500 while Redis is stopped for 5 s and started, `wrk -c 32 -d {options.seconds}s` "
        f"(`/states/`, {redis_logged:,} responses) | {redis_5xx} | 0 |",
        f"| Responses ≥ 500 while one instance is stopped for 5 s and started, `wrk -c 32 -d {options.seconds}s` "
        f"({app_logged:,} responses) | {app_5xx} | 0 |",
        f"| Socket errors seen by wrk in those two runs | {redis_result.socket_errors} and "
        f"{app_result.socket_errors} | 0 |",
        "",
        f"Warm pages through nginx, `wrk -c 32 -d {options.warm_seconds}s` each, two instances, then one (the "
        "other stopped), same run:",
        "",
        "| Page | Two instances: req/s | p99 | One instance: req/s | p99 |",
        "|---|---|---|---|---|",
    ]
    for path in WARM_PAGES:
        a, b = two[path], one[path]
        lines.append(f"| `{path}` | {a.rps:,.0f} | {a.p99_ms or 0:.1f} ms | {b.rps:,.0f} | {b.p99_ms or 0:.1f} ms |")
    lines += [
        "",
        f"On {cpus} CPUs the instances, nginx, PostgreSQL and wrk share the same cores, so a second instance adds "
        "capacity only where the machine has idle CPU; what it buys here is that a stopped instance or Redis costs "
        "no request.",
        "",
    ]
    report = "\n".join(lines)
    print("\n" + report)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "cluster-latest.md").write_text(report)
    if options.results:
        with open(ROOT / "bench" / "RESULTS.md", "a", encoding="utf-8") as results:
            results.write("\n" + report)


if __name__ == "__main__":
    main()
