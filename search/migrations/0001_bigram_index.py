"""The search documents indexed by bigrams, on both engines (docs/search.md says why).

The documents' columns now hold each part's index words (search.text.index_words):
existing documents are converted from the folded text they held.

- SQLite: the FTS5 table `articles_search_fts` reads those words with the
  unicode61 tokenizer (in place of the trigram one), kept in sync with the
  documents by the same three triggers as before.
- PostgreSQL: a generated `tsvector` column, `bigrams`, reads them with the
  `simple` configuration (which keeps each word as it is), under one GIN
  index. The columns go in the order short parts first, so positions (which
  stop at 16,383) reach as far as they can into the body.

Reversed, the trigram FTS table comes back on SQLite and the documents are
emptied: run `manage.py rebuild_search_index` with the code of that time.
"""

from django.db import migrations

from search.text import FIELDS, PREFIXES, fold, index_words

TABLE = "articles_searchdocument"
VECTOR_COLUMNS = ("title", "lead", "key_points", "original", "body")


def _triggers(columns: tuple[str, ...]) -> list[str]:
    listed = ", ".join(columns)
    new = ", ".join("new." + c for c in columns)
    old = ", ".join("old." + c for c in columns)
    return [
        f"""CREATE TRIGGER articles_search_ai AFTER INSERT ON {TABLE} BEGIN
            INSERT INTO articles_search_fts(rowid, {listed}) VALUES (new.article_id, {new});
        END""",  # nosec B608 # built from constants only, no input
        f"""CREATE TRIGGER articles_search_ad AFTER DELETE ON {TABLE} BEGIN
            INSERT INTO articles_search_fts(articles_search_fts, rowid, {listed}) VALUES ('delete', old.article_id, {old});
        END""",  # nosec B608 # built from constants only, no input
        f"""CREATE TRIGGER articles_search_au AFTER UPDATE ON {TABLE} BEGIN
            INSERT INTO articles_search_fts(articles_search_fts, rowid, {listed}) VALUES ('delete', old.article_id, {old});
            INSERT INTO articles_search_fts(rowid, {listed}) VALUES (new.article_id, {new});
        END""",  # nosec B608 # built from constants only, no input
    ]


def _fts_table(tokenizer: str) -> str:
    return (
        f"CREATE VIRTUAL TABLE articles_search_fts USING fts5({', '.join(FIELDS)}, "
        f"content='{TABLE}', content_rowid='article_id', tokenize='{tokenizer}')"
    )


SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS articles_search_au",
    "DROP TRIGGER IF EXISTS articles_search_ad",
    "DROP TRIGGER IF EXISTS articles_search_ai",
    "DROP TABLE IF EXISTS articles_search_fts",
]
SQLITE_CREATE = [
    _fts_table("unicode61 remove_diacritics 0"),
    *_triggers(FIELDS),
    "INSERT INTO articles_search_fts(articles_search_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [_fts_table("trigram"), *_triggers(FIELDS)]
_VECTOR_TEXT = " || ' ' || ".join(VECTOR_COLUMNS)
POSTGRES_CREATE = [
    f"ALTER TABLE {TABLE} ADD COLUMN bigrams tsvector GENERATED ALWAYS AS "
    f"(to_tsvector('simple'::regconfig, {_VECTOR_TEXT})) STORED",
    f"CREATE INDEX articles_search_bigrams ON {TABLE} USING gin (bigrams)",
    # No statistics for the column: with them the planner reckons a common word cheaper to find by
    # reading every document's vector (a tenth of a millisecond each, to decompress) than by the
    # index, which answers a word alone without reading any. Without them it takes the index.
    f"ALTER TABLE {TABLE} ALTER COLUMN bigrams SET STATISTICS 0",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS articles_search_bigrams",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS bigrams",
]


def _convert(apps) -> None:
    SearchDocument = apps.get_model("articles", "SearchDocument")
    for document in SearchDocument.objects.iterator(chunk_size=500):
        for column in FIELDS:
            setattr(document, column, index_words(fold(getattr(document, column)), PREFIXES[column]))
        document.save(update_fields=FIELDS)


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for sql in SQLITE_DROP:
            schema_editor.execute(sql)
    _convert(apps)
    for sql in {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}.get(vendor, []):
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for sql in SQLITE_DROP:
            schema_editor.execute(sql)
    apps.get_model("articles", "SearchDocument").objects.all().delete()
    for sql in {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}.get(vendor, []):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("articles", "0019_search_trigram_indexes_dropped")]
    operations = [migrations.RunPython(forward, backward)]
