"""On PostgreSQL, a trigram index makes the folded-text `contains` search of the document
list use an index (as organisations do). Skipped quietly where pg_trgm is not available;
SQLite needs nothing here."""

from django.db import migrations

INDEXES = [("documents_document", "document_search_trgm_idx")]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "DO $$ BEGIN CREATE EXTENSION IF NOT EXISTS pg_trgm; "
        "EXCEPTION WHEN insufficient_privilege THEN RAISE NOTICE 'pg_trgm not available'; END $$;"
    )
    for table, name in INDEXES:
        schema_editor.execute(
            "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN "
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_text gin_trgm_ops); "
            "END IF; END $$;"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _table, name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name};")


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial"), ("organisations", "0002_trigram_search")]
    operations = [migrations.RunPython(forwards, backwards)]
