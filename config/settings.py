"""phoihop settings: one file, driven by environment variables.

Nothing set → a local SQLite database and DEBUG on, so `make run` works on a bare
machine. Production sets PHOIHOP_SECRET_KEY, PHOIHOP_DEBUG=false, DATABASE_URL and
PHOIHOP_ALLOWED_HOSTS.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    value = os.getenv(name, default).strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean, got {value!r}")


def envint(name: str, default: str) -> int:
    value = os.getenv(name, default)
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from exc


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


DEBUG = envbool("PHOIHOP_DEBUG", "true")
SECRET_KEY = os.getenv("PHOIHOP_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("PHOIHOP_SECRET_KEY must be set when PHOIHOP_DEBUG is false")
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = envlist("PHOIHOP_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("PHOIHOP_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",
    "axes",
    "django_q",
    "phoihop.core",
    "phoihop.audit",
    "phoihop.organisations",
    "phoihop.accounts",
    "phoihop.programs",
    "phoihop.jobs",
    "phoihop.notifications",
    "phoihop.documents",
    "phoihop.exchange",
    "phoihop.provisions",
    "phoihop.opinion",
    "phoihop.press",
    "phoihop.hotissues",
    "phoihop.claims",
    "phoihop.search",
    "phoihop.meetings",
    "phoihop.inspections",
    "phoihop.exemplary",
    "phoihop.dashboards",
    "phoihop.reports",
    "phoihop.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "phoihop.core.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "phoihop.audit.middleware.AuditContextMiddleware",
    "phoihop.accounts.middleware.ActingOrganizationMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "django.template.context_processors.i18n",
                "phoihop.accounts.context_processors.acting_organization",
                "phoihop.core.navigation.navigation",
            ],
            "builtins": ["phoihop.core.templatetags.phoihop"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.getenv("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'phoihop.sqlite3'}"),
        conn_max_age=envint("PHOIHOP_DB_CONN_MAX_AGE", "0"),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout keep the embedded database usable by the web server and
    # the background worker at the same time.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:my_work"
LOGOUT_REDIRECT_URL = "accounts:login"

# django-axes: five failed sign-ins lock that account from that address for a while.
AXES_FAILURE_LIMIT = envint("PHOIHOP_LOGIN_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = timedelta(minutes=envint("PHOIHOP_LOGIN_COOLOFF_MINUTES", "30"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "phoihop.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_ENABLED = envbool("PHOIHOP_AXES_ENABLED", "true")

SESSION_COOKIE_AGE = envint("PHOIHOP_SESSION_SECONDS", str(8 * 3600))
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # HTMX reads the token from the page, not the cookie
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = envbool("PHOIHOP_SECURE_COOKIES", "false")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Vietnamese first. Source strings in templates and code are Vietnamese; English is the
# translation kept in locale/en.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.getenv("PHOIHOP_TIME_ZONE", "Asia/Ho_Chi_Minh")
FORMAT_MODULE_PATH = ["config.formats"]
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "var" / "media"
WHITENOISE_USE_FINDERS = DEBUG

# Who moves open work to the successors when organisations are re-organised
# (organisations.services.reorganization_carry_work calls each, in this order).
PHOIHOP_REORGANIZATION_CARRIERS = ["phoihop.programs.services.reorganization_carry_work"]

PHOIHOP_MAX_UPLOAD_MB = envint("PHOIHOP_MAX_UPLOAD_MB", "20")
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Uploads stay in memory, cut after PHOIHOP_MAX_UPLOAD_MB, and reach the disk only once
# the checks (type by content, confidentiality, duplicates) have passed.
FILE_UPLOAD_HANDLERS = ["phoihop.core.uploads.BoundedMemoryUploadHandler"]
FILE_UPLOAD_PERMISSIONS = 0o640

PAGE_SIZE = envint("PHOIHOP_PAGE_SIZE", "25")
API_TOKEN_DAYS = envint("PHOIHOP_API_TOKEN_DAYS", "30")

# --- background jobs and notifications (issue 4) ----------------------------------------
# django-q2 with the ORM broker: the queue is a table, no Redis. `make run` starts the
# worker (`manage.py qcluster`) beside the web server; periodic jobs are declared in
# phoihop/jobs/schedules.py and written to the database by `manage.py sync_schedules`.
# A failing job is not acknowledged, so the broker hands it out again `retry` seconds
# later, at most `max_attempts` times in all; then it stays failed (every job is safe
# to run again: reminders are deduplicated, e-mails marked as sent).
Q_CLUSTER = {
    "name": "phoihop",
    "orm": "default",
    "workers": envint("PHOIHOP_JOB_WORKERS", "1"),
    "timeout": envint("PHOIHOP_JOB_TIMEOUT_SECONDS", "600"),  # a run longer than this is killed
    "retry": envint("PHOIHOP_JOB_TIMEOUT_SECONDS", "600") + 300,  # must be longer than timeout
    "max_attempts": 3,
    "ack_failures": False,  # True would acknowledge a failure at once: no retry at all
    "save_limit": 1000,  # successful runs kept; failures are always kept
    "catch_up": False,  # after downtime, a missed daily run happens once, not once per missed day
    "poll": 2,  # seconds between looks at an empty queue table
    "recycle": 200,
}
PHOIHOP_BASE_URL = os.getenv("PHOIHOP_BASE_URL", "http://127.0.0.1:8000").rstrip("/")  # links in e-mails
PHOIHOP_DUE_SOON_DAYS = envint("PHOIHOP_DUE_SOON_DAYS", "3")
# Press feeds are fetched from public (Internet) addresses only; networks listed here
# (comma-separated CIDR, e.g. an intranet portal's "10.20.0.0/16") are allowed too.
# Loopback, link-local (cloud metadata) and the rest of the private ranges are refused.
PHOIHOP_PRESS_FEED_NETWORKS = envlist("PHOIHOP_PRESS_FEED_NETWORKS", "")

# E-mail: printed on the console unless an SMTP host is set.
EMAIL_HOST = os.getenv("PHOIHOP_EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = envint("PHOIHOP_EMAIL_PORT", "587")
EMAIL_HOST_USER = os.getenv("PHOIHOP_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.getenv("PHOIHOP_EMAIL_PASSWORD", "")
EMAIL_USE_SSL = envbool("PHOIHOP_EMAIL_USE_SSL", "false")  # port 465
EMAIL_USE_TLS = envbool("PHOIHOP_EMAIL_USE_TLS", "false" if EMAIL_USE_SSL else "true")  # STARTTLS, port 587
EMAIL_TIMEOUT = envint("PHOIHOP_EMAIL_TIMEOUT", "30")
DEFAULT_FROM_EMAIL = os.getenv("PHOIHOP_EMAIL_FROM", "phoihop <noreply@localhost>")
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("PHOIHOP_EMAIL_USE_TLS and PHOIHOP_EMAIL_USE_SSL cannot both be true")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("PHOIHOP_LOG_LEVEL", "WARNING")},
}
