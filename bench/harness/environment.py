"""The environment every benchmark process runs in: production settings, DEBUG off, a fresh
secret, the benchmark database, and scratch folders of this run."""

from __future__ import annotations

import base64
import os
import secrets
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def production_env(database_url: str, scratch: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "danchu.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(48),
        "DANCHU_SEAL_KEYS": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        "DJANGO_DEBUG": "0",
        "DATABASE_URL": database_url,
        "DB_CONN_MAX_AGE": "60",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_STATIC_ROOT": str(scratch / "static"),
        "DANCHU_TASKS_FILE": str(scratch / "tasks.sqlite3"),
        "PYTHONPATH": str(ROOT),
        **extra,
    }
