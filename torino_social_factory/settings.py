"""Settings for the Torino Social Factory site.

One module, driven by the environment (django-environ). The defaults are safe for a
local run: SQLite, local-memory cache, e-mails printed to the console. A production
run (``DJANGO_DEBUG=0``) refuses to start without a secret key and allowed hosts.
Every variable is documented in ``.env.example`` and in the README.
"""

import hashlib
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")  # optional; real deployments use the environment

DEBUG = env.bool("DJANGO_DEBUG", default=True)

# --- Secrets and hosts --------------------------------------------------------------
if DEBUG:
    SECRET_KEY = env("DJANGO_SECRET_KEY", default="django-insecure-local-only-never-in-production")
    ALLOWED_HOSTS = env.list(
        "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"]
    )
else:
    SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
    if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure"):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set to a random value of at least 50 characters "
            "when DJANGO_DEBUG is off."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set when DJANGO_DEBUG is off.")

CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# --- Applications -------------------------------------------------------------------
INSTALLED_APPS = [
    # Django's admin with our AdminSite as the default site (dashboard, staff pages).
    "torino_social_factory.apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "csp",
    "axes",
    "torino_social_factory.apps.SiteConfig",
    "projects",
    "events",
]

MIDDLEWARE = [
    # One JSON line per request, timed around everything else (request_log.py).
    "torino_social_factory.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Uploaded files, before sessions and the page cache: no query, no cookie (media.py).
    "torino_social_factory.media.MediaFilesMiddleware",
    # /readyz, before the page cache reads the database (health.py).
    "torino_social_factory.health.ReadinessMiddleware",
    # Cached anonymous pages, answered this early so a hit costs about what a static
    # file costs: none of the middleware below runs for it (page_cache.py).
    "torino_social_factory.page_cache.FetchFromPageCacheMiddleware",
    # ETag/Last-Modified revalidation (304) of what the page cache did not answer.
    "django.middleware.http.ConditionalGetMiddleware",
    # gzip/brotli for what carries no per-visitor secret (see compression.py for why
    # pages with a CSRF token stay uncompressed); cached pages come precompressed.
    "torino_social_factory.compression.CompressionMiddleware",
    # Stores the finished response of everything below (CSP, frame headers), seeing
    # whether the view touched the session, a CSRF token or a cookie.
    "torino_social_factory.page_cache.UpdatePageCacheMiddleware",
    "torino_social_factory.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "torino_social_factory.urls"
WSGI_APPLICATION = "torino_social_factory.wsgi.application"

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
                "torino_social_factory.context_processors.site",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# Every request reads the content version: keep the connection per worker instead of
# reopening it on each request.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions take the write lock at BEGIN, so two registrations never
    # both read "one place left"; WAL lets readers go on while one writer works. The busy
    # timeout is how long a writer waits for the lock before the form answers "riprova
    # tra poco" (503, what was typed kept): short, so a stuck writer elsewhere (a long
    # import, a backup) cannot freeze every worker.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": env.float("SQLITE_BUSY_TIMEOUT", default=5),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    # The live server of the browser and concurrency tests runs in other threads: it
    # needs a database file, not SQLite's in-memory one.
    DATABASES["default"]["TEST"] = {"NAME": BASE_DIR / ".test-db.sqlite3"}
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # A database that does not answer fails the request (and /readyz) in seconds
    # instead of holding a gunicorn worker until the balancer gives up.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5)
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (page cache, rate limits, settings) --------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="tsf"),
            # Same reason as the database's connect_timeout: fail fast, not hang.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    CACHES["limits"] = CACHES["default"]
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
        # Rate limits and used form tokens must be shared by every worker process: without
        # Redis they live in the database (a table made by the events migrations).
        "limits": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "tsf_limits",
            "OPTIONS": {"MAX_ENTRIES": 20000},
        },
    }

# --- Authentication (staff only) ----------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# The account locks after AXES_FAILURE_LIMIT failures from any address, the address
# after AXES_ADDRESS_FAILURE_LIMIT failures for any username (a shared office network
# gets more room than one account). See lockout.py.
AXES_HANDLER = "torino_social_factory.lockout.AccountAndAddressLockout"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_ADDRESS_FAILURE_LIMIT = env.int("AXES_ADDRESS_FAILURE_LIMIT", default=20)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "admin/lockout.html"
LOGIN_URL = "admin:login"
# Sessions exist only for staff (public pages never write to the session, so anonymous
# visitors get no cookie); they end when the browser closes, which matters on the
# shared phones and PCs at the door, and after one working day at the latest.
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Internationalisation -----------------------------------------------------------
LANGUAGE_CODE = "it"
LANGUAGES = [("it", _("Italiano")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Rome"
USE_I18N = True
USE_TZ = True

# --- Static and media files ---------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
# An empty value (as in .env.example) means the default, never the current directory.
MEDIA_ROOT = Path(env("MEDIA_ROOT", default="") or BASE_DIR / "media").resolve()
if BASE_DIR.is_relative_to(MEDIA_ROOT):
    # The site serves MEDIA_ROOT: it must never contain the code, the database or .env.
    raise ImproperlyConfigured("MEDIA_ROOT must not be the project directory or one above it.")
# Where uploads live: files under MEDIA_ROOT by default; object storage through
# django-storages with MEDIA_STORAGE_BACKEND=storages.backends.s3.S3Storage and its
# options as JSON in MEDIA_STORAGE_OPTIONS (README, "Mettere in produzione").
MEDIA_STORAGE_BACKEND = env(
    "MEDIA_STORAGE_BACKEND", default="django.core.files.storage.FileSystemStorage"
)
# The site serves MEDIA_ROOT itself (safely: torino_social_factory/media.py) unless the
# web server in front does (SERVE_MEDIA=0 with nginx's "location /media/").
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)
STORAGES = {
    "default": {
        "BACKEND": MEDIA_STORAGE_BACKEND,
        "OPTIONS": env.json("MEDIA_STORAGE_OPTIONS", default={}),
    },
    "staticfiles": {
        # Hashed, compressed names with a one-year cache in production; plain files in
        # development and tests so nobody has to run collectstatic first.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "torino_social_factory.storage.StaticFilesStorage",
    },
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# --- E-mail -------------------------------------------------------------------------
_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
if "EMAIL_FILE_PATH" in _email:
    EMAIL_FILE_PATH = _email["EMAIL_FILE_PATH"]
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Torino Social Factory <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)

# --- Security -----------------------------------------------------------------------
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 0 if DEBUG else env.int("DJANGO_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG and SECURE_SSL_REDIRECT
CSRF_COOKIE_SECURE = not DEBUG and SECURE_SSL_REDIRECT
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "torino_social_factory.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
# Probes reach the backend port over plain HTTP, without the proxy's X-Forwarded-Proto.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)
if not SECURE_SSL_REDIRECT:
    # Only plain-HTTP runs on loopback (make serve, benchmarks) turn the redirect off;
    # the deploy check would otherwise warn about it.
    SILENCED_SYSTEM_CHECKS = ["security.W008"]

# Maps: tiles are requested by the visitor's browser only after they press "Mostra mappa".
MAP_TILE_URL = env("MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env(
    "MAP_TILE_ATTRIBUTION",
    default='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
)
_tile_origin = "{0.scheme}://{0.netloc}".format(urlsplit(MAP_TILE_URL.replace("{s}", "a")))
# Address search in the admin's place form: requested by the staff member's browser, only
# when they press the button (public pages never talk to it). Nominatim's usage policy
# allows occasional searches like these; a city can point this at its own service.
GEOCODER_URL = env("GEOCODER_URL", default="https://nominatim.openstreetmap.org/search")
GEOCODER_ATTRIBUTION = env(
    "GEOCODER_ATTRIBUTION",
    default='Ricerca degli indirizzi: <a href="https://nominatim.org/">Nominatim</a>, '
    'dati &copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", _tile_origin],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Site behaviour -----------------------------------------------------------------
ACCESSIBILITY_STATEMENT_URL = env(
    "ACCESSIBILITY_STATEMENT_URL", default="https://form.agid.gov.it/"
)
RATELIMIT_ENABLED = env.bool("DJANGO_RATELIMIT_ENABLED", default=True)
# How many reverse proxies in front of gunicorn append to X-Forwarded-For: the client
# address is the one the outermost trusted proxy saw. 0 (default): the header is
# ignored, because anyone can send it.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
FEEDBACK_RATE_LIMIT = env.int("FEEDBACK_RATE_LIMIT", default=20)  # per address per hour
# /readyz reports "degraded" when the oldest unsent e-mail is older than this (seconds).
READINESS_OUTBOX_MAX_AGE = env.int("READINESS_OUTBOX_MAX_AGE", default=900)

# Logs go to stderr (journald under systemd). Requests: one JSON line each, without
# personal data (request_log.py); Django's own 4xx warnings would repeat them with the
# raw path, so only its errors are kept, with the paths redacted.
REQUEST_LOG_ENABLED = env.bool("REQUEST_LOG_ENABLED", default=True)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_paths": {"()": "torino_social_factory.request_log.RedactPaths"}},
    "formatters": {
        "plain": {"format": "%(levelname)s %(name)s %(message)s"},
        "line": {"format": "%(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "requests": {"class": "logging.StreamHandler", "formatter": "line"},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.security.DisallowedHost": {"level": "ERROR"},
        "django.request": {"level": "ERROR", "filters": ["redact_paths"]},
        "tsf.request": {"handlers": ["requests"], "level": "INFO", "propagate": False},
    },
}

# --- Page cache ---------------------------------------------------------------------
# Anonymous public pages are cached whole, keyed by the content version (a database row
# bumped by every change of public content; see torino_social_factory/page_cache.py).
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
# Upper bound for time-dependent text ("iscrizioni aperte fino a…"); content changes
# invalidate at once through the version, not through this timeout.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=60)
PAGE_CACHE_MAX_PATH = 1000  # longer URLs (fuzzers, bots) are served but never stored
PAGE_CACHE_EXCLUDED_PATHS = r"^/admin/|/iscrizione/|^/(en/)?feedback/"

# --- Events -------------------------------------------------------------------------
PRIVACY_NOTICE_VERSION = env("PRIVACY_NOTICE_VERSION", default="2026-11")
REGISTRATION_RETENTION_DAYS = env.int("REGISTRATION_RETENTION_DAYS", default=30)
# A person (even with the browser filling in name and e-mail) takes longer than this;
# a script posting the form straight away does not.
EVENTS_MIN_FILL_SECONDS = env.float("EVENTS_MIN_FILL_SECONDS", default=1)
EVENTS_RATE_LIMIT = env.int("EVENTS_RATE_LIMIT", default=10)  # form posts per address per hour
# The key the personal links are derived from (events/links.py): its own secret, so
# changing SECRET_KEY does not break the links in e-mails already sent. Rotate it by
# moving the old value into the fallbacks (comma-separated).
REGISTRATION_LINK_KEY = (
    env("REGISTRATION_LINK_KEY", default="")
    or hashlib.sha256(f"tsf-registration-link:{SECRET_KEY}".encode()).hexdigest()
)
REGISTRATION_LINK_KEY_FALLBACKS = env.list("REGISTRATION_LINK_KEY_FALLBACKS", default=[])
# How often `send_outbox --watch` looks for due e-mails when nothing wakes it (seconds).
OUTBOX_POLL_SECONDS = env.float("OUTBOX_POLL_SECONDS", default=2)

# How often the door page refreshes its counters (seconds).
STAFF_CHECKIN_REFRESH_SECONDS = env.int("STAFF_CHECKIN_REFRESH_SECONDS", default=10)

# --- Formats ------------------------------------------------------------------------
# Our own date formats for both languages (day first, 24-hour clock; see
# torino_social_factory/formats). Grouping stays off for bare {{ numbers }} so years and
# ids are never printed "2.020"; amounts go through the `euro`/`number` filters, which
# group explicitly (torino_social_factory/templatetags/formatting.py).
FORMAT_MODULE_PATH = ["torino_social_factory.formats"]
USE_THOUSAND_SEPARATOR = False
