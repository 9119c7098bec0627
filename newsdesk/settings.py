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
# connections, hashed and compressed static files. Anything else is development
# (the tests and the demo run so, with the development key).
PRODUCTION = env("DJANGO_ENV", default="development") == "production"
DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-change-me"

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="") or DEVELOPMENT_SECRET_KEY
if PRODUCTION and (SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 32):
    raise ImproperlyConfigured(
        "DJANGO_ENV=production needs DJANGO_SECRET_KEY: a random value of at least 32 characters, "
        "e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DJANGO_ENV=production refuses DJANGO_DEBUG=true: it would show tracebacks to readers.")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "newsdesk.middleware.LanguageCookieMiddleware",
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
]

WSGI_APPLICATION = "newsdesk.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers take the lock when their transaction begins, so concurrent writers
    # (several gunicorn workers) wait their turn instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("transaction_mode", "IMMEDIATE")
if PRODUCTION:
    # Keep connections across requests; ?conn_max_age=N in DATABASE_URL overrides.
    DATABASES["default"].setdefault("CONN_MAX_AGE", 600)
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)

# redis:// URLs always mean Django's own Redis backend (django-environ would pick
# django-redis instead whenever that happens to be installed).
REDIS_CACHE = "django.core.cache.backends.redis.RedisCache"
CACHE_URL = env("CACHE_URL", default="locmemcache://newsdesk")
CACHES = {
    "default": env.cache_url_config(
        CACHE_URL, backend=REDIS_CACHE if CACHE_URL.startswith(("redis://", "rediss://")) else None
    ),
}
# With a cache that every worker process shares, sessions are read from it and
# written through to the database; an in-process cache would serve stale sessions.
if CACHES["default"]["BACKEND"] not in (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
):
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", "日本語"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
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

# Uploads: Pillow refuses bigger images before decoding them (see articles.images).
NEWSDESK_MAX_IMAGE_BYTES = env.int("NEWSDESK_MAX_IMAGE_BYTES", default=20 * 1024 * 1024)
NEWSDESK_MAX_IMAGE_PIXELS = env.int("NEWSDESK_MAX_IMAGE_PIXELS", default=50_000_000)
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
    # Served over HTTPS (TLS ends at nginx): cookies travel only encrypted.
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("DJANGO_HTTPS", default=False)
    # Without DEBUG Django logs errors nowhere but to ADMINS: send them to stderr (gunicorn's error log).
    LOGGING = {
        "version": 1,
        "disable_existing_loggers": False,
        "handlers": {"stderr": {"class": "logging.StreamHandler"}},
        "root": {"handlers": ["stderr"], "level": env("DJANGO_LOG_LEVEL", default="WARNING")},
    }

# Preview links for unpublished articles expire after this many seconds.
NEWSDESK_PREVIEW_MAX_AGE = env.int("NEWSDESK_PREVIEW_MAX_AGE", default=24 * 3600)
