"""On PostgreSQL, refuse UPDATE and DELETE of generated papers and their files."""

from django.db import migrations

TABLES = ("documents_generateddocument", "documents_documentfile")

CREATE = """
CREATE OR REPLACE FUNCTION documents_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is immutable: % is not allowed', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;
"""
TRIGGER = """
DROP TRIGGER IF EXISTS {table}_immutable ON {table};
CREATE TRIGGER {table}_immutable
    BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION documents_immutable();
"""
DROP_TRIGGER = "DROP TRIGGER IF EXISTS {table}_immutable ON {table};"
DROP = "DROP FUNCTION IF EXISTS documents_immutable();"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)
        for table in TABLES:
            schema_editor.execute(TRIGGER.format(table=table), params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(DROP_TRIGGER.format(table=table), params=None)
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
