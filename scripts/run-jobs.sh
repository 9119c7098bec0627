#!/usr/bin/env bash
# Run Newsdesk's background jobs in production: `run-jobs.sh worker` (the Celery worker) or
# `run-jobs.sh beat` (the periodic jobs' clock; run exactly one). Reads the same environment as
# run-production.sh, and CELERY_BROKER_URL (Redis) above all (docs/deployment.md, "Jobs").
set -euo pipefail
cd "$(dirname "$0")/.."

export DJANGO_ENV=production
: "${DJANGO_SECRET_KEY:?must be set, as for run-production.sh}"
: "${CELERY_BROKER_URL:?must be set: the Redis the web processes queue jobs on, e.g. redis://127.0.0.1:6379/2}"

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt

case "${1:-}" in
  worker)
    # One process per core; each takes one job at a time (settings: acks late, prefetch 1).
    exec .venv/bin/python -m celery -A jobs.worker worker --loglevel="${JOBS_LOG_LEVEL:-INFO}" \
      --concurrency="${JOBS_CONCURRENCY:-2}" --without-gossip --without-mingle
    ;;
  beat)
    exec .venv/bin/python -m celery -A jobs.worker beat --loglevel="${JOBS_LOG_LEVEL:-INFO}" \
      --schedule="${JOBS_BEAT_SCHEDULE_FILE:-/var/lib/newsdesk/celerybeat-schedule}"
    ;;
  *)
    echo "usage: $0 worker|beat" >&2
    exit 2
    ;;
esac
