"""
Settings for the benchmark: the site's own settings, as the environment that `bench/run.py` sets makes them
(DEBUG off, production middleware, the site's real templates and static files), with four changes that keep the
benchmark apart from the public site and from a developer's data:

- the `bench` app is installed, for `manage.py synthesize` (synthetic data, `bench.synthetic`);
- the URLconf adds the bare view every target is a ratio against (`bench.urls`); the public site never has it;
- the database is a throw-away SQLite file in var/bench/, recreated, migrated and seeded on every run;
- static files are collected into var/bench/static.
"""

from ottawa.settings import *  # noqa: F403
from ottawa.settings import BASE_DIR, DATABASES, INSTALLED_APPS

BENCH_VAR = BASE_DIR / "var" / "bench"

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]

ROOT_URLCONF = "bench.urls"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(BENCH_VAR / "db.sqlite3"),
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "CONN_HEALTH_CHECKS": True,
    }
}

STATIC_ROOT = BENCH_VAR / "static"
