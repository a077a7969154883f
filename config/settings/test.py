"""Settings for the test suite. DATABASE_URL (set by the Makefile) selects PostgreSQL."""

from config.settings.base import *  # noqa: F403
from config.settings.base import env

SECRET_KEY = "test-secret-key-not-for-production-0123456789abcdef"  # noqa: S105
FIELD_ENCRYPTION_KEY = "test-field-encryption-key"
DEBUG = False
ALLOWED_HOSTS = ["*"]
# A fast hasher keeps the suite quick; base and production use Argon2 (a test checks it).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SMS_BACKEND = "returnee_home.accounts.sms.OutboxSmsBackend"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
PRIVATE_MEDIA_ROOT = VAR_DIR / "test-private"  # noqa: F405
STORAGES["private"]["OPTIONS"]["location"] = str(PRIVATE_MEDIA_ROOT)
SERVE_PUBLIC_MEDIA = True
if env("DATABASE_URL"):
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
