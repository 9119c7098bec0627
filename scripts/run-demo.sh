#!/usr/bin/env bash
# Install Newsdesk into .venv, load the demo content into SQLite and serve it.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${PORT:-8000}"
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt

export DJANGO_DEBUG="${DJANGO_DEBUG:-true}"
.venv/bin/python manage.py migrate --noinput --verbosity 0
.venv/bin/python manage.py import_articles demo/demo.json
LOGIN="$(.venv/bin/python manage.py ensure_demo_editor | sed 's/^/  /')"

cat <<INFO

  Newsdesk is running at  http://127.0.0.1:${PORT}/
  Editors' admin:         http://127.0.0.1:${PORT}/admin/
${LOGIN}

  Stop with Ctrl-C.
INFO
exec .venv/bin/python manage.py runserver "127.0.0.1:${PORT}"
