"""Production settings refuse to start with DEBUG on or with the default secret."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

GOOD_SECRET = "x" * 50
GOOD_SEAL_KEY = "c2VhbC1rZXktZm9yLXRoZS1zZXR0aW5ncy10ZXN0LTEy"  # 32 bytes, base64


def _import_production(**env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "DANCHU_SEAL_KEYS"))
    }
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import danchu.settings.production"],
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": "short"}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": GOOD_SECRET, "DJANGO_DEBUG": "1"}, "DEBUG"),
        ({"DJANGO_SECRET_KEY": GOOD_SECRET, "DJANGO_DEBUG": "maybe"}, "boolean"),
        ({"DJANGO_SECRET_KEY": GOOD_SECRET}, "DANCHU_SEAL_KEYS"),
        (
            {
                "DJANGO_SECRET_KEY": GOOD_SECRET,
                "DANCHU_SEAL_KEYS": "ZGFuY2h1LWRldmVsb3BtZW50LXNlYWwta2V5LTAwMDA=",
            },
            "DANCHU_SEAL_KEYS",
        ),
    ],
)
def test_production_refuses_unsafe_configuration(env, message):
    result = _import_production(**env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and message in result.stderr


def test_production_starts_with_a_real_secret():
    result = _import_production(DJANGO_SECRET_KEY=GOOD_SECRET, DANCHU_SEAL_KEYS=GOOD_SEAL_KEY)
    assert result.returncode == 0, result.stderr


def test_embedded_sqlite_database_uses_wal(tmp_path, monkeypatch):
    import sqlite3

    from danchu.settings.base import _database_config

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'danchu.sqlite3'}")
    config = _database_config()
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    connection = sqlite3.connect(config["NAME"])
    connection.executescript(config["OPTIONS"]["init_command"])
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    connection.close()
