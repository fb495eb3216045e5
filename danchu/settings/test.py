"""Settings for the test suite: SQLite by default, PostgreSQL when DATABASE_URL is set."""

from danchu.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "danchu-test-secret-key-not-for-production-use-0123456789"
# Hashing with argon2 is slow on purpose; tests use a fast hasher.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_FAILURE_LIMIT = 3
STATIC_ROOT = None
