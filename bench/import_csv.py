"""
Import benchmark: new timeline events imported from a CSV file through the admin's import code (timeline.resources,
django-import-export), timed, to compare with gunicorn's 30 s worker timeout that an import in the admin runs under.

    python bench/import_csv.py                  # 100,000 rows
    python bench/import_csv.py --rows 2000      # another number (a slower machine: try a small one first)

The script makes a throw-away SQLite database, var/bench/import.sqlite3 (never var/db.sqlite3), migrates and seeds it,
writes a CSV of new events (no id: each row adds one) in the bundled categories, and imports it once for real, in one
transaction, as the admin's "Confirm import" does; it prints rows, seconds and rows per second.
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    rows = parser.parse_args().rows
    setup_django()
    prepare()
    from timeline.resources import EventResource

    dataset = csv_of(rows)
    started = time.perf_counter()
    result = EventResource().import_data(dataset, dry_run=False, use_transactions=True, raise_errors=True)
    seconds = time.perf_counter() - started
    verdict = "within" if seconds < WORKER_TIMEOUT else "beyond"
    print(
        f"{rows} rows imported in {seconds:.1f} s ({rows / seconds:.0f} rows/s): {verdict} gunicorn's "
        f"{WORKER_TIMEOUT} s worker timeout. Rows: {dict(result.totals)}"
    )


if __name__ == "__main__":
    main()
