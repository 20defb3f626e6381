"""Settings for tongxin: one module, driven by environment variables with strict helpers (SQLite by default)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("TONGXIN_DATA_DIR", BASE_DIR.parent / "var"))


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from exc


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return [part.strip() for part in value.split(",") if part.strip()]


def _secret_key() -> str:
    """A generated key kept in a 0600 file, so a fresh install is safe and several processes share one key."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


DEBUG = envbool("DEBUG", False)
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "tongxin.core",
    "tongxin.accounts",
    "tongxin.audit",
    "tongxin.files",
    "tongxin.orgs",
    "tongxin.plans",
    "tongxin.activities",
    "tongxin.ingest",
    "tongxin.supervision",
    "tongxin.calls",
    "tongxin.fieldwork",
    "tongxin.events",
    "tongxin.quiz",
    "tongxin.notify",
    "tongxin.reports",
    "tongxin.exports",
    "tongxin.api",
    "tongxin.tokens",
    "tongxin.ops",
    "tongxin.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "tongxin.api.auth.ApiTokenMiddleware",  # Bearer tokens on /api/ only (ops)
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "tongxin.core.middleware.SecurityHeadersMiddleware",
    "tongxin.accounts.middleware.ForcePasswordChangeMiddleware",
    # Axes must be last: it answers locked-out sign-in attempts itself.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tongxin.urls"
WSGI_APPLICATION = "tongxin.wsgi.application"

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
                "tongxin.core.context_processors.site",
                "tongxin.notify.context_processors.unread",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'tongxin.sqlite3'}",
        conn_max_age=envint("DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the page server and the task worker read while the other writes; a writer that finds the database
    # locked waits up to SQLITE_TIMEOUT seconds (busy timeout) instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": envint("SQLITE_TIMEOUT", 20),
        }
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "tongxin.accounts.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
TONGXIN_INVITE_DAYS = envint("TONGXIN_INVITE_DAYS", 7)  # how long a one-time sign-up link stays valid
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "activities:overview"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sign-in lockout: five wrong passwords for one user name from one address lock it for 30 minutes.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_MINUTES", 30) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", DATA_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise expects it even when it serves from the apps
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if envbool("STATIC_MANIFEST", False)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = envbool("WHITENOISE_USE_FINDERS", True)

# Uploads: plan documents and evidence are checked for type and size before they are stored.
UPLOAD_MAX_BYTES = envint("UPLOAD_MAX_MB", 20) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES
# Every uploaded file streams to a temporary file on disk, never into memory; one request may carry at most
# REQUEST_MAX_MB of files (the rest is skipped while reading, and the form says so), one report EVIDENCE_MAX_TOTAL_MB.
FILE_UPLOAD_HANDLERS = ["tongxin.core.uploads.BoundedUploadHandler"]
FILE_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
REQUEST_MAX_BYTES = envint("REQUEST_MAX_MB", 120) * 1024 * 1024
EVIDENCE_MAX_TOTAL_BYTES = envint("EVIDENCE_MAX_TOTAL_MB", 100) * 1024 * 1024

# --- Sessions and HTTPS (owned by the hardening work; documented in docs/security.md) -------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# A working day rather than Django's two weeks: a shared office computer should not stay signed in for a fortnight.
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = envbool("SESSION_EXPIRE_AT_BROWSER_CLOSE", False)
# HSTS is off until the site is known to be served only over HTTPS: once sent, browsers refuse plain HTTP for years.
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
# Trust X-Forwarded-Proto only when told a proxy sets it: otherwise any client could claim to be on HTTPS.
# One switch for everything a reverse proxy tells us (its X-Forwarded-Proto here, X-Forwarded-For for the client's
# address in the public block below), believed only from TRUSTED_PROXIES.
TRUST_PROXY_HEADERS = envbool("TRUST_PROXY_HEADERS", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUST_PROXY_HEADERS else None
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
if SESSION_COOKIE_AGE <= 0 or SECURE_HSTS_SECONDS < 0:
    raise ImproperlyConfigured("SESSION_COOKIE_AGE must be positive and SECURE_HSTS_SECONDS not negative.")
# --- end of sessions and HTTPS ---------------------------------------------------------------------------------

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "tongxin@localhost")

# The demo may pin "today" (ISO date) so the reference plan of 2019 can be seen mid-year.
TONGXIN_TODAY = os.environ.get("TONGXIN_TODAY", "")
TONGXIN_SITE_NAME = os.environ.get("TONGXIN_SITE_NAME", "同心 · 方案落实管理")

# --- ops: logs, health, cleanup (tongxin.ops) -----------------------------------------------------------------
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, got {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "tongxin.ops.logging.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", **({"formatter": "json"} if LOG_FORMAT == "json" else {})}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
# /healthz fails when the worker or the reminder loop has not beaten for this long, or the disk is this full.
TONGXIN_HEARTBEAT_STALE_SECONDS = envint("TONGXIN_HEARTBEAT_STALE_SECONDS", 900)
TONGXIN_MIN_FREE_DISK_MB = envint("TONGXIN_MIN_FREE_DISK_MB", 500)
# The daily cleanup keeps sent deliveries this many days, finished background jobs this many.
TONGXIN_DELIVERY_KEEP_DAYS = envint("TONGXIN_DELIVERY_KEEP_DAYS", 90)
TONGXIN_TASK_RESULTS_KEEP_DAYS = envint("TONGXIN_TASK_RESULTS_KEEP_DAYS", 7)
# Behind nginx (deploy/nginx) with TRUST_PROXY_HEADERS on: the proxies whose forwarded headers we believe.
TRUSTED_PROXIES = envlist("TRUSTED_PROXIES", ["127.0.0.1", "::1"])
# PgBouncer in transaction pooling mode (deploy/pgbouncer): a connection is not ours between transactions, so no
# server-side cursors and no prepared statements.
if envbool("DB_PGBOUNCER", False) and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = None
# --- end ops ------------------------------------------------------------------------------------------------------

if not DEBUG and os.environ.get("TONGXIN_PRODUCTION") and not os.environ.get("SECRET_KEY"):
    raise ImproperlyConfigured("生产环境必须通过环境变量 SECRET_KEY 设置密钥。")

# Demo mode shows the demo accounts on the sign-in page; `tongxin serve` turns it on when it loaded the demo.
TONGXIN_DEMO = envbool("TONGXIN_DEMO", False)

# Supervision: a task is yellow when due within this many days, escalated to its lead leader this many days overdue.
TONGXIN_YELLOW_DAYS = envint("TONGXIN_YELLOW_DAYS", 7)
TONGXIN_ESCALATE_DAYS = envint("TONGXIN_ESCALATE_DAYS", 7)
TONGXIN_REMIND_HOUR = envint("TONGXIN_REMIND_HOUR", 8)  # the background loop sends no reminders before this hour
EVIDENCE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".txt": "text/plain",
    ".mp4": "video/mp4",
}

# ── Public face (tongxin.public): pages without sign-in, QR codes, captcha, rate limits, error pages ──────────────
# Owned by the public app; see "The public face" in docs/ARCHITECTURE.md.
INSTALLED_APPS += ["tongxin.public", "captcha"]

# Client addresses (tongxin.public.net.client_ip, for the rate limits and for django-axes, so a lockout behind a
# reverse proxy keys on the real client rather than on the proxy): X-Forwarded-For is believed only when
# TRUST_PROXY_HEADERS is on (ops block above) and only from TRUSTED_PROXIES, which may list addresses or CIDR
# networks ("127.0.0.1,::1,10.0.0.0/8"). Off, or an empty list, trusts nobody: the client is REMOTE_ADDR.
import ipaddress  # noqa: E402 (kept inside this block)

for _net in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_net, strict=False)
    except ValueError as _exc:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES must list IP addresses or CIDR networks: {_exc}") from _exc
AXES_CLIENT_IP_CALLABLE = "tongxin.public.net.axes_client_ip"

# Public pages render through their own template engine whose context carries nothing about the signed-in user
# (no `user`, `perms`, messages or unread count), so a staff member opening a public page can never leak into it.
TEMPLATES.append(
    {
        "NAME": "public",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["tongxin.public.context_processors.public"]},
    }
)
PUBLIC_SITE_NAME = os.environ.get("PUBLIC_SITE_NAME", "统一战线公众服务")
PUBLIC_ORGANISATION = os.environ.get("PUBLIC_ORGANISATION", "市委统战部")  # the controller named in the notice
PUBLIC_CONTACT = os.environ.get("PUBLIC_CONTACT", "")  # phone or address for questions about personal data

# Chinese error pages (site layout, or the public layout under /p/); expected refusals log one line, no traceback.
CSRF_FAILURE_VIEW = "tongxin.public.errors.csrf_failure"
LOGGING.setdefault("filters", {})["expected_refusals"] = {"()": "tongxin.public.logs.ExpectedRefusalFilter"}
LOGGING["handlers"]["console"]["filters"] = ["expected_refusals"]
LOGGING.setdefault("loggers", {})["django.request"] = {"filters": ["expected_refusals"]}

# Image captcha (django-simple-captcha): challenges live in the database, so every app process can check them.
CAPTCHA_CHALLENGE_FUNCT = "tongxin.public.captcha.challenge"
CAPTCHA_FONT_SIZE = 30
CAPTCHA_TIMEOUT = 10  # minutes a challenge stays valid
CAPTCHA_LETTER_ROTATION = (-25, 25)
# ── end of the public face block ──────────────────────────────────────────────────────────────────────────────────
