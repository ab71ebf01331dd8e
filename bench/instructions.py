"""
Count the instructions of a cold render with valgrind's callgrind: unlike CPU time, the count does not change with
what else the machine is doing, so two commits can be compared on this shared VM within a fraction of a percent.

    python bench/instructions.py                 # `make bench-instructions`: /states/, about two minutes
    python bench/instructions.py / /timeline/    # other pages

For each page, two processes run under callgrind at once (one per core): both set Django up and render the page
5 times untimed (template compilation, lazy imports, SQLite's page cache); then one renders it RENDERS more times,
the cache cleared before each, and the other stops. The difference, divided by RENDERS, is one cold render.
Instructions are Python's own plus SQLite's (in the process); the count includes the test client's small overhead.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import loadgen, probe
from bench.run import PROBE_HEADERS, bench_environment

RENDERS = 10
COLLECTED = re.compile(r"Collected : (\d+)")
# Fixed, so that both processes (and every run) hash, and so branch, the same way.
ENVIRONMENT = {"PYTHONHASHSEED": "0", "DJANGO_SECRET_KEY": "instruction-count-" + "x" * 40}


def child(path, renders):
    """Inside callgrind: warm up, then `renders` cold renders of `path`."""
    import django
    from django.core.cache import cache
    from django.test import Client

    django.setup()
    client = Client(headers=PROBE_HEADERS, raise_request_exception=False)
    for _ in range(probe.WARM_UP_RENDERS + renders):
        cache.clear()
        client.get(path)


def count(valgrind, path):
    """Instructions of one cold render of `path`."""
    environment = {**os.environ, **ENVIRONMENT}
    callgrind = [valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    processes = [
        subprocess.Popen(
            [*callgrind, sys.executable, __file__, "--child", path, str(renders)],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for renders in (0, RENDERS)
    ]
    totals = []
    for process in processes:
        _, errors = process.communicate()
        match = COLLECTED.search(errors)
        if process.returncode != 0 or not match:
            raise SystemExit(f"callgrind failed for {path}:\n{errors[-2000:]}")
        totals.append(int(match[1]))
    return (totals[1] - totals[0]) / RENDERS


def main(paths):
    valgrind = loadgen.find_or_install("valgrind", install=True)
    if valgrind is None:
        raise SystemExit("valgrind is not installed and could not be installed (apt-get install valgrind needs root).")
    os.environ.update({**bench_environment(), **ENVIRONMENT})
    import django

    django.setup()
    print("Preparing the throw-away database (var/bench/db.sqlite3)…", flush=True)
    probe.prepare()
    for path in paths:
        print(f"`{path}`: {count(valgrind, path) / 1e6:.1f} million instructions per cold render", flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        os.environ.update({**bench_environment(), **ENVIRONMENT})
        child(sys.argv[2], int(sys.argv[3]))
    else:
        main(sys.argv[1:] or ["/states/"])
