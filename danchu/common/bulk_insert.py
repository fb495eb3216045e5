"""Fast inserts for large imports: ids reserved up front, rows written with PostgreSQL's COPY
or SQLite's executemany, bypassing per-value ORM work.

Only for rows the caller has already validated. ``bulk_create`` remains the tool for ordinary
sizes; this is for registers of hundreds of thousands of rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from django.db import connection
from django.db.models import Model


def reserve_ids(model: type[Model], count: int) -> list[int]:
    """``count`` fresh primary keys for ``model``, inside the transaction that inserts them.

    PostgreSQL: taken from the table's sequence. SQLite: after both the largest id and the
    AUTOINCREMENT counter (so ids of deleted rows are never reused); danchu opens transactions as
    IMMEDIATE, so the write lock is held and nobody else can take the same ids.
    """
    if count <= 0:
        return []
    if not connection.in_atomic_block:
        raise RuntimeError("reserve_ids must run inside the transaction that inserts the rows")
    table = model._meta.db_table
    pk = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk, count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f'SELECT COALESCE(MAX("{pk}"), 0) FROM "{table}"')  # noqa: S608
        largest = cursor.fetchone()[0]
        cursor.execute("SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name = %s", [table])
        counter = cursor.fetchone()[0]
    start = max(largest, counter) + 1
    return list(range(start, start + count))


def _sqlite_adapter(ops: Any) -> Any:
    """Dates and times as Django stores them in SQLite (the sqlite3 module's own adapters are
    deprecated)."""

    def adapt(value: Any) -> Any:
        if isinstance(value, datetime):
            return ops.adapt_datetimefield_value(value)
        if isinstance(value, date):
            return ops.adapt_datefield_value(value)
        return value

    return adapt


def insert_rows(model: type[Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Insert ``rows`` (tuples in the order of ``fields``: model field names, a foreign key by
    its field name with the related id as value) into ``model``'s table. Returns the count."""
    table = model._meta.db_table
    columns = [model._meta.get_field(name).column for name in fields]
    quoted = ", ".join(f'"{c}"' for c in columns)
    written = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor
            with raw.copy(f'COPY "{table}" ({quoted}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(row)
                    written += 1
            return written
        adapt = _sqlite_adapter(connection.ops)
        placeholders = ", ".join(["%s"] * len(columns))
        sql = f'INSERT INTO "{table}" ({quoted}) VALUES ({placeholders})'  # noqa: S608
        batch: list[tuple] = []
        for row in rows:
            batch.append(tuple(map(adapt, row)))
            if len(batch) >= 5000:
                cursor.executemany(sql, batch)
                written += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            written += len(batch)
    return written
