#!/usr/bin/env bash
# Run Newsdesk in production: install, migrate, collect static files, serve with gunicorn.
# Reads DJANGO_SECRET_KEY (required), DATABASE_URL, CACHE_URL, DJANGO_ALLOWED_HOSTS and the
# rest from the environment (README, "Production"); gunicorn's own settings are in
# deploy/gunicorn.conf.py. Put nginx in front with deploy/nginx.conf.
set -euo pipefail
cd "$(dirname "$0")/.."

export DJANGO_ENV=production
: "${DJANGO_SECRET_KEY:?must be set: python3 -c 'import secrets; print(secrets.token_urlsafe(50))'}"
[ -n "${DATABASE_URL:-}" ] || echo "DATABASE_URL is not set: using SQLite in db.sqlite3" >&2
[ -n "${CACHE_URL:-}" ] || echo "CACHE_URL is not set: each worker keeps its own in-process cache" >&2

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt

.venv/bin/python manage.py migrate --noinput
# Hashed, compressed copies in DJANGO_STATIC_ROOT (default staticfiles/), for whitenoise and nginx.
.venv/bin/python manage.py collectstatic --noinput --verbosity 0
exec .venv/bin/python -m gunicorn --config deploy/gunicorn.conf.py
