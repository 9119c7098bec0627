#!/usr/bin/env bash
# Start Varnish in front of the app with deploy/varnish.vcl, the backend address filled in.
#
#   scripts/varnish.sh [--listen 127.0.0.1:6081] [--backend 127.0.0.1:8000] [--workdir DIR]
#                      [--memory 256m] [--refresh-connections N] [--foreground]
#
# --refresh-connections: how many background refreshes may run at once, gunicorn's workers less
# one (default: this machine's cores less one, at least 1), so that readers' misses find a worker.
# Without --foreground varnishd runs in the background (its pid in DIR/varnishd.pid; stop it with
# `kill $(cat DIR/varnishd.pid)`). Point the app at it with NEWSDESK_PURGE_URLS=http://LISTEN/.
set -euo pipefail
cd "$(dirname "$0")/.."

listen="127.0.0.1:6081" backend="127.0.0.1:8000" workdir="${TMPDIR:-/tmp}/newsdesk-varnish" memory="256m"
refresh=$(( $(nproc) > 1 ? $(nproc) - 1 : 1 ))
foreground=""
while [ $# -gt 0 ]; do
  case "$1" in
    --listen) listen="$2"; shift 2 ;;
    --backend) backend="$2"; shift 2 ;;
    --workdir) workdir="$2"; shift 2 ;;
    --memory) memory="$2"; shift 2 ;;
    --refresh-connections) refresh="$2"; shift 2 ;;
    --foreground) foreground="-F"; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

command -v varnishd >/dev/null || { echo "varnishd not found: apt-get install varnish varnish-modules" >&2; exit 1; }
mkdir -p "$workdir"
chmod 755 "$workdir"  # varnishd reads the VCL and writes its state as its own user
workdir="$(cd "$workdir" && pwd)"
host="${backend%:*}" port="${backend##*:}"
case "$refresh" in ''|*[!0-9]*|0) echo "--refresh-connections must be a whole number from 1" >&2; exit 2 ;; esac
sed -e "s/\.host = \"127\.0\.0\.1\";/.host = \"${host}\";/" -e "s/\.port = \"8000\";/.port = \"${port}\";/" \
  -e "s/\.max_connections = 1;/.max_connections = ${refresh};/" deploy/varnish.vcl > "$workdir/newsdesk.vcl"
chmod a+r "$workdir/newsdesk.vcl"

# -p feature=+http2 is not needed behind nginx; pages may carry many keys, so allow long headers.
exec varnishd $foreground -n "$workdir/state" -a "$listen" -f "$workdir/newsdesk.vcl" \
  -s "malloc,$memory" -P "$workdir/varnishd.pid" -p http_resp_hdr_len=65536 -p http_resp_size=98304 \
  -p workspace_backend=131072
