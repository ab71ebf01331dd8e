# Ottawa — one target per task. `make run` and `make test` do all set-up on a fresh clone.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PYTEST_ARGS ?=
# Test processes (pytest-xdist): one per core. A class's or a module's tests stay in one process (--dist loadscope),
# so its set-up data is made once, and each process takes them in pytest-django's order (--no-loadscope-reorder): the
# tests that empty the database between them (live server, TransactionTestCase) come after those that need what the
# migrations wrote (the editorial roles). TEST_PROCESSES=0 runs the suite in this process alone.
TEST_PROCESSES ?= 2
BENCH_ARGS ?=

# The interpreter that creates .venv: the one .python-version names (through pyenv when it is there),
# else python3.13, python3.12, python3 — the first that is 3.12 or newer.
define find_python
for candidate in "$$(pyenv which python 2>/dev/null)" "python$$(cat .python-version 2>/dev/null)" python3.13 python3.12 python3; do \
  path=$$(command -v "$$candidate" 2>/dev/null) || continue; \
  "$$path" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { echo "$$path"; exit 0; }; \
done; exit 1
endef

.PHONY: help prepare locale messages run dev test lint format audit bench bench-scale bench-export bench-import bench-freshness \
	bench-instructions bench-cluster release cluster cluster-stop clean

help:
	@echo "make run    serve the site as production does (gunicorn, DEBUG off) on http://127.0.0.1:$(PORT)"
	@echo "make test   run the whole test suite (set DATABASE_URL=postgres://... for PostgreSQL)"
	@echo "make dev    runserver with auto-reload and DEBUG on"
	@echo "make locale  compile the interface's translations (locale/*.po → .mo; make run, dev and test do it)"
	@echo "make messages  add newly marked interface strings to the five catalogues, to translate"
	@echo "make cluster  two instances behind nginx, PostgreSQL and a private Redis on http://127.0.0.1:8080 (Ctrl+C stops)"
	@echo "make cluster-stop  stop what 'scripts/cluster.sh start' started"
	@echo "make release  the once-per-deploy step: migrate, seed, collectstatic (deploy/release.sh)"
	@echo "make lint   ruff (check and format), django-upgrade 6.1 and djade: checks only"
	@echo "make audit  known vulnerabilities in the pinned dependencies (pip-audit; needs PyPI's advisory data)"
	@echo "make bench  load-test the public pages (see bench/README.md)"
	@echo "make bench-export  export 100,000 synthetic rows to CSV: time and peak memory"
	@echo "make bench-import  import 100,000 rows as the admin's background import does: rows/s and total time"
	@echo "make bench-freshness  stale responses after edits, Redis outage under wrk, a stalled database (issue 15)"
	@echo "make bench-instructions  instructions of a cold render of /states/ (valgrind): compare commits"

$(PY):
	@python=$$($(find_python)) || { echo "Ottawa needs Python 3.12 or newer (3.13 preferred): install one (e.g. 'pyenv install 3.13') and run make again." >&2; exit 1; }; \
	echo "Creating $(VENV) with $$python"; \
	"$$python" -m venv $(VENV) && $(PY) -m pip install --quiet --upgrade pip

$(VENV)/.run-deps: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev-deps: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.run-deps

# A local .env for plain-HTTP localhost, with a fresh secret key. Never overwritten once it exists.
.env: | $(PY)
	@key=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))'); \
	printf '%s\n' \
	  "# Written by 'make run' for serving on http://127.0.0.1 (plain HTTP, this machine only)." \
	  "# It relaxes the production defaults that need HTTPS: SSL redirect, HSTS and secure-only cookies." \
	  "# Do not use this file in production; see .env.example for every setting." \
	  "DJANGO_SECRET_KEY=$$key" \
	  "DJANGO_DEBUG=false" \
	  "DJANGO_ALLOWED_HOSTS=localhost,127.0.0.1,[::1]" \
	  "DJANGO_SECURE_SSL_REDIRECT=false" \
	  "DJANGO_SECURE_HSTS_SECONDS=0" \
	  "DJANGO_SECURE_COOKIES=false" \
	  "DJANGO_SERVE_MEDIA=true" > $@
	@echo "Wrote .env with a fresh secret key."

# The interface's translations (issue 19): the committed catalogues locale/*/LC_MESSAGES/django.po compiled to .mo
# files (build output, not committed) by gettext's msgfmt (Debian: apt install gettext).
locale: $(VENV)/.run-deps
	DJANGO_DEBUG=true $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules --ignore=var

# After marking new interface strings: add them to the five catalogues (then translate them, and `make locale`). The
# admin is English and keeps Django's and django-simple-history's own catalogues.
messages: $(VENV)/.run-deps
	DJANGO_DEBUG=true $(PY) manage.py makemessages -l fr -l es -l ar -l ru -l zh_Hans \
	  --ignore=.venv --ignore=node_modules --ignore=var --ignore=templates/admin

prepare: $(VENV)/.run-deps .env locale
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed
	$(PY) manage.py collectstatic --noinput --verbosity 0

run: prepare
	@echo ""
	@echo "  Ottawa is served at http://127.0.0.1:$(PORT)/  (gunicorn, DEBUG off; Ctrl+C stops it)"
	@echo "  Admin: http://127.0.0.1:$(PORT)/admin/ — create an account with: $(PY) manage.py createsuperuser"
	@echo ""
	@# Two processes: the tasks worker (large imports, exports.imports) in the background, gunicorn in front. Ctrl+C
	@# reaches both (one process group); the trap stops the worker whichever way gunicorn ends.
	@$(PY) manage.py db_worker --interval 1 & worker=$$!; trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; \
	GUNICORN_BIND=127.0.0.1:$(PORT) GUNICORN_WORKERS=2 GUNICORN_FORWARDED_ALLOW_IPS="" $(VENV)/bin/gunicorn --config gunicorn.conf.py

dev: $(VENV)/.dev-deps .env locale
	@mkdir -p var
	DJANGO_DEBUG=true $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=true $(PY) manage.py seed
	DJANGO_DEBUG=true $(PY) manage.py runserver 127.0.0.1:$(PORT)

# The W3C Nu Html Checker for tests/validation, from the npm registry (it runs on the machine's Java). Without npm the
# test is skipped and says why.
VNU_VERSION := 26.9.27
VNU_JAR := node_modules/vnu-jar/build/dist/vnu.jar
$(VNU_JAR):
	@if command -v npm >/dev/null 2>&1; then \
	  npm install --prefix "$(CURDIR)" --no-save --no-audit --no-fund --loglevel=error vnu-jar@$(VNU_VERSION) >/dev/null && echo "Installed the Nu Html Checker $(VNU_VERSION)"; \
	else echo "npm not found: the W3C Nu Html Checker test will be skipped"; fi

test: $(VENV)/.dev-deps $(VNU_JAR) locale
	$(VENV)/bin/pytest $(if $(filter 0,$(TEST_PROCESSES)),,-n $(TEST_PROCESSES) --dist loadscope --no-loadscope-reorder) $(PYTEST_ARGS)

# Our Python files and templates (not the virtualenv, not npm's folder).
PY_FILES = find . -name '*.py' -not -path './$(VENV)/*' -not -path './node_modules/*' -not -path './var/*' -print0
TEMPLATE_FILES = find templates -type f \( -name '*.html' -o -name '*.xml' -o -name '*.txt' \) -print0

lint: $(VENV)/.dev-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY_FILES) | xargs -0 $(VENV)/bin/django-upgrade --target-version 6.1 --check
	$(TEMPLATE_FILES) | xargs -0 $(VENV)/bin/djade --target-version 6.1 --check

# Every pinned dependency (requirements-dev.txt includes requirements.txt) against PyPI's advisory data. --strict:
# a package it could not look up fails the audit, rather than passing as "no known vulnerabilities".
audit: $(VENV)/.dev-deps
	$(VENV)/bin/pip-audit --strict --no-deps --disable-pip -r requirements-dev.txt

format: $(VENV)/.dev-deps
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(PY_FILES) | xargs -0 $(VENV)/bin/django-upgrade --target-version 6.1 --exit-zero-even-if-changed
	$(TEMPLATE_FILES) | xargs -0 $(VENV)/bin/djade --target-version 6.1

# The benchmark prepares its own throw-away database and environment (bench/run.py); it needs no .env.
bench: $(VENV)/.run-deps
	$(PY) bench/run.py $(BENCH_ARGS)

# Cold renders on the seeded data and on ten times as much (bench/scale.py).
bench-scale: $(VENV)/.run-deps
	$(PY) bench/scale.py

# Instructions per cold render under valgrind's callgrind: steady whatever else the machine does (bench/instructions.py).
bench-instructions: $(VENV)/.run-deps
	$(PY) bench/instructions.py $(BENCH_ARGS)

# The export benchmark makes its own throw-away database (var/bench/export.sqlite3): 100,000 rows to CSV.
bench-export: $(VENV)/.run-deps
	$(PY) bench/export_csv.py $(BENCH_ARGS)

# The import benchmark makes its own throw-away database (var/bench/import.sqlite3): BENCH_ARGS="--rows N".
bench-import: $(VENV)/.run-deps
	$(PY) bench/import_csv.py $(BENCH_ARGS)

# Issue 15's figures against `make run`'s server (bench/freshness.py): stale responses after edits, Redis stopped
# under wrk (a private redis-server on port 6391), a stalled PostgreSQL (BENCH_ARGS="--postgres postgres://…").
bench-freshness: $(VENV)/.run-deps
	$(PY) bench/freshness.py $(BENCH_ARGS)

# The release step, once per deploy before the instances (re)start: migrate, seed, collectstatic.
release: $(VENV)/.run-deps
	deploy/release.sh

# The fleet on loopback (scripts/cluster.sh): PostgreSQL on 5432, a private Redis on 6392, two gunicorn instances on
# 8081 and 8082, nginx on 8080. Ctrl+C (or `make cluster-stop` from another shell) stops exactly what it started.
cluster: $(VENV)/.run-deps
	scripts/cluster.sh up

cluster-stop:
	scripts/cluster.sh stop

# Through nginx with two instances, beside one: stale responses, 5xx while Redis and an instance restart, warm pages.
bench-cluster: $(VENV)/.run-deps
	$(PY) bench/cluster.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache node_modules
