"""PostgreSQL: scope lexemes in the ``document`` tsvector, so that a search reads only the
actor's part of the index (nothing changes on SQLite).

Besides the words (weights A and B, with positions), each entry's ``document`` now holds, without
positions, one lexeme ``@<prefix>`` for every prefix of its ``unit_path`` ending in ``/``
("38/15001/00123/" gives "@38/", "@38/15001/" and "@38/15001/00123/"), and ``@public`` when the
entry is public. The text parser never makes a token that starts with ``@``, and the folded
query words are letters and digits only, so no word nor word prefix typed by a user can match
one. The PostgreSQL backend ANDs ``'@public' | '@<scope>' | …`` into the tsquery, and the GIN
index on ``document`` (unchanged) intersects the posting lists; the permission filter stays in
the WHERE clause.

Existing entries are re-indexed here: the ``UPDATE … SET title_terms = title_terms`` fires the
trigger on every row (on 1,000,000 entries a few minutes, and the table is rewritten).
"""

from django.db import migrations

SCOPE_FUNCTION = r"""
    CREATE FUNCTION search_entry_scope(unit_path text, is_public boolean) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT array_to_tsvector(
            ARRAY(
                SELECT '@' || left(unit_path, i)
                FROM generate_series(1, length(coalesce(unit_path, ''))) AS i
                WHERE substr(unit_path, i, 1) = '/'
            )
            || CASE WHEN is_public THEN ARRAY['@public'] ELSE ARRAY[]::text[] END
        )
    $$
"""

DOCUMENT_WITH_SCOPE = """
    CREATE OR REPLACE FUNCTION search_entry_document() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.document :=
            setweight(to_tsvector('simple', unaccent(coalesce(NEW.title_terms, ''))), 'A')
            || setweight(to_tsvector('simple', unaccent(coalesce(NEW.body_terms, ''))), 'B')
            || search_entry_scope(NEW.unit_path, NEW.is_public);
        RETURN NEW;
    END
    $$
"""

DOCUMENT_WITHOUT_SCOPE = """
    CREATE OR REPLACE FUNCTION search_entry_document() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.document :=
            setweight(to_tsvector('simple', unaccent(coalesce(NEW.title_terms, ''))), 'A')
            || setweight(to_tsvector('simple', unaccent(coalesce(NEW.body_terms, ''))), 'B');
        RETURN NEW;
    END
    $$
"""

REINDEX = "UPDATE search_searchentry SET title_terms = title_terms"

POSTGRESQL_FORWARD = [SCOPE_FUNCTION, DOCUMENT_WITH_SCOPE, REINDEX]
POSTGRESQL_BACKWARD = [
    DOCUMENT_WITHOUT_SCOPE,
    "DROP FUNCTION IF EXISTS search_entry_scope(text, boolean)",
    REINDEX,
]


def _run(schema_editor, statements: list[str]) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        return  # FTS5 holds the words only; the permission filter alone restricts.
    if vendor != "postgresql":
        raise RuntimeError(f"Search supports SQLite and PostgreSQL, not {vendor}.")
    for statement in statements:
        schema_editor.execute(statement)


def forward(apps, schema_editor) -> None:
    _run(schema_editor, POSTGRESQL_FORWARD)


def backward(apps, schema_editor) -> None:
    _run(schema_editor, POSTGRESQL_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [migrations.RunPython(forward, backward)]
