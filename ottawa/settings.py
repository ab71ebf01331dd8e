"""
Settings for the Ottawa site.

Everything that differs between a laptop and production comes from the environment (or a local `.env`),
read through django-environ. Every variable is documented in `.env.example` and in the README.
Defaults are the production-safe choice: DEBUG off, HTTPS redirect, HSTS and secure cookies on.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local `.env` (written by `make run`) is read unless DJANGO_READ_DOT_ENV=false; real environment
# variables always win over it.
if env.bool("DJANGO_READ_DOT_ENV", default=True):
    env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it in the environment (or run `make run`, which writes a "
            "local .env with a fresh key); it is required whenever DJANGO_DEBUG is off."
        )
    SECRET_KEY = "insecure-development-only-key"  # noqa: S105 - only ever used with DEBUG on

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Before the admin: it registers the translated fields (<app>/translation.py) and their admin widgets.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "axes",
    "simple_history",
    "import_export",
    "django_tasks_db",
    # Ours, by floor: the ground (core), a library below the domain (exports), the domain apps, the top (pages).
    "core",
    "exports",
    "treaty",
    "timeline",
    "meetings",
    "obligations",
    "pages",
]

MIDDLEWARE = [
    "core.middleware.RequestIdMiddleware",
    "core.middleware.UrlLanguageMiddleware",
    "core.middleware.RequestLimitsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.cache.PageCacheMiddleware",  # cached pages are answered here: the layers below run only to make one
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.OptionsMiddleware",
    "core.middleware.DatabaseUnavailableMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses sign-in while an address or account is locked out
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "ottawa.urls"
WSGI_APPLICATION = "ottawa.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "core.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
}
_db_name = DATABASES["default"]["NAME"]
if DATABASES["default"]["ENGINE"].endswith("sqlite3") and _db_name != ":memory:" and not Path(_db_name).is_absolute():
    # `sqlite:///var/db.sqlite3` means var/db.sqlite3 in the project, wherever the command runs from.
    DATABASES["default"]["NAME"] = str(BASE_DIR / _db_name)
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Time bounds, so a database that does not answer yields a quick 503 (core.middleware) instead of stuck workers:
# seconds to wait for a connection, and the longest a statement may run. Our pages' queries take milliseconds; the
# release step (deploy/release.sh) allows migrations longer.
DATABASE_CONNECT_TIMEOUT = env.int("DATABASE_CONNECT_TIMEOUT", default=3)
DATABASE_STATEMENT_TIMEOUT = env.int("DATABASE_STATEMENT_TIMEOUT", default=3)
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Django's backend, bounded on the client side as well (core.db.postgresql): a server that accepts what we send
    # and never answers gives up after the statement timeout and one second more (0: no bound, as PostgreSQL's).
    DATABASES["default"]["ENGINE"] = "core.db.postgresql"
    DATABASES["default"]["ANSWER_TIMEOUT"] = DATABASE_STATEMENT_TIMEOUT + 1 if DATABASE_STATEMENT_TIMEOUT else None
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        connect_timeout=DATABASE_CONNECT_TIMEOUT,
        options=f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT * 1000}",
        # libpq: a server or network that stops acknowledging what we send, or stops answering keepalive probes,
        # breaks the connection after a few seconds instead of the kernel's minutes.
        keepalives=1,
        keepalives_idle=max(1, DATABASE_STATEMENT_TIMEOUT // 2),
        keepalives_interval=1,
        keepalives_count=3,
        tcp_user_timeout=max(DATABASE_STATEMENT_TIMEOUT, DATABASE_CONNECT_TIMEOUT) * 1000,
    )
elif DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # SQLite is a file, it cannot stall like a server: its timeout is how long a writer waits for another's lock
    # (two gunicorn workers and the tasks worker share the file), never less than ten seconds.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("timeout", max(DATABASE_STATEMENT_TIMEOUT, 10))

# Background work (Django's tasks framework): large imports from the admin (exports.imports). The queue is a table in
# the database, which every deployment has; `manage.py db_worker` runs the tasks (`make run` starts one beside
# gunicorn). Imports of up to IMPORT_SYNC_ROWS rows are previewed and applied within the request.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
IMPORT_SYNC_ROWS = env.int("IMPORT_SYNC_ROWS", default=200)

# Full-precision timestamps in JSON dumps, so `backup` -> `restore` -> `backup` is exact (core/serializers.py).
SERIALIZATION_MODULES = {"json": "core.serializers"}

# The page cache (core/cache.py). Whether a cached page is fresh is decided by the database, so any backend is
# correct with any number of processes; a shared one (Redis) saves each process its own renders. A cache that fails
# is skipped, never fatal: Redis gets short socket timeouts so a stalled one costs at most a second.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://ottawa")}
CACHES["default"].setdefault("TIMEOUT", 60 * 60 * 24)
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    CACHE_SOCKET_TIMEOUT = env.float("CACHE_SOCKET_TIMEOUT", default=0.5)
    CACHES["default"].setdefault("OPTIONS", {}).update(
        socket_connect_timeout=CACHE_SOCKET_TIMEOUT, socket_timeout=CACHE_SOCKET_TIMEOUT
    )
else:
    # Local memory: a bound on each process's entries (whole pages: about 20-150 KiB each), oldest evicted first.
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", env.int("CACHE_MAX_ENTRIES", default=500))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The Convention's six languages (Article 22), each named in itself. English is at the site's root; the others under
# their prefix (/fr/, /es/, /ar/, /ru/, /zh-hans/), chosen by the address alone (core.middleware.UrlLanguageMiddleware):
# no redirect on Accept-Language, no language cookie. The admin stays in English.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("ar", "العربية"),
    ("ru", "Русский"),
    ("zh-hans", "中文"),
]
# Editorial content per language (django-modeltranslation, <app>/translation.py): each translated field has a column per
# language (`title_en`, `title_fr`…), English the base every other language falls back to; core.templatetags.content
# marks the fallback on the page (lang="en", "not yet translated").
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
MODELTRANSLATION_AUTO_POPULATE = False
LOCALE_PATHS = [BASE_DIR / "locale"]  # our catalogues; `make locale` compiles them (.mo files are not committed)
# English keeps the British formats it had when the site was en-gb only (core/formats/en/formats.py).
FORMAT_MODULE_PATH = ["core.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# Static files: hashed names, gzip and Brotli copies, far-future cache headers (WhiteNoise).
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "var" / "media")
# Serve uploaded pictures from Django (with safe headers, core/media.py). For `make run`/`make dev`; in production
# the proxy serves MEDIA_ROOT.
SERVE_MEDIA = env.bool("DJANGO_SERVE_MEDIA", default=DEBUG)
# Uploaded pictures: local files in MEDIA_ROOT by default; an S3-compatible bucket (django-storages) when
# DJANGO_MEDIA_STORAGE_URL is set, e.g. s3://ottawa-media/uploads?endpoint_url=https://s3.example.org&region=eu-west-1
# (see .env.example and core/storage_url.py). The bucket's objects must be publicly readable: pages are cached, so
# their picture addresses are plain (unsigned) ones that never expire.
MEDIA_STORAGE_URL = env.str("DJANGO_MEDIA_STORAGE_URL", default="")
MEDIA_ORIGIN = ""  # the origin pictures come from when it is not our own (for the CSP's img-src)
if MEDIA_STORAGE_URL:
    from core.storage_url import s3_storage

    _media_storage, MEDIA_ORIGIN = s3_storage(MEDIA_STORAGE_URL)
    SERVE_MEDIA = False  # the bucket serves them
else:
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _media_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# The admin lives under a configurable prefix.
ADMIN_URL = env.str("DJANGO_ADMIN_URL", default="admin/")
LOGIN_URL = "admin:login"

# --- Transport security: on by default; the .env that `make run` writes relaxes it for plain-HTTP localhost.
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
if env.bool("DJANGO_SECURE_PROXY_SSL_HEADER", default=False):
    # Only behind a proxy that sets X-Forwarded-Proto itself and strips it from clients.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
# Only staff have sessions (visitors are never signed in): a sign-in lasts a working day, DJANGO_SESSION_HOURS
# (default 8), and ends when the browser closes (the cookie has no expiry date). Django's default is two weeks.
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_HOURS", default=8) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "browsing-topics",
    )
)

# Content Security Policy (Django's built-in middleware): our own origin only, no inline code.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Guard rails against oversized requests: refused early by core.middleware.RequestLimitsMiddleware (414/413),
# and by Django for too many fields or too large a non-file body (400).
MAX_QUERY_STRING_LENGTH = 4096
MAX_REQUEST_BODY_BYTES = env.int("DJANGO_MAX_UPLOAD_MB", default=10) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

# Admin sign-in throttling (django-axes, see core/lockout.py): after 5 failures for one account from one address,
# that account is refused at that address for 15 minutes (others are not: one attacker cannot lock every editor
# out); after 20 for one account from anywhere, that account everywhere. The page says how long to wait. A
# successful sign-in clears the count. The address is the client's only behind trusted proxies:
# DJANGO_TRUSTED_PROXIES is how many stand in front of Django (default 0: X-Forwarded-For is ignored).
AXES_FAILURE_LIMIT = 5
AXES_ACCOUNT_FAILURE_LIMIT = 20
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_HANDLER = "core.lockout.AccountAtAddressHandler"
AXES_TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXIES", default=0)
AXES_CLIENT_IP_CALLABLE = "core.lockout.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"

# Imports (django-import-export, see exports/imports.py): each import runs in one transaction; blank lines at the
# end of a spreadsheet are not rows.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_IMPORT_IGNORE_BLANK_LINES = True

# Logging to stdout, one line per record: key=value pairs, or one JSON object a line with LOG_FORMAT=json. Each
# record carries the request id (X-Request-ID from nginx, core.middleware.RequestIdMiddleware).
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO").upper()
LOG_FORMAT = env.str("LOG_FORMAT", default="line").lower()
if LOG_FORMAT not in ("line", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be 'line' or 'json', not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"()": "core.logging.OneLineFormatter"},
        "json": {"()": "core.logging.JsonFormatter"},
    },
    "filters": {"request_id": {"()": "core.logging.RequestIdFilter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        },
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "INFO", "propagate": True},
        "axes": {"level": "WARNING", "propagate": True},
    },
}

SITE_NAME = "Anti-Personnel Mine Ban Convention"
# The public address, for canonical links, share tags and the sitemap, e.g. https://ottawa.example.org
# (default: the address each request came to).
SITE_URL = env.str("DJANGO_SITE_URL", default="").rstrip("/")
