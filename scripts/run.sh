#!/usr/bin/env bash
# `make run`: migrate, ingest seeds/, then serve the site (Django's development server) with one
# background worker beside it, which extracts what editors save in the admin and what
# `ingest --enqueue` queues. The worker stops when the server stops (Ctrl+C).
#
# Environment: DATABASE_URL (default SQLite db.sqlite3), BIND (127.0.0.1:8000).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

"$PY" manage.py migrate --noinput
"$PY" manage.py ingest seeds/

# In a session of its own, so that Ctrl+C reaches only the server and the worker hears exactly one
# SIGTERM, below: it then finishes the task in hand and exits (a second signal would abandon it).
# No autoreload: a reloading worker is killed mid-task whenever it restarts.
setsid "$PY" manage.py db_worker --no-reload &
worker=$!
stop_worker() {
  kill -TERM "$worker" 2>/dev/null || true
  wait "$worker" 2>/dev/null || true
}
trap stop_worker EXIT

"$PY" manage.py runserver "${BIND:-127.0.0.1:8000}"
