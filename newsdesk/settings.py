"""Settings for Newsdesk.

One module for every environment: values come from the environment (see
README), falling back to safe defaults for development on SQLite.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

# DJANGO_ENV=production: a real secret key or no start, persistent database
# connections, hashed and compressed static files, HTTPS. Anything else is development
# (the tests and the demo run so).
PRODUCTION = env("DJANGO_ENV", default="development") == "production"
# Once the default of every checkout, so public: refused as a key whatever DJANGO_ENV says.
DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-change-me"
MIN_SECRET_KEY_LENGTH = 32
SECRET_KEY_FILE = env.path("DJANGO_SECRET_KEY_FILE", default=BASE_DIR / ".secret_key")


def _checkout_secret_key() -> str:
    """This checkout's own random key, made on first use: development never signs with a public key.

    Written to a temporary file and linked into place, so processes starting
    at once (gunicorn workers, test runs) all end up with the same key.
    """
    try:
        return Path(SECRET_KEY_FILE).read_text().strip()
    except FileNotFoundError:
        pass
    import os
    import secrets

    draft = Path(f"{SECRET_KEY_FILE}.{os.getpid()}")
    draft.write_text(secrets.token_urlsafe(50))
    draft.chmod(0o600)
    try:
        os.link(draft, SECRET_KEY_FILE)
    except FileExistsError:
        pass  # another process was first: use its key
    finally:
        draft.unlink()
    return Path(SECRET_KEY_FILE).read_text().strip()


DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
if PRODUCTION and not SECRET_KEY:
    raise ImproperlyConfigured(
        "DJANGO_ENV=production needs DJANGO_SECRET_KEY: a random value of at least 32 characters, "
        "e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )
SECRET_KEY = SECRET_KEY or _checkout_secret_key()
if not DEBUG and (SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < MIN_SECRET_KEY_LENGTH):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is the old development key or shorter than 32 characters: anyone could forge "
        "preview links and sessions with it. Set a random value of at least 32 characters, "
        "e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))', or leave it unset in development."
    )
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DJANGO_ENV=production refuses DJANGO_DEBUG=true: it would show tracebacks to readers.")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])

INSTALLED_APPS = [
    # The admin with a rate-limited login (editorial/admin_site.py).
    "editorial.apps.NewsdeskAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "core",
    "articles",
    "images",
    "jobs",
    "search",
    "translation",
    "interchange",
    "ingest",
    "desk",
    "ranking",
    "editorial",
    "reader",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.security.SecurityHeadersMiddleware",
    # A stored public page is answered here, before anything below runs (reader/caching.py).
    "reader.caching.PageCacheMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Database down: a static 503 page, before anything that may need the database.
    "core.resilience.DatabaseUnavailableMiddleware",
    # NUL in a path, query or cookie never reaches a database query.
    "core.middleware.RejectNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.PathLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "newsdesk.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
    {
        # The reader's pages (reader/jinja2.py says why they are Jinja2).
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "reader.jinja2.environment",
            "context_processors": ["reader.context_processors.frame"],
        },
    },
]

WSGI_APPLICATION = "newsdesk.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers take the lock when their transaction begins, so concurrent writers
    # (several gunicorn workers) wait their turn instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("transaction_mode", "IMMEDIATE")
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database host that does not answer fails the request in seconds, not minutes
    # (libpq's minimum is 2 s; core/resilience.py keeps most requests from waiting at all).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)
    # Parameters travel apart from the SQL, and psycopg prepares a statement once it has run five
    # times on a connection: the queries every page runs are planned once per connection instead
    # of on every request (the article page: about 5 ms → 3.7 ms). A pooler that cannot keep
    # prepared statements (PgBouncer in transaction mode) needs DATABASE_PREPARED_STATEMENTS=false.
    DATABASES["default"]["OPTIONS"].setdefault("server_side_binding", True)
    if env.bool("DATABASE_PREPARED_STATEMENTS", default=True):
        DATABASES["default"]["OPTIONS"].setdefault("prepare_threshold", 5)
if PRODUCTION:
    # Keep connections across requests; ?conn_max_age=N in DATABASE_URL overrides.
    DATABASES["default"].setdefault("CONN_MAX_AGE", 600)
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)

# redis:// URLs always mean Django's own Redis backend; django-environ would pick
# django-redis whenever installed.
REDIS_CACHE = "django.core.cache.backends.redis.RedisCache"


def _cache(url: str) -> dict:
    config = env.cache_url_config(url, backend=REDIS_CACHE if url.startswith(("redis://", "rediss://")) else None)
    if config["BACKEND"] == REDIS_CACHE:
        # Redis down or unreachable: give up within a second, then pages render uncached
        # (reader/caching.py) and sessions come from the database.
        config.setdefault("OPTIONS", {}).update(socket_connect_timeout=0.5, socket_timeout=1)
    return config


# Pages (and what decides whether they are current) live in the default cache, which may
# evict under a memory limit. Sessions and failed-login counts live apart, in a cache that
# must not evict (SESSION_CACHE_URL; the same cache unless set, see README "Production").
CACHE_URL = env("CACHE_URL", default="locmemcache://newsdesk")
CACHES = {"default": _cache(CACHE_URL), "sessions": _cache(env("SESSION_CACHE_URL", default=CACHE_URL))}
# With a cache that every worker process shares, sessions are read from it and
# written through to the database (Django's cached_db); an in-process cache would
# serve stale sessions. The session store's alias is the same Redis, with failures
# read as misses, so sessions carry on from the database while Redis is down.
if CACHES["sessions"]["BACKEND"] == REDIS_CACHE:
    CACHES["session_store"] = {**CACHES["sessions"], "BACKEND": "core.session_cache.GuardedRedisCache"}
    SESSION_CACHE_ALIAS = "session_store"
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ja"
# The reader's language is in the URL: Japanese at the site's paths, English under /en/
# (newsdesk/urls.py, core.middleware.PathLanguageMiddleware). No cookie says it.
LANGUAGES = [("ja", "日本語"), ("en", "English")]
# Our catalogue first; then Django's own admin messages in the newsroom's words
# (locale_admin/ja/LC_MESSAGES/django.po), ahead of Django's catalogue.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_admin"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
# Serve uploads through Django when nothing in front does (nginx config under deploy/ does).
NEWSDESK_SERVE_MEDIA = env.bool("NEWSDESK_SERVE_MEDIA", default=True)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Production: hashed, compressed names that whitenoise (and nginx) serve with far-future
        # caching; needs `manage.py collectstatic` after every deploy.
        "BACKEND": env(
            "DJANGO_STATICFILES_STORAGE",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Uploads: Pillow refuses bigger images before decoding them (see images.checks).
NEWSDESK_MAX_IMAGE_BYTES = env.int("NEWSDESK_MAX_IMAGE_BYTES", default=20 * 1024 * 1024)
NEWSDESK_MAX_IMAGE_PIXELS = env.int("NEWSDESK_MAX_IMAGE_PIXELS", default=50_000_000)
# All the new images of one save together: each is decoded and re-encoded within the request.
NEWSDESK_MAX_PIXELS_PER_SAVE = env.int("NEWSDESK_MAX_PIXELS_PER_SAVE", default=100_000_000)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

SITE_NAME = env("NEWSDESK_SITE_NAME", default="Newsdesk")

# Django 6 behaviour today: a URL typed without a scheme means https.
FORMS_URLFIELD_ASSUME_HTTPS = True
WHITENOISE_USE_FINDERS = DEBUG

# Behind a proxy: deploy/nginx.conf sets X-Forwarded-Proto on every request and
# gunicorn listens on loopback only, so only nginx can send that header.
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Served over HTTPS (TLS ends at nginx) unless DJANGO_HTTPS=false says otherwise: cookies
    # travel only encrypted, plain HTTP is redirected (except the health check, which local
    # probes call over HTTP), and browsers are told to use HTTPS only, for a year
    # (DJANGO_HSTS_* to change; see README, "Security").
    HTTPS = env.bool("DJANGO_HTTPS", default=True)
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
    if HTTPS:
        SECURE_SSL_REDIRECT = True
        SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
        SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=365 * 24 * 3600)
        SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
        SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=True)
    # Without DEBUG Django logs errors nowhere but to ADMINS: send them to stderr (gunicorn's error log).
    LOGGING = {
        "version": 1,
        "disable_existing_loggers": False,
        "handlers": {"stderr": {"class": "logging.StreamHandler"}},
        "root": {"handlers": ["stderr"], "level": env("DJANGO_LOG_LEVEL", default="WARNING")},
    }

# Security headers (core/security.py adds CSP, Permissions-Policy and CORP). Cookies are
# HttpOnly and SameSite=Lax; the session and CSRF cookies are Secure in production over HTTPS.
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True  # no script of ours reads it; forms carry the token

# An upload bigger than NEWSDESK_MAX_IMAGE_BYTES stops being stored as soon as it passes the
# limit and is refused with a message on its field (images/uploads.py).
FILE_UPLOAD_HANDLERS = [
    "images.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Admin login: this many failed attempts for one username from one address (or
# NEWSDESK_LOGIN_MAX_FAILURES_PER_ADDRESS from one address for any usernames) within the
# window lock that login out until the window ends (editorial/throttling.py). Counted in
# the default cache, which production shares between workers (Redis).
NEWSDESK_LOGIN_MAX_FAILURES = env.int("NEWSDESK_LOGIN_MAX_FAILURES", default=5)
NEWSDESK_LOGIN_MAX_FAILURES_PER_ADDRESS = env.int("NEWSDESK_LOGIN_MAX_FAILURES_PER_ADDRESS", default=50)
NEWSDESK_LOGIN_WINDOW = env.int("NEWSDESK_LOGIN_WINDOW", default=15 * 60)
# Behind nginx every request comes from 127.0.0.1; the client's address is the last entry
# of X-Forwarded-For, which nginx appends (deploy/nginx.conf) and no one else can reach us.
NEWSDESK_BEHIND_PROXY = env.bool("NEWSDESK_BEHIND_PROXY", default=PRODUCTION)

# Autosave of editors' unsaved story forms (editorial/autosaves.py): the largest form the
# endpoint takes (bytes of JSON; the longest story's texts fit with room to spare), writes a
# minute per editor, and the age in days after which an abandoned one is deleted
# (manage.py clean_autosaves).
NEWSDESK_AUTOSAVE_MAX_BYTES = env.int("NEWSDESK_AUTOSAVE_MAX_BYTES", default=2_000_000)
NEWSDESK_AUTOSAVE_MAX_PER_MINUTE = env.int("NEWSDESK_AUTOSAVE_MAX_PER_MINUTE", default=30)
NEWSDESK_AUTOSAVE_MAX_AGE_DAYS = env.int("NEWSDESK_AUTOSAVE_MAX_AGE_DAYS", default=30)
# Presence (editorial/presence.py): an open story form says it is still there this often while
# visible; an editor not heard from for the idle time no longer shows as editing.
NEWSDESK_PRESENCE_HEARTBEAT_SECONDS = env.int("NEWSDESK_PRESENCE_HEARTBEAT_SECONDS", default=30)
NEWSDESK_PRESENCE_IDLE_SECONDS = env.int("NEWSDESK_PRESENCE_IDLE_SECONDS", default=120)
# The story form's live preview: at most this many renders per editor a minute (its size limit is autosave's).
NEWSDESK_PREVIEW_MAX_PER_MINUTE = env.int("NEWSDESK_PREVIEW_MAX_PER_MINUTE", default=120)

# Review that means something (articles/publishing.py, desk/reviews.py): only a story an editor
# approved in review is published or scheduled, and never by its translator.
NEWSDESK_REQUIRE_REVIEW = env.bool("NEWSDESK_REQUIRE_REVIEW", default=True)
# The address editors reach the admin at, for the links in notification e-mails; by default the
# loopback port the server listens on (PORT, as scripts/run-demo.sh and deploy/gunicorn.conf.py bind it).
NEWSDESK_SITE_URL = env("NEWSDESK_SITE_URL", default="http://127.0.0.1:" + env("PORT", default="8000")).rstrip("/")

# Search (search/queries.py `ranked`): when more stories match a query than this, the search
# page ranks the newest this many of them and says "N 件以上"; fewer are all ranked.
NEWSDESK_SEARCH_RANKED = env.int("NEWSDESK_SEARCH_RANKED", default=1000)

# Preview links for unpublished articles expire after this many seconds.
NEWSDESK_PREVIEW_MAX_AGE = env.int("NEWSDESK_PREVIEW_MAX_AGE", default=24 * 3600)

# Public pages are served from the shared cache (reader/caching.py); false only to measure without it.
NEWSDESK_PAGE_CACHE = env.bool("NEWSDESK_PAGE_CACHE", default=True)

# The edge caches in front (Varnish with deploy/varnish.vcl), purged by page key after every
# change readers could see: each URL gets `PURGE /` with the keys (reader/purging.py).
NEWSDESK_PURGE_URLS = env.list("NEWSDESK_PURGE_URLS", default=[])
# How long a shared cache may keep a page when it is purged by key (seconds; without purge URLs,
# a minute). Pages showing lists are kept no longer than the next scheduled story's time.
NEWSDESK_EDGE_MAX_AGE = env.int("NEWSDESK_EDGE_MAX_AGE", default=6 * 3600)

# Background jobs (jobs/engine.py): Celery with Redis as the broker in production. Without a broker
# URL (the embedded default) every job runs in the process that queued it, after its commit.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = env.bool("NEWSDESK_JOBS_EAGER", default=not CELERY_BROKER_URL)
CELERY_BROKER_URL = CELERY_BROKER_URL or "memory://"
CELERY_TASK_EAGER_PROPAGATES = False  # a failed job is recorded (jobs.FailedJob), never the request's error
CELERY_TASK_IGNORE_RESULT = True
# A job taken by a worker that dies is delivered again (jobs are idempotent); one at a time per process.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A broker that does not answer fails the queueing within seconds (recorded as a failed job), not the save.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0.2, "interval_step": 0.5, "interval_max": 1}
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, "socket_timeout": 5, "socket_connect_timeout": 2}
# Each job is told to stop after the soft limit (it may clean up) and killed after the hard one (seconds).
CELERY_TASK_SOFT_TIME_LIMIT = env.int("NEWSDESK_JOB_SOFT_TIME_LIMIT", default=120)
CELERY_TASK_TIME_LIMIT = env.int("NEWSDESK_JOB_TIME_LIMIT", default=180)
# Retries before a job is recorded as failed (pauses double from 1 s, at most 10 minutes).
NEWSDESK_JOB_MAX_RETRIES = env.int("NEWSDESK_JOB_MAX_RETRIES", default=5)
CELERY_TIMEZONE = TIME_ZONE
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE = {
    # Scheduled stories that went live: status, announcement, renewed pages (jobs/periodic.py).
    "publish-due-stories": {"task": "jobs.publish_due_stories", "schedule": 60.0},
    # Abandoned kept uploads and autosaves (the functions registered with jobs.periodic.cleanup).
    "clean-up": {"task": "jobs.clean_up", "schedule": 3600.0},
    # Views counted in Redis into the database, rankings recounted: a view ranks within a minute (ranking/counting.py).
    "count-views": {"task": "ranking.count_views", "schedule": 60.0},
}

# E-mail (jobs/mail.py sends it as a job): EMAIL_URL such as smtp+tls://user:password@host:587;
# the console in development, the local MTA in production unless set.
vars().update(env.email_url("EMAIL_URL", default="smtp://localhost:25" if PRODUCTION else "consolemail://"))
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="newsdesk@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The inbox (ingest/): feeds polled by beat, article pages fetched and extracted for 「翻訳を始める」.
# Every fetch goes through ingest/fetching.py; see docs/inbox.md.
NEWSDESK_FEED_POLL_SECONDS = env.int("NEWSDESK_FEED_POLL_SECONDS", default=900)
# Whom site owners can ask about the fetcher: named in its User-Agent.
NEWSDESK_FETCH_CONTACT_URL = env("NEWSDESK_FETCH_CONTACT_URL", default="https://newsdesk.invalid/contact")
NEWSDESK_FETCH_CONNECT_TIMEOUT = env.float("NEWSDESK_FETCH_CONNECT_TIMEOUT", default=5.0)
NEWSDESK_FETCH_TOTAL_TIMEOUT = env.float("NEWSDESK_FETCH_TOTAL_TIMEOUT", default=20.0)
NEWSDESK_FETCH_MAX_BYTES = env.int("NEWSDESK_FETCH_MAX_BYTES", default=5_000_000)
# Seconds between two requests to one host while polling; robots.txt is kept this long per host.
NEWSDESK_FETCH_HOST_INTERVAL = env.float("NEWSDESK_FETCH_HOST_INTERVAL", default=5.0)
NEWSDESK_ROBOTS_CACHE_SECONDS = env.int("NEWSDESK_ROBOTS_CACHE_SECONDS", default=3600)
# Loopback addresses may be fetched: for tests only (a fetcher that reaches the machine's own
# services is what an attacker's feed would want). Private networks are refused whatever it says.
NEWSDESK_FETCH_ALLOW_PRIVATE = env.bool("NEWSDESK_FETCH_ALLOW_PRIVATE", default=False)
# A published story's original is read again for this many days, every NEWSDESK_ORIGINAL_RECHECK_SECONDS.
NEWSDESK_ORIGINAL_RECHECK_DAYS = env.int("NEWSDESK_ORIGINAL_RECHECK_DAYS", default=14)
NEWSDESK_ORIGINAL_RECHECK_SECONDS = env.int("NEWSDESK_ORIGINAL_RECHECK_SECONDS", default=6 * 3600)
CELERY_BEAT_SCHEDULE["recheck-originals"] = {
    "task": "ingest.recheck_originals", "schedule": float(NEWSDESK_ORIGINAL_RECHECK_SECONDS),
}
CELERY_BEAT_SCHEDULE["poll-feeds"] = {"task": "ingest.poll_feeds", "schedule": float(NEWSDESK_FEED_POLL_SECONDS)}
