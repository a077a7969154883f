"""Embedded default: SQLite, in-process tasks, mail to the console. Needs no environment."""

from config.settings.base import *  # noqa: F403
from config.settings.base import env, env_bool

SECRET_KEY = env("SECRET_KEY") or "local-only-insecure-key-never-used-in-production-0123456789"
FIELD_ENCRYPTION_KEY = env("FIELD_ENCRYPTION_KEY") or "local-only-field-encryption-key"
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = VAR_DIR / "mail"  # noqa: F405
SERVE_PUBLIC_MEDIA = True
# Shared by every server process on this machine (page cache, login throttling, sessions).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache"),  # noqa: F405
        "OPTIONS": {"MAX_ENTRIES": 50000},
    }
}
