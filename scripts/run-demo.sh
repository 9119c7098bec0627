#!/usr/bin/env bash
# Install Newsdesk into .venv, load the demo content into SQLite, serve it and run its periodic jobs.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${PORT:-8000}"
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt

export DJANGO_DEBUG="${DJANGO_DEBUG:-true}"
.venv/bin/python manage.py migrate --noinput --verbosity 0
.venv/bin/python manage.py import_articles demo/demo.json
LOGIN="$(.venv/bin/python manage.py ensure_demo_editor | sed 's/^/  /')"

# The periodic jobs (feeds polled, originals re-checked, scheduled stories announced, cleanups) come from
# beat, as in production; without a broker it runs each job in its own process. It stops with the server.
BEAT_DIR="$(mktemp -d)"
.venv/bin/python -m celery -A jobs.worker beat --loglevel=WARNING --schedule="$BEAT_DIR/celerybeat-schedule" &
BEAT=$!
trap 'kill "$BEAT" 2>/dev/null || true; wait "$BEAT" 2>/dev/null || true; rm -rf "$BEAT_DIR"' EXIT
trap 'exit 130' INT TERM

cat <<INFO

  Newsdesk is running at  http://127.0.0.1:${PORT}/
  Editors' admin:         http://127.0.0.1:${PORT}/admin/
${LOGIN}

  Stop with Ctrl-C.
INFO
# --noreload: one process, which Ctrl-C stops at once; a demo has no code being edited to reload.
.venv/bin/python manage.py runserver --noreload "127.0.0.1:${PORT}"
