"""A fresh PostgreSQL database for each benchmark run."""

from __future__ import annotations

import subprocess
from pathlib import Path

import psycopg

ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def ensure_server(root: Path) -> None:
    """Start (or install and start) PostgreSQL with the same script CI uses."""
    subprocess.run(["bash", str(root / ".ci" / "ensure-postgres")], check=True)


def recreate(name: str) -> str:
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def server_version() -> str:
    with psycopg.connect(ADMIN_URL) as conn:
        row = conn.execute("SHOW server_version").fetchone()
    return row[0] if row else "unknown"


def analyze(name: str) -> None:
    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{name}", autocommit=True) as conn:
        conn.execute("ANALYZE")
