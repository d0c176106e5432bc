"""The full-text index over the folded columns, one per database (see the README, "Search").

SQLite: an FTS5 table with external content (the rows of search_searchentry), kept in
step by triggers, so every insert, update and delete of an entry — a bulk one, a flush —
reaches it. The text is already folded and split into words (`core.text.fold_tokens`),
so the plain unicode61 tokenizer sees exactly those words.

PostgreSQL: a stored generated `tsvector` column (title words weighted A, all words D,
'simple' configuration: no stemming, no stop words) with a GIN index. The models do not
know either: they are reached through the search selectors' SQL only.
"""

from django.db import migrations

SQLITE = [
    """CREATE VIRTUAL TABLE search_entry_fts USING fts5(
         folded_title, folded, content='search_searchentry', content_rowid='id', tokenize='unicode61'
       );""",
    """CREATE TRIGGER search_entry_fts_insert AFTER INSERT ON search_searchentry BEGIN
         INSERT INTO search_entry_fts (rowid, folded_title, folded) VALUES (new.id, new.folded_title, new.folded);
       END;""",
    """CREATE TRIGGER search_entry_fts_delete AFTER DELETE ON search_searchentry BEGIN
         INSERT INTO search_entry_fts (search_entry_fts, rowid, folded_title, folded)
         VALUES ('delete', old.id, old.folded_title, old.folded);
       END;""",
    """CREATE TRIGGER search_entry_fts_update AFTER UPDATE ON search_searchentry BEGIN
         INSERT INTO search_entry_fts (search_entry_fts, rowid, folded_title, folded)
         VALUES ('delete', old.id, old.folded_title, old.folded);
         INSERT INTO search_entry_fts (rowid, folded_title, folded) VALUES (new.id, new.folded_title, new.folded);
       END;""",
    "INSERT INTO search_entry_fts (search_entry_fts) VALUES ('rebuild');",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS search_entry_fts_insert;",
    "DROP TRIGGER IF EXISTS search_entry_fts_delete;",
    "DROP TRIGGER IF EXISTS search_entry_fts_update;",
    "DROP TABLE IF EXISTS search_entry_fts;",
]

POSTGRES = [
    """ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
         setweight(to_tsvector('simple', folded_title), 'A') || setweight(to_tsvector('simple', folded), 'D')
       ) STORED;""",
    "CREATE INDEX search_entry_vector_idx ON search_searchentry USING gin (search_vector);",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS search_entry_vector_idx;",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector;",
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}.get(vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
