"""The backend full-text structures, for the database in use only.

SQLite: an FTS5 table over the folded words (external content: the words stay in
search_searchentry), triggers that keep it in step with every insert, update and delete, and
bm25 ranking with the title weighing ten times the body.

PostgreSQL: the unaccent extension, a ``document`` tsvector column filled by a trigger from the
folded words through unaccent (title weight A, body weight B), and a GIN index on it.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        title_terms, body_terms,
        content='search_searchentry', content_rowid='id',
        tokenize="unicode61 remove_diacritics 2", prefix='2 3'
    )
    """,
    """
    CREATE TRIGGER search_fts_after_insert AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, title_terms, body_terms)
        VALUES (new.id, new.title_terms, new.body_terms);
    END
    """,
    """
    CREATE TRIGGER search_fts_after_delete AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_terms, body_terms)
        VALUES ('delete', old.id, old.title_terms, old.body_terms);
    END
    """,
    """
    CREATE TRIGGER search_fts_after_update AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_terms, body_terms)
        VALUES ('delete', old.id, old.title_terms, old.body_terms);
        INSERT INTO search_fts(rowid, title_terms, body_terms)
        VALUES (new.id, new.title_terms, new.body_terms);
    END
    """,
    "INSERT INTO search_fts(search_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)')",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_after_update",
    "DROP TRIGGER IF EXISTS search_fts_after_delete",
    "DROP TRIGGER IF EXISTS search_fts_after_insert",
    "DROP TABLE IF EXISTS search_fts",
]

POSTGRESQL_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "ALTER TABLE search_searchentry ADD COLUMN document tsvector",
    """
    CREATE FUNCTION search_entry_document() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.document :=
            setweight(to_tsvector('simple', unaccent(coalesce(NEW.title_terms, ''))), 'A')
            || setweight(to_tsvector('simple', unaccent(coalesce(NEW.body_terms, ''))), 'B');
        RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER search_entry_document BEFORE INSERT OR UPDATE ON search_searchentry
    FOR EACH ROW EXECUTE FUNCTION search_entry_document()
    """,
    "UPDATE search_searchentry SET title_terms = title_terms",
    "CREATE INDEX search_entry_document_gin ON search_searchentry USING GIN (document)",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_document_gin",
    "DROP TRIGGER IF EXISTS search_entry_document ON search_searchentry",
    "DROP FUNCTION IF EXISTS search_entry_document()",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS document",
]

STATEMENTS = {
    "sqlite": (SQLITE_FORWARD, SQLITE_BACKWARD),
    "postgresql": (POSTGRESQL_FORWARD, POSTGRESQL_BACKWARD),
}


def _run(schema_editor, backward: bool) -> None:
    vendor = schema_editor.connection.vendor
    if vendor not in STATEMENTS:
        raise RuntimeError(f"Search supports SQLite and PostgreSQL, not {vendor}.")
    for statement in STATEMENTS[vendor][1 if backward else 0]:
        schema_editor.execute(statement)


def forward(apps, schema_editor) -> None:
    _run(schema_editor, backward=False)


def backward(apps, schema_editor) -> None:
    _run(schema_editor, backward=True)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
