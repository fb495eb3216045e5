"""Settings for the test suite: SQLite by default, PostgreSQL when DATABASE_URL is set."""

import tempfile
from pathlib import Path

from danchu.settings.base import *  # noqa: F403
from danchu.settings.base import HUEY, REDIS_URL

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

# Tasks run at once, in the test, through huey's real storage: a SQLite file of this test run,
# or Redis when REDIS_URL is set (.ci/run does both).
HUEY = {
    **HUEY,
    "immediate": True,
    "connection": (
        {"url": REDIS_URL}
        if REDIS_URL
        else {"filename": str(Path(tempfile.mkdtemp(prefix="danchu-tasks-")) / "tasks.sqlite3")}
    ),
}
