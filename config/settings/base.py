"""Settings shared by every environment. Values that differ come from the environment."""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("RETURNEE_VAR_DIR", BASE_DIR / "var"))


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = env("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS: list[str] = [h for h in (env("ALLOWED_HOSTS") or "").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # accounts before allauth, so that its templates override allauth's.
    "returnee_home.accounts",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "ninja",
    "csp",
    "returnee_home.core",
    "returnee_home.orgs",
    "returnee_home.notifications",
    "returnee_home.talent",
    "returnee_home.services",
    "returnee_home.appointments",
    "returnee_home.records",
    "returnee_home.consultations",
    "returnee_home.naming",
    "returnee_home.alliance",
    "returnee_home.events",
    "returnee_home.policies",
    "returnee_home.jobs",
    "returnee_home.matching",
    "returnee_home.community",
    "returnee_home.dashboards",
    "returnee_home.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "returnee_home.core.middleware.RequestContextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "returnee_home.core.private_cache.PrivatePageCacheMiddleware",
    "returnee_home.accounts.middleware.RequireTwoFactorMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "returnee_home.core.context_processors.portal",
                "returnee_home.notifications.context_processors.unread",
            ],
        },
    }
]

# Database: SQLite is the embedded default; DATABASE_URL selects PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(env("DB_CONN_MAX_AGE", "60") or 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "workspace:home"
LOGOUT_REDIRECT_URL = "portal:home"

# Internationalisation: Simplified Chinese is the default, English the second language.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True
LANGUAGE_COOKIE_NAME = "rh_language"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT") or VAR_DIR / "media")
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT") or VAR_DIR / "private")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Private uploads (identity documents, licences) live outside MEDIA_ROOT and are
    # served only by views that check permission.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
UPLOAD_MAX_BYTES = 10 * 1024 * 1024

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "returnee-home",
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }
}
PUBLIC_PAGE_CACHE_SECONDS = 300
# Signed-in pages served again until a table they read is written (core/private_cache.py).
PRIVATE_PAGE_CACHE = env_bool("PRIVATE_PAGE_CACHE", True)

SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy: no inline scripts or styles anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Field encryption for sensitive numbers (ID/passport). A separate key from SECRET_KEY.
FIELD_ENCRYPTION_KEY = env("FIELD_ENCRYPTION_KEY", "")

# E-mail
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Returnee Home <noreply@returnee.home>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# SMS: one interface, the embedded default writes messages to the log.
SMS_BACKEND = env("SMS_BACKEND", "returnee_home.accounts.sms.LogSmsBackend")

# Celery: Redis in production; in the embedded default tasks run in-process.
CELERY_BROKER_URL = env("REDIS_URL", "memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
# Scheduled work for `celery -A config beat` (production); run the same commands by cron if
# Celery beat is not used: send_appointment_reminders, generate_slots, purge_deleted_accounts.
CELERY_BEAT_SCHEDULE = {
    "appointment-reminders": {
        "task": "appointments.send_appointment_reminders",
        "schedule": crontab(hour=18, minute=0),
    },
    "generate-slots": {
        "task": "appointments.generate_slots",
        "schedule": crontab(hour=0, minute=30),
    },
    "purge-deleted-accounts": {
        "task": "accounts.purge_deleted_accounts",
        "schedule": crontab(hour=3, minute=0),
    },
    "events-publish-scheduled": {
        "task": "events.publish_scheduled_events",
        "schedule": crontab(minute="*/5"),
    },
    "events-expire-offers": {
        "task": "events.expire_waiting_list_offers",
        "schedule": crontab(minute="*/10"),
    },
    "events-day-before": {
        "task": "events.send_event_reminders",
        "schedule": crontab(hour=9, minute=0),
    },
    "jobs-expire-postings": {
        "task": "jobs.expire_postings",
        "schedule": crontab(hour=0, minute=10),
    },
    "jobs-saved-search-alerts": {
        "task": "jobs.saved_search_alerts",
        "schedule": crontab(hour=8, minute=0),
    },
    "matching-catch-up": {"task": "matching.catch_up", "schedule": crontab(minute="*/5")},
    "matching-recompute": {"task": "matching.recompute_all", "schedule": crontab(hour=2, minute=0)},
    "community-message-digests": {
        "task": "community.send_message_digests",
        "schedule": crontab(minute="*/10"),
    },
    "dashboards-monthly-reports": {
        "task": "dashboards.generate_monthly_reports",
        "schedule": crontab(day_of_month=1, hour=1, minute=0),
    },
}

# allauth: e-mail or mainland mobile number, verification required, throttled login.
ACCOUNT_ADAPTER = "returnee_home.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "signup": "returnee_home.accounts.forms.SignupForm",
    "login": "returnee_home.accounts.forms.LoginForm",
}
ACCOUNT_LOGIN_METHODS = {"email", "phone"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "phone", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PHONE_VERIFICATION_ENABLED = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Returnee Home"

NINJA_PAGINATION_PER_PAGE = 50

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "jieba": {"level": "WARNING"},
        # Eager tasks in the embedded default would log every run at INFO.
        "celery": {"level": "WARNING"},
    },
}

# The portal's public address, for links in e-mails and feeds.
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")
API_TOKEN_RATE_PER_MINUTE = 600

PORTAL_NAME = _("Jiangsu Home for Returned Overseas Students")
PRIVACY_POLICY_VERSION = "2026-11"
ACCOUNT_DELETION_GRACE_DAYS = 15
AUDIT_RETENTION_DAYS = 180
