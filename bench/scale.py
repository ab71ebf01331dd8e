"""
Does a page's cold render stay flat as the data grows? Renders each public page with the cache cleared, on the
seeded database and again after `manage.py synthesize` has added ten times the data (10,000 events, 100,000
history records, 400 more States; the meetings and obligations are not multiplied), and reports CPU time, queries
and size side by side.

    python bench/scale.py          # `make bench-scale`; about two minutes
"""

import gc
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django
from django.core.management import call_command

from bench import probe
from bench.run import OUT, PROBE_HEADERS, bench_environment

PAGES = [
    "/",
    "/states/",
    "/states/fra/",
    "/fr/states/",
    "/ar/states/",
    "/timeline/",
    "/timeline/?page=2",
    "/timeline/oslo-diplomatic-conference/",
    "/ottawa-process/",
    "/timeline/eras/implementation/",
    "/anniversaries/20/",
    "/meetings/",
    "/meetings/1msp/",
    "/obligations/clearance/",
    "/obligations/stockpiles/",
    "/search/?q=conference",
    "/sitemap.xml",
    "/sitemap-events.xml",
    "/timeline/feed/",
]
RENDERS = 5


def measure():
    return {path: probe.cold_render(path, renders=RENDERS, headers=PROBE_HEADERS) for path in PAGES}


def main():
    os.environ.update(bench_environment())
    django.setup()
    print("Preparing the throw-away database (var/bench/db.sqlite3)…", flush=True)
    probe.prepare()
    print("Cold renders on the seeded data…", flush=True)
    before = measure()
    print("Adding 10,000 events, 400 States and 100,000 history records…", flush=True)
    call_command("synthesize", "--events", "10000", "--states", "400", "--history", "100000")
    gc.collect()  # the objects synthesize made are garbage now: collect them here, not inside a measurement
    print("Cold renders on ten times the data…", flush=True)
    measure()  # warm-up: SQLite's page cache and the first queries on the new data
    after = measure()
    lines = [
        "| Page | CPU, seeded | CPU, 10× | ratio | queries, seeded → 10× | size, seeded → 10× |",
        "|---|---|---|---|---|---|",
    ]
    for path in PAGES:
        (cpu0, q0, kib0), (cpu1, q1, kib1) = before[path], after[path]
        lines.append(
            f"| `{path}` | {cpu0:.1f} ms | {cpu1:.1f} ms | {cpu1 / cpu0:.2f}× | {q0} → {q1} | {kib0} → {kib1} KiB |"
        )
    text = "\n".join(lines)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "scale.md").write_text(text + "\n")
    print(f"\n{text}\n\nWritten to bench/out/scale.md", flush=True)


if __name__ == "__main__":
    main()
