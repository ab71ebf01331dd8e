#!/usr/bin/env bash
# The release step: run ONCE per deploy, before the instances start (or restart) on the new code — by
# `make release`, by scripts/cluster.sh, by deploy/systemd/ottawa-release.service. Never by each instance.
# Migrations first (they are backwards compatible with the code still running), then the bundled data (idempotent:
# editors' changes are kept), then the static files nginx serves and the compiled translations (gettext's msgfmt).
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
# A migration may rewrite a large table: no statement bound for it unless one is asked for (0: none).
DATABASE_STATEMENT_TIMEOUT="${RELEASE_STATEMENT_TIMEOUT:-0}" "$PY" manage.py migrate --noinput
"$PY" manage.py seed
"$PY" manage.py collectstatic --noinput --verbosity 0
"$PY" manage.py compilemessages --ignore=.venv --ignore=node_modules --ignore=var --verbosity 0
