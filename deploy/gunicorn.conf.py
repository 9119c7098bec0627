"""gunicorn settings for Newsdesk in production.

    gunicorn --config deploy/gunicorn.conf.py

(scripts/run-production.sh does that after migrating and collecting static
files). Each value can be changed from the environment, as the comments say.
"""

import gc
import os

wsgi_app = "newsdesk.wsgi:application"

# Loopback only: nginx (deploy/nginx.conf) is the public face. GUNICORN_BIND takes
# several addresses separated by commas, e.g. "unix:/run/newsdesk.sock".
bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}").split(",")

# Sync workers, one per core: every request is CPU work in Django (rendering, SQL
# on a local database), so more processes than cores only adds switching.
cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
workers = int(os.environ.get("GUNICORN_WORKERS") or os.environ.get("WEB_CONCURRENCY") or cores)
worker_class = "sync"

# Load Django once in the master and fork: workers start fast and share memory
# pages. Nothing opens a database or Redis connection at import time, so no
# connection is shared across the fork.
preload_app = True


def refuse_per_process_cache(workers: int) -> None:
    """Several workers must share one page cache, or one keeps serving what another has renewed.

    With the in-process cache, a story unpublished through one worker would
    stay public in the others' copies until those expired.
    """
    from django.conf import settings

    if workers > 1 and settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache":
        raise RuntimeError(
            f"{workers} workers cannot each keep their own page cache: set CACHE_URL to a cache they "
            "share (e.g. CACHE_URL=redis://127.0.0.1:6379/0), or run one worker (GUNICORN_WORKERS=1)."
        )


def on_starting(server):
    """Runs in the master once the app is loaded (preload_app), before any worker starts."""
    refuse_per_process_cache(server.cfg.workers)


def pre_fork(server, worker):
    """Move what the master loaded (Django, the app, its modules) out of the garbage collector's reach.

    None of it is ever garbage. Frozen, it is left out of a worker's full
    collections, which then scan only what requests create (walking
    everything cost about 0.2 ms a request on the article page), and those
    collections no longer write to the memory pages the worker shares with
    the master, which would copy them.
    """
    gc.freeze()


# A request that takes longer than this is killed (and logged), its worker replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30

# Replace each worker after this many requests (plus up to 10% so they don't all
# restart at once): a guard against slow leaks, cheap with preload_app.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 10

# Worker heartbeats in memory, not on a disk that may stall.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# Logs to stdout/stderr (journald, docker or a terminal collect them). "-" as
# GUNICORN_ACCESS_LOG keeps it; an empty value turns the access log off.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The usual combined format, plus the time taken in milliseconds.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'

# Trust X-Forwarded-* only from nginx on this machine.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

proc_name = "newsdesk"
