"""Engine-native indexes for the search documents.

SQLite: an FTS5 table with the trigram tokenizer (substring matching,
which Japanese needs: it has no spaces between words), kept in sync with
articles_searchdocument by triggers. PostgreSQL: pg_trgm GIN indexes on
the upper-cased columns, which serve Django's `icontains` (UPPER(col) LIKE UPPER('%…%')).
"""

from django.db import migrations

COLUMNS = ("title", "lead", "key_points", "body", "original")

SQLITE_FORWARD = [
    f"""CREATE VIRTUAL TABLE articles_search_fts USING fts5(
        {", ".join(COLUMNS)}, content='articles_searchdocument', content_rowid='article_id',
        tokenize='trigram')""",
    f"""CREATE TRIGGER articles_search_ai AFTER INSERT ON articles_searchdocument BEGIN
        INSERT INTO articles_search_fts(rowid, {", ".join(COLUMNS)})
        VALUES (new.article_id, {", ".join("new." + c for c in COLUMNS)});
    END""",  # nosec B608 # built from the constant COLUMNS only, no input
    f"""CREATE TRIGGER articles_search_ad AFTER DELETE ON articles_searchdocument BEGIN
        INSERT INTO articles_search_fts(articles_search_fts, rowid, {", ".join(COLUMNS)})
        VALUES ('delete', old.article_id, {", ".join("old." + c for c in COLUMNS)});
    END""",  # nosec B608 # built from the constant COLUMNS only, no input
    f"""CREATE TRIGGER articles_search_au AFTER UPDATE ON articles_searchdocument BEGIN
        INSERT INTO articles_search_fts(articles_search_fts, rowid, {", ".join(COLUMNS)})
        VALUES ('delete', old.article_id, {", ".join("old." + c for c in COLUMNS)});
        INSERT INTO articles_search_fts(rowid, {", ".join(COLUMNS)})
        VALUES (new.article_id, {", ".join("new." + c for c in COLUMNS)});
    END""",  # nosec B608 # built from the constant COLUMNS only, no input
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS articles_search_au",
    "DROP TRIGGER IF EXISTS articles_search_ad",
    "DROP TRIGGER IF EXISTS articles_search_ai",
    "DROP TABLE IF EXISTS articles_search_fts",
]
POSTGRES_FORWARD = ["CREATE EXTENSION IF NOT EXISTS pg_trgm"] + [
    f"CREATE INDEX IF NOT EXISTS articles_search_{c}_trgm ON articles_searchdocument "
    f"USING gin (UPPER({c}) gin_trgm_ops)"
    for c in COLUMNS
]
POSTGRES_BACKWARD = [f"DROP INDEX IF EXISTS articles_search_{c}_trgm" for c in COLUMNS]


def forward(apps, schema_editor):
    statements = {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    statements = {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_search_document")]
    operations = [migrations.RunPython(forward, backward)]
