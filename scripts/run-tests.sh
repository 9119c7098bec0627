#!/usr/bin/env bash
# Install everything the tests need (Chromium and CJK fonts, Varnish with its xkey module too) and run the whole suite twice,
# at the same time (one core each): on SQLite with the in-process cache (development), shown as it runs, and on
# PostgreSQL + Redis (production), shown when both are done. Arguments go to pytest in both runs.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_URL="postgres://postgres@127.0.0.1:5432/newsdesk"
REDIS_URL="redis://127.0.0.1:6379/1"   # database 1: the tests' own, flushed before each run
# The worker tests' brokers (tests/jobs/test_worker.py), one per run: emptied before each worker starts.
SQLITE_BROKER_URL="redis://127.0.0.1:6379/2"
PG_BROKER_URL="redis://127.0.0.1:6379/3"

packages=()
command -v chromium >/dev/null || packages+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || packages+=(fonts-noto-cjk)
command -v pg_ctlcluster >/dev/null || packages+=(postgresql)
command -v redis-server >/dev/null || packages+=(redis-server)
command -v varnishd >/dev/null || packages+=(varnish)
ls /usr/lib/*/varnish/vmods/libvmod_xkey.so >/dev/null 2>&1 || packages+=(varnish-modules)
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
if [ "${#packages[@]}" -gt 0 ]; then
  $SUDO apt-get update -q
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${packages[@]}"
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt

wait_for() {  # wait_for WHAT COMMAND...: up to 30 s
  for _ in $(seq 60); do "${@:2}" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "$1 did not answer in 30 s" >&2; return 1
}

# PostgreSQL and Redis: start whichever is down, then wait until it answers.
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start
fi
wait_for PostgreSQL pg_isready -q -h 127.0.0.1 -p 5432
if [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" != "PONG" ]; then
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
fi
wait_for Redis sh -c '[ "$(redis-cli -h 127.0.0.1 -p 6379 ping)" = PONG ]'
# pytest-django creates (and drops) test_newsdesk itself; the database named in the URL should exist too.
psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'newsdesk'" | grep -q 1 \
  || createdb -h 127.0.0.1 -U postgres newsdesk

export DJANGO_ALLOW_ASYNC_UNSAFE=true
unset DJANGO_ENV DJANGO_DEBUG DJANGO_SECRET_KEY DATABASE_URL CACHE_URL

run() {  # run LABEL LOG [VAR=value...] -- pytest arguments (LOG "-": the terminal)
  local label="$1" log="$2"; shift 2
  local vars=(); while [ "$1" != "--" ]; do vars+=("$1"); shift; done; shift
  local start=$SECONDS status=0
  if [ "$log" = "-" ]; then
    echo; echo "=== ${label} ==="
    env ${vars[@]+"${vars[@]}"} .venv/bin/python -m pytest --durations=30 "$@" || status=$?
  else
    env ${vars[@]+"${vars[@]}"} .venv/bin/python -m pytest --durations=30 "$@" >"$log" 2>&1 || status=$?
  fi
  echo "${label}: exit ${status}, $((SECONDS - start)) s" >>"$summary"
}

work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
summary="$work/summary"; : >"$summary"
(
  # One PostgreSQL + Redis run at a time on this machine: runs share test_newsdesk and Redis databases 1, 3 and 14.
  exec 9>"${TMPDIR:-/tmp}/newsdesk-tests-postgres.lock"
  flock 9
  redis-cli -h 127.0.0.1 -p 6379 -n 1 flushdb >/dev/null
  run "PostgreSQL + Redis" "$work/postgres.log" DATABASE_URL="$PG_URL" CACHE_URL="$REDIS_URL" \
    NEWSDESK_TEST_BROKER_URL="$PG_BROKER_URL" -- "$@"
) &
postgres=$!
run "SQLite, in-process cache" - NEWSDESK_TEST_BROKER_URL="$SQLITE_BROKER_URL" -- "$@"
wait "$postgres" || true
echo; echo "=== PostgreSQL + Redis ==="
cat "$work/postgres.log"

echo
cat "$summary"
! grep -qv ": exit 0," "$summary"
