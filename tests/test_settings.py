"""The settings read the environment: development defaults, the production profile, and the real services."""

import json
import os
import uuid

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from tests.helpers import ROOT, on_postgresql, on_redis, run_python

PRODUCTION_KEY = "x" * 50

SHOW_SETTINGS = """
import json
import os
from django.conf import settings
db = settings.DATABASES["default"]
print(json.dumps({
    "db": {k: db.get(k) for k in ("ENGINE", "NAME", "USER", "HOST", "PORT", "CONN_MAX_AGE", "CONN_HEALTH_CHECKS", "OPTIONS")},
    "cache": settings.CACHES[os.environ.get("SHOW_CACHE", "default")],
    "session_engine": settings.SESSION_ENGINE,
    "staticfiles": settings.STORAGES["staticfiles"]["BACKEND"],
    "debug": settings.DEBUG,
    "allowed_hosts": settings.ALLOWED_HOSTS,
    "media_root": str(settings.MEDIA_ROOT),
    "static_root": str(settings.STATIC_ROOT),
    "require_review": settings.NEWSDESK_REQUIRE_REVIEW,
    "site_url": settings.NEWSDESK_SITE_URL,
}))
"""


def settings_for(**environ: str) -> dict:
    result = run_python("-c", SHOW_SETTINGS, **environ)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_development_defaults_are_sqlite_and_the_in_process_cache():
    shown = settings_for()

    assert shown["db"]["ENGINE"] == "django.db.backends.sqlite3"
    assert shown["db"]["NAME"] == str(ROOT / "db.sqlite3")
    assert shown["db"]["OPTIONS"] == {"transaction_mode": "IMMEDIATE"}
    assert shown["db"]["CONN_MAX_AGE"] in (None, 0)  # Django closes the connection after each request
    assert shown["cache"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert shown["session_engine"] == "django.contrib.sessions.backends.db"
    assert shown["staticfiles"] == "django.contrib.staticfiles.storage.StaticFilesStorage"
    assert shown["debug"] is False


def test_review_is_required_unless_turned_off_and_the_site_url_names_the_admin_in_mail():
    shown = settings_for()
    assert shown["require_review"] is True and shown["site_url"] == "http://127.0.0.1:8000"
    shown = settings_for(NEWSDESK_REQUIRE_REVIEW="false", NEWSDESK_SITE_URL="https://news.example.jp/")
    assert shown["require_review"] is False and shown["site_url"] == "https://news.example.jp"


def test_the_site_url_in_mail_follows_the_port_the_server_was_started_on():
    assert settings_for(PORT="8419")["site_url"] == "http://127.0.0.1:8419"
    assert settings_for(PORT="8419", NEWSDESK_SITE_URL="https://news.example.jp")["site_url"] == "https://news.example.jp"


def test_database_url_and_cache_url_select_postgresql_and_redis():
    shown = settings_for(
        DATABASE_URL="postgres://news:secret@db.example:5433/newsroom",
        CACHE_URL="redis://cache.example:6380/2",
    )

    assert shown["db"]["ENGINE"] == "django.db.backends.postgresql"
    assert (shown["db"]["NAME"], shown["db"]["USER"], shown["db"]["HOST"], shown["db"]["PORT"]) == (
        "newsroom", "news", "db.example", 5433,
    )
    assert shown["db"]["OPTIONS"] == {"connect_timeout": 2, "server_side_binding": True, "prepare_threshold": 5}
    assert shown["cache"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://cache.example:6380/2",
        # A Redis that is down costs a request at most a second (core/resilience.py).
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
    }
    # Every worker process sees the same sessions.
    assert shown["session_engine"] == "django.contrib.sessions.backends.cached_db"  # surviving a cache outage


def test_sessions_can_live_in_a_cache_apart_from_the_pages():
    together = settings_for(CACHE_URL="redis://127.0.0.1:6379/0", SHOW_CACHE="sessions")
    apart = settings_for(
        CACHE_URL="redis://127.0.0.1:6379/0", SESSION_CACHE_URL="redis://127.0.0.1:6380/0", SHOW_CACHE="sessions",
    )

    assert together["cache"]["LOCATION"] == "redis://127.0.0.1:6379/0"
    assert apart["cache"]["LOCATION"] == "redis://127.0.0.1:6380/0"
    assert apart["cache"]["OPTIONS"] == {"socket_connect_timeout": 0.5, "socket_timeout": 1}
    assert apart["session_engine"] == "django.contrib.sessions.backends.cached_db"


def test_prepared_statements_can_be_turned_off_for_a_pooler_that_cannot_keep_them():
    shown = settings_for(
        DATABASE_URL="postgres://news:secret@db.example:5433/newsroom", DATABASE_PREPARED_STATEMENTS="false",
    )

    assert "prepare_threshold" not in shown["db"]["OPTIONS"]  # Django's default: never prepared


def test_sqlite_file_hosts_and_locations_come_from_the_environment(tmp_path):
    shown = settings_for(
        DATABASE_URL=f"sqlite:///{tmp_path}/news.db",
        DJANGO_ALLOWED_HOSTS="news.example,www.news.example",
        DJANGO_MEDIA_ROOT=str(tmp_path / "uploads"),
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        DJANGO_DEBUG="true",
    )

    assert shown["db"]["NAME"] == f"{tmp_path}/news.db"
    assert shown["db"]["OPTIONS"] == {"transaction_mode": "IMMEDIATE"}
    assert shown["allowed_hosts"] == ["news.example", "www.news.example"]
    assert (shown["media_root"], shown["static_root"]) == (str(tmp_path / "uploads"), str(tmp_path / "static"))
    assert shown["debug"] is True


def test_production_keeps_connections_and_serves_hashed_compressed_static_files():
    shown = settings_for(
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY=PRODUCTION_KEY,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/newsdesk",
        CACHE_URL="redis://127.0.0.1:6379/0",
    )

    assert shown["db"]["CONN_MAX_AGE"] == 600
    assert shown["db"]["CONN_HEALTH_CHECKS"] is True
    assert shown["staticfiles"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert shown["debug"] is False


def test_production_connection_age_can_be_set_in_the_database_url():
    shown = settings_for(
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY=PRODUCTION_KEY,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/newsdesk?conn_max_age=0",
    )

    assert shown["db"]["CONN_MAX_AGE"] == 0


@pytest.mark.parametrize("key", [None, ""], ids=["unset", "empty"])
def test_production_refuses_to_start_without_a_secret_key(key):
    environ = {"DJANGO_ENV": "production"}
    if key is not None:
        environ["DJANGO_SECRET_KEY"] = key

    result = run_python("manage.py", "check", **environ)

    assert result.returncode != 0
    assert "ImproperlyConfigured: DJANGO_ENV=production needs DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.parametrize("environment", [{"DJANGO_ENV": "production"}, {}], ids=["production", "no DJANGO_ENV"])
@pytest.mark.parametrize("key", ["dev-only-insecure-key-change-me", "x" * 31], ids=["development", "short"])
def test_without_debug_the_site_refuses_a_public_or_short_secret_key(environment, key):
    result = run_python("manage.py", "check", DJANGO_SECRET_KEY=key, **environment)

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is the old development key or shorter than 32 characters" in result.stderr


def test_development_signs_with_a_random_key_of_its_checkout_kept_for_every_process(tmp_path):
    key_file = tmp_path / "secret"
    show_key = "from django.conf import settings; print(settings.SECRET_KEY)"

    first = run_python("-c", show_key, DJANGO_SECRET_KEY_FILE=str(key_file))
    second = run_python("-c", show_key, DJANGO_SECRET_KEY_FILE=str(key_file))
    other_checkout = run_python("-c", show_key, DJANGO_SECRET_KEY_FILE=str(tmp_path / "other"))

    key = first.stdout.strip()
    assert first.returncode == 0, first.stderr
    assert len(key) >= 50 and key != "dev-only-insecure-key-change-me"
    assert second.stdout.strip() == key  # every worker and command signs alike
    assert other_checkout.stdout.strip() not in ("", key)
    assert key_file.stat().st_mode & 0o777 == 0o600


def test_production_refuses_debug():
    result = run_python(
        "manage.py", "check", DJANGO_ENV="production", DJANGO_SECRET_KEY=PRODUCTION_KEY, DJANGO_DEBUG="true"
    )

    assert result.returncode != 0
    assert "refuses DJANGO_DEBUG=true" in result.stderr


def test_production_starts_with_a_real_secret_key():
    result = run_python("manage.py", "check", DJANGO_ENV="production", DJANGO_SECRET_KEY=PRODUCTION_KEY)

    assert result.returncode == 0, result.stderr


def test_gunicorn_config_is_valid():
    result = run_python(
        "-m", "gunicorn", "--check-config", "--config", "deploy/gunicorn.conf.py", "newsdesk.wsgi",
        GUNICORN_WORKERS="3", GUNICORN_BIND="127.0.0.1:8123",
    )

    assert result.returncode == 0, result.stderr + result.stdout


@pytest.mark.parametrize("workers, cache, refused", [
    (2, None, True), (2, "locmemcache://", True), (1, None, False), (2, "redis://127.0.0.1:6379/9", False),
], ids=["two workers, default cache", "two workers, locmem", "one worker", "two workers, redis"])
def test_gunicorn_refuses_a_per_process_cache_shared_by_several_workers(workers, cache, refused):
    """One worker would keep serving a story another had unpublished: pages must live in a shared cache."""
    environ = {"DJANGO_ENV": "production", "DJANGO_SECRET_KEY": PRODUCTION_KEY}
    if cache:
        environ["CACHE_URL"] = cache
    result = run_python(
        "-c", "import django, runpy; django.setup(); "
        f"runpy.run_path('deploy/gunicorn.conf.py')['refuse_per_process_cache']({workers})",
        **environ,
    )

    assert (result.returncode != 0) is refused, result.stderr
    if refused:
        assert "set CACHE_URL to a cache they share" in result.stderr


def test_gunicorn_with_two_workers_and_the_in_process_cache_does_not_start():
    result = run_python(
        "-m", "gunicorn", "--config", "deploy/gunicorn.conf.py",
        DJANGO_ENV="production", DJANGO_SECRET_KEY=PRODUCTION_KEY, GUNICORN_WORKERS="2", GUNICORN_BIND="127.0.0.1:0",
    )

    assert result.returncode != 0
    assert "2 workers cannot each keep their own page cache" in result.stderr


def test_gunicorn_freezes_what_the_master_loaded_before_forking_workers():
    result = run_python(
        "-c",
        "import gc, runpy; config = runpy.run_path('deploy/gunicorn.conf.py'); "
        "before = gc.get_freeze_count(); config['pre_fork'](None, None); "
        "print(before, gc.get_freeze_count())",
    )
    before, after = map(int, result.stdout.split())
    assert before == 0 and after > 1000, result.stderr


# The suite runs a second time on PostgreSQL + Redis (scripts/run-tests.sh): then these
# prove it really is on them, not silently on the development defaults.


@on_postgresql
@pytest.mark.django_db
def test_the_suite_runs_on_postgresql():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_database()")
        assert cursor.fetchone()[0] == connection.settings_dict["NAME"]


@on_redis
def test_the_suite_uses_a_redis_cache_shared_between_processes():
    key = f"newsdesk-test-{uuid.uuid4().hex}"
    cache.set(key, "written by the test process", 30)
    try:
        assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
        assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
        assert settings.CACHES["session_store"]["BACKEND"] == "core.session_cache.GuardedRedisCache"
        read = run_python(
            "-c", f"import django; django.setup(); from django.core.cache import cache; print(cache.get({key!r}))",
            CACHE_URL=os.environ["CACHE_URL"],
        )
        assert read.stdout.strip() == "written by the test process", read.stderr
    finally:
        cache.delete(key)
