"""
Import benchmark: new timeline events imported from a CSV file through the admin's import code (timeline.resources,
django-import-export), timed the two ways the admin runs it, and compared with gunicorn's 30 s worker timeout.

    python bench/import_csv.py                  # 2,000 rows, the 100,000-row times extrapolated (linear)
    python bench/import_csv.py --rows 100000    # the real thing (about an hour on this machine)

The script makes a throw-away SQLite database, var/bench/import.sqlite3 (never var/db.sqlite3), migrates and seeds it,
writes a CSV of new events (no id: each row adds one) in the bundled categories, then times:

- the preview as the background job runs it (exports.imports.preview_import: a dry run that saves nothing, progress
  written every 250 rows), and
- the import itself, in one transaction, as "Confirm import" and the background job's apply_import do.

It prints rows, seconds and rows per second for each, the time 100,000 rows take, and the largest file the admin can
preview and apply within one request (the rows that fit in the worker timeout): files above IMPORT_SYNC_ROWS go to
the tasks worker, so that figure says whether the setting's default is safe.
"""

import argparse
import io
import os
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = ROOT / "var" / "bench" / "import.sqlite3"
WORKER_TIMEOUT = 30  # gunicorn's default, which `make run` and the README's deployment keep


def setup_django():
    sys.path.insert(0, str(ROOT))
    for key, value in {
        "DJANGO_SETTINGS_MODULE": "ottawa.settings",
        "DJANGO_READ_DOT_ENV": "false",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{DATABASE}",
        "LOG_LEVEL": "WARNING",
    }.items():
        os.environ.setdefault(key, value)
    import django

    django.setup()


def prepare():
    from django.core.management import call_command

    DATABASE.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DATABASE}{suffix}").unlink(missing_ok=True)
    call_command("migrate", interactive=False, verbosity=0)
    call_command("seed", stdout=io.StringIO())


def csv_of(rows):
    from tablib import Dataset

    from timeline.models import Category

    categories = list(Category.objects.values_list("slug", flat=True))
    dataset = Dataset(headers=["id", "slug", "title", "date", "date_precision", "category", "summary", "status"])
    for number in range(rows):
        dataset.append(
            [
                "",
                f"imported-event-{number}",
                f"Imported event {number}",
                f"{1991 + number % 35}-{1 + number % 12:02d}-{1 + number % 28:02d}",
                "day",
                categories[number % len(categories)],
                "An event from a spreadsheet.",
                "draft",
            ]
        )
    return dataset


def timed(function):
    started = time.perf_counter()
    result = function()
    return result, time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=2_000)
    rows = parser.parse_args().rows
    setup_django()
    prepare()
    from django.conf import settings

    from exports.imports import preview_import
    from exports.models import ImportJob
    from timeline.resources import EventResource

    dataset = csv_of(rows)
    job = ImportJob.objects.create(
        model="timeline.event",
        resource="timeline.resources.EventResource",
        format="csv",
        file_name="bench.csv",
        data=dataset.export("csv").encode(),
    )
    _, preview_seconds = timed(lambda: preview_import.call(job.pk))
    job.refresh_from_db()
    if job.status != ImportJob.Status.PREVIEWED or job.has_errors:
        sys.exit(f"The preview failed: {job.status}, {job.counts}, {job.message}")
    result, apply_seconds = timed(
        lambda: EventResource().import_data(dataset, dry_run=False, use_transactions=True, raise_errors=True)
    )
    if result.totals["new"] != rows:
        sys.exit(f"The import failed: {dict(result.totals)}")
    sync_seconds = preview_seconds + apply_seconds  # a synchronous import: preview request, then confirm request
    print(f"Import benchmark: {rows:,} new timeline events from CSV, SQLite, Django's tasks via django-tasks-db")
    print(f"  preview (dry run, background job): {preview_seconds:7.1f} s  {rows / preview_seconds:6.0f} rows/s")
    print(f"  apply (one transaction):           {apply_seconds:7.1f} s  {rows / apply_seconds:6.0f} rows/s")
    for label, seconds in (("preview", preview_seconds), ("apply", apply_seconds)):
        print(
            f"  100,000 rows, {label}: {seconds * 100_000 / rows / 60:.1f} min"
            + (" (measured)" if rows == 100_000 else " (extrapolated)")
        )
    fits = int(WORKER_TIMEOUT * rows / max(preview_seconds, apply_seconds))
    verdict = "safe" if fits >= settings.IMPORT_SYNC_ROWS else "too high"
    print(
        f"  rows that fit one request within gunicorn's {WORKER_TIMEOUT} s timeout: about {fits:,}; "
        f"IMPORT_SYNC_ROWS = {settings.IMPORT_SYNC_ROWS} is {verdict} (larger files run in the tasks worker)"
    )
    print(f"  a synchronous preview + confirm of these {rows:,} rows would take {sync_seconds:.1f} s in all")


if __name__ == "__main__":
    main()
