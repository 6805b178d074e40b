#!/usr/bin/env bash
# Serve civicnews as production does: DEBUG off, static files collected under hashed names and
# served by WhiteNoise, gunicorn workers. Used by `make serve`; the benchmark starts it the same way.
#
# Environment: DATABASE_URL (default SQLite db.sqlite3), SECRET_KEY (default: one generated once
# into .secret_key), BIND (127.0.0.1:8000), WEB_WORKERS (2), ALLOWED_HOSTS (127.0.0.1,localhost),
# SECURE_SSL_REDIRECT (0 here: plain HTTP on this machine; leave it on behind an HTTPS proxy).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

if [ -z "${SECRET_KEY:-}" ]; then
  if [ ! -s .secret_key ]; then
    (umask 077 && "$PY" -c 'import secrets; print(secrets.token_urlsafe(50))' > .secret_key)
  fi
  SECRET_KEY="$(cat .secret_key)"
fi
export SECRET_KEY DEBUG=0
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"
export SECURE_SSL_REDIRECT="${SECURE_SSL_REDIRECT:-0}"

"$PY" manage.py collectstatic --noinput -v0
"$PY" manage.py migrate --noinput -v0
exec .venv/bin/gunicorn civicnews.wsgi:application \
  --bind "${BIND:-127.0.0.1:8000}" --workers "${WEB_WORKERS:-2}" \
  --access-logfile - --error-logfile - "$@"
