"""PostgreSQL: the search documents in partitions by ranges of article ids (search.partitions says why).

The documents' table is made again as a partitioned table with the same
columns, generated vector and GIN index, and the documents are copied into
it (each vector made again: about a minute per 20,000 stories). Partitions
for the ids it holds are made here; later ones by the paths writing
documents. Reversed, the documents go back into one table. SQLite: nothing
changes.
"""

import importlib

from django.db import migrations

from search.partitions import PARTITION_KEY, TABLE, create_partition, partitions_for

_character_words = importlib.import_module("search.migrations.0002_character_words")
VECTOR = f"{_character_words._WORDS} || strip(to_tsvector('simple'::regconfig, characters))"
COLUMNS = ("title", "lead", "key_points", "body", "original", "characters")
OLD = f"{TABLE}_before"


def _create(partitioned: bool) -> list[str]:
    texts = ", ".join(f"{column} text NOT NULL" for column in COLUMNS)
    # Partitioned, each partition has the primary key (search.partitions says why).
    key, tail = (("", f" PARTITION BY RANGE ({PARTITION_KEY})") if partitioned
                 else (f", CONSTRAINT {TABLE}_pkey PRIMARY KEY (article_id)", " WITH (toast_tuple_target = 128)"))
    return [
        f"CREATE TABLE {TABLE} (article_id bigint NOT NULL, {texts}, "
        f"bigrams tsvector GENERATED ALWAYS AS ({VECTOR}) STORED{key}){tail}",
        f"ALTER TABLE {TABLE} ALTER COLUMN bigrams SET STATISTICS 0",  # search 0001 says why
    ]


def _move(partitioned: bool):
    def move(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        execute = schema_editor.execute
        execute(f"ALTER TABLE {TABLE} RENAME TO {OLD}")
        execute(f"ALTER INDEX IF EXISTS {TABLE}_pkey RENAME TO {OLD}_pkey")
        execute("DROP INDEX articles_search_bigrams")
        for statement in _create(partitioned):
            execute(statement)
        if partitioned:
            with schema_editor.connection.cursor() as cursor:
                cursor.execute(f"SELECT article_id FROM {OLD}")  # nosec B608 # a constant table name
                numbers = partitions_for(article_id for (article_id,) in cursor.fetchall()) or {0}
            for number in sorted(numbers):
                for statement in create_partition(number):
                    execute(statement)
        listed = ", ".join(("article_id", *COLUMNS))
        execute(f"INSERT INTO {TABLE} ({listed}) SELECT {listed} FROM {OLD}")  # nosec B608 # table and column names are constants
        execute(f"DROP TABLE {OLD}")
        # The index built from the rows, and the foreign key checked once for all of them.
        execute(f"CREATE INDEX articles_search_bigrams ON {TABLE} USING gin (bigrams)")
        execute(
            f"ALTER TABLE {TABLE} ADD CONSTRAINT {TABLE}_article_id_fk FOREIGN KEY (article_id) "
            "REFERENCES articles_article (id) DEFERRABLE INITIALLY DEFERRED"
        )

    return move


class Migration(migrations.Migration):
    dependencies = [("search", "0002_character_words")]
    operations = [migrations.RunPython(_move(True), _move(False))]
