"""Each part's Japanese characters indexed as words of their own, for 1-character terms.

A 1-character term was the prefix of the bigrams it starts, and both engines
merged the lists of all of them, which grow with the archive. The documents'
new `characters` column (articles 0025) holds every part's characters once
each (search.text.character_words); it is filled here from the words the
documents hold, and indexed with the rest:

- SQLite: the FTS5 table is made again with the column, with its three
  triggers, and rebuilt (making the documents' table again for the new
  column dropped the triggers).
- PostgreSQL: the generated vector is made again with the characters added
  stripped (they are never part of a phrase, so they need no positions),
  and its GIN index with it. The table's rows keep only pointers to their
  words (`toast_tuple_target`): a lookup through the GIN index reads the
  row of each story it finds, for its id, and rows of up to 2 kB held four
  to a page; now about 23 (100,000 documents: 33 MB of rows).

Reversed, the index is as 0001 made it and the column stays empty.
"""

import importlib

from django.db import migrations

TABLE = "articles_searchdocument"
# The parts' columns and their letters as search.text has them when this migration was written.
PARTS = {"title": "t", "lead": "l", "key_points": "k", "body": "b", "original": "o"}
UNIGRAM = "u"
VECTOR_COLUMNS = ("title", "lead", "key_points", "original", "body")


def _characters(document) -> str:
    return " ".join(
        UNIGRAM + letter + c
        for part, letter in PARTS.items()
        for c in sorted(c for c in set(getattr(document, part)) if c >= "\u2e80")
    )


def _fill(apps, *, empty: bool = False) -> None:
    SearchDocument = apps.get_model("articles", "SearchDocument")
    batch = []
    for document in SearchDocument.objects.iterator(chunk_size=500):
        document.characters = "" if empty else _characters(document)
        batch.append(document)
        if len(batch) == 500:
            SearchDocument.objects.bulk_update(batch, ["characters"])
            batch = []
    SearchDocument.objects.bulk_update(batch, ["characters"])


# The FTS5 triggers and the statements dropping them and the table, as 0001 made them: dropped before the
# documents are written (a trigger left would tell the old index of each), made again for the new columns.
_bigram_index = importlib.import_module("search.migrations.0001_bigram_index")
SQLITE_DROP = _bigram_index.SQLITE_DROP


def _sqlite(columns: tuple[str, ...]) -> list[str]:
    return [
        f"CREATE VIRTUAL TABLE articles_search_fts USING fts5({', '.join(columns)}, "
        f"content='{TABLE}', content_rowid='article_id', tokenize='unicode61 remove_diacritics 0')",
        *_bigram_index._triggers(columns),
        "INSERT INTO articles_search_fts(articles_search_fts) VALUES ('rebuild')",
    ]


def _postgresql(vector: str, storage: str) -> list[str]:
    return [
        f"ALTER TABLE {TABLE} {storage}",  # before the rewrite below
        "DROP INDEX IF EXISTS articles_search_bigrams",
        f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS bigrams",
        f"ALTER TABLE {TABLE} ADD COLUMN bigrams tsvector GENERATED ALWAYS AS ({vector}) STORED",
        f"CREATE INDEX articles_search_bigrams ON {TABLE} USING gin (bigrams)",
        f"ALTER TABLE {TABLE} ALTER COLUMN bigrams SET STATISTICS 0",  # as 0001 says why
    ]


_WORDS = "to_tsvector('simple'::regconfig, " + " || ' ' || ".join(VECTOR_COLUMNS) + ")"
FORWARD = {
    "sqlite": _sqlite((*PARTS, "characters")),
    "postgresql": _postgresql(f"{_WORDS} || strip(to_tsvector('simple'::regconfig, characters))", "SET (toast_tuple_target = 128)"),
}
BACKWARD = {"sqlite": _sqlite(tuple(PARTS)), "postgresql": _postgresql(_WORDS, "RESET (toast_tuple_target)")}


def _migrate(apps, schema_editor, statements: dict, *, empty: bool) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for sql in SQLITE_DROP:
            schema_editor.execute(sql)
    _fill(apps, empty=empty)
    for sql in statements.get(vendor, []):
        schema_editor.execute(sql)


def forward(apps, schema_editor):
    _migrate(apps, schema_editor, FORWARD, empty=False)


def backward(apps, schema_editor):
    _migrate(apps, schema_editor, BACKWARD, empty=True)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_bigram_index"), ("articles", "0025_searchdocument_characters")]
    operations = [migrations.RunPython(forward, backward)]
