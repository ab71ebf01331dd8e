"""
Export benchmark: 100,000 synthetic rows streamed to CSV through the real export code, timed, with peak memory.

    python bench/export_csv.py                # 100,000 rows (make bench-export)
    python bench/export_csv.py --rows 20000   # another number of rows

The rows are the "change history of treaty records" dataset (exports.datasets), the one that grows without bound:
the script makes a throw-away SQLite database, var/bench/export.sqlite3 (never var/db.sqlite3), migrates and seeds
it, and adds one synthetic change of a State's public note per row, by a user, a minute apart, from 1 January 2030.
A fresh Python process then exports them exactly as /exports/ and `export_records` do (exports.services.start_export:
the dataset's query, the field-by-field comparison, the CSV writer, the log), and measures:

- wall and CPU time, rows per second and the file's size, for the whole export;
- the process's peak resident memory (ru_maxrss) before and after that export;
- the peak of Python's own allocations (tracemalloc) while exporting the first tenth of the rows and all of them:
  if the CSV really streams row by row, the two peaks are about the same.

The report is printed and written to bench/out/export-latest.md. See bench/README.md.
"""

import argparse
import io
import json
import os
import platform
import resource
import secrets
import subprocess
import sys
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = ROOT / "var" / "bench" / "export.sqlite3"
OUT = ROOT / "bench" / "out"
FIRST_CHANGE = datetime(2030, 1, 1, tzinfo=UTC)
BATCH = 5000
FLAT_TARGET = 1.5


def environment():
    return {
        "DJANGO_SETTINGS_MODULE": "ottawa.settings",
        "DJANGO_READ_DOT_ENV": "false",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{DATABASE}",
        "LOG_LEVEL": "WARNING",
    }


def setup_django():
    sys.path.insert(0, str(ROOT))
    for key, value in environment().items():
        os.environ.setdefault(key, value)
    import django

    django.setup()


# --- Data ---------------------------------------------------------------------------------------------------------


def prepare(rows):
    """A fresh database: migrated, seeded, plus `rows` synthetic changes (one changed field each)."""
    from django.core.management import call_command

    DATABASE.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DATABASE}{suffix}").unlink(missing_ok=True)
    call_command("migrate", interactive=False, verbosity=0)
    call_command("seed", stdout=io.StringIO())
    add_changes(rows)


def add_changes(rows):
    """`rows` historical versions of States, each changing the public note, spread over the 197 States."""
    from django.contrib.auth import get_user_model

    from treaty.models import State

    user, _ = get_user_model().objects.get_or_create(username="bench-editor")
    history = State.history.model
    copied = [field.attname for field in history._meta.concrete_fields if not field.name.startswith("history_")]
    states = list(State.objects.order_by("pk"))
    batch = []
    for number in range(rows):
        state = states[number % len(states)]
        values = {name: getattr(state, name) for name in copied if hasattr(state, name)}
        note = f"Synthetic change {number}: checked against the depositary notification, “quoted”, ok."
        values["note"] = values["note_en"] = note  # the English text, the column its history compares
        batch.append(
            history(
                **values,
                history_date=FIRST_CHANGE + timedelta(minutes=number),
                history_type="~",
                history_user=user,
                history_change_reason="bench",
            )
        )
        if len(batch) == BATCH:
            history.objects.bulk_create(batch)
            batch = []
    history.objects.bulk_create(batch)


# --- Measurement (in a fresh process) -----------------------------------------------------------------------------


def export(filters):
    """Run the real export of the treaty history to CSV; return (rows, bytes). The file goes nowhere."""
    from django.utils import timezone

    from exports import datasets
    from exports.services import start_export

    dataset = datasets.get("treaty-history")
    form = dataset.form(filters)
    assert form.is_valid(), form.errors  # noqa: S101 - a benchmark's own sanity check
    result = start_export(
        dataset=dataset,
        export_format="csv",
        objects=dataset.objects(form),
        filters=dataset.log_filters(form),
        source="command",
        username="bench",
        stem=dataset.file_stem(form, today=timezone.localdate()),
    )
    size = sum(len(chunk) for chunk in result.chunks)
    return result.log.row_count, size


def peak_python_memory(filters):
    tracemalloc.start()
    try:
        rows, _ = export(filters)
        return rows, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def maxrss_bytes():
    usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return usage if sys.platform == "darwin" else usage * 1024  # Linux reports KiB


def measure(rows):
    """In this (fresh) process: the timed export of everything, then the two tracemalloc runs."""
    setup_django()
    everything = {"from": FIRST_CHANGE.date().isoformat()}
    last_day = (FIRST_CHANGE + timedelta(minutes=rows // 10 - 1)).date()
    a_tenth = {**everything, "to": last_day.isoformat()}
    export({"from": "2100-01-01"})  # warm up: imports, the first query
    rss_before = maxrss_bytes()
    wall, cpu = time.perf_counter(), time.process_time()
    exported, size = export(everything)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    rss_after = maxrss_bytes()
    small_rows, small_peak = peak_python_memory(a_tenth)
    large_rows, large_peak = peak_python_memory(everything)
    return {
        "rows": exported,
        "bytes": size,
        "wall_s": wall,
        "cpu_s": cpu,
        "rss_before": rss_before,
        "rss_after": rss_after,
        "tracemalloc": [[small_rows, small_peak], [large_rows, large_peak]],
    }


# --- Report -------------------------------------------------------------------------------------------------------


def mib(value):
    return f"{value / 1024 / 1024:.1f} MiB"


def report(result, *, prepare_s):
    import django

    small, large = result["tracemalloc"]
    ratio = large[1] / small[1] if small[1] else float("nan")
    lines = [
        "# Export benchmark",
        "",
        f"- **Date:** {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- **Machine:** {os.cpu_count()} CPUs, {platform.system()} {platform.release()}; "
        f"load average {os.getloadavg()[0]:.2f}",
        f"- **Software:** Python {platform.python_version()}, Django {django.get_version()}, SQLite",
        f"- **Data:** {result['rows']:,} rows of the treaty history (synthetic changes) in var/bench/export.sqlite3, "
        f"prepared in {prepare_s:.1f} s",
        "",
        "| What | Result |",
        "|---|---|",
        f"| Rows exported to CSV | {result['rows']:,} |",
        f"| File size | {mib(result['bytes'])} |",
        f"| Wall time | {result['wall_s']:.2f} s ({result['rows'] / result['wall_s']:,.0f} rows/s) |",
        f"| CPU time | {result['cpu_s']:.2f} s |",
        f"| Peak RSS of the process, before → after the export | {mib(result['rss_before'])} → "
        f"{mib(result['rss_after'])} |",
        f"| Peak Python allocations (tracemalloc), {small[0]:,} rows | {mib(small[1])} |",
        f"| Peak Python allocations (tracemalloc), {large[0]:,} rows | {mib(large[1])} ({ratio:.2f}× for "
        f"{large[0] / small[0]:.0f}× the rows) |",
        f"| Memory flat (target: peak for all rows ≤ {FLAT_TARGET}× the peak for a tenth) | "
        f"{'met' if ratio <= FLAT_TARGET else 'missed'} |",
        "",
        "Memory is flat when the peak for all rows is about the peak for a tenth of them: the CSV is written row by "
        "row and sent in 64 KiB chunks; only one previous version per State is kept to compare with.",
    ]
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000, help="Synthetic rows to export (default 100,000).")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args(argv)
    if args.rows < 10:
        parser.error("--rows must be at least 10")
    if args.measure:
        print(json.dumps(measure(args.rows)))
        return
    env = {**os.environ, **environment()}
    os.environ.update(env)
    setup_django()
    print(f"Preparing {DATABASE.relative_to(ROOT)} with {args.rows:,} synthetic rows…", flush=True)
    started = time.perf_counter()
    prepare(args.rows)
    prepare_s = time.perf_counter() - started
    print("Exporting (a fresh process)…", flush=True)
    child = subprocess.run(
        [sys.executable, __file__, "--measure", "--rows", str(args.rows)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    text = report(json.loads(child.stdout.strip().splitlines()[-1]), prepare_s=prepare_s)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "export-latest.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
