"""PostgreSQL: the search documents kept in partitions by ranges of article ids, each under its own GIN index.

A GIN lookup decodes a word's whole list of documents, whatever range of ids
it is narrowed to: for a word in most stories, a list as long as the archive.
The search page asks for its terms in a window of the newest stories
(search.queries.ranked), so the documents are split by id, PARTITION_SIZE
ids a partition: a lookup in a window reads the lists of the one or two
partitions the window's ids fall in, as long at 100,000 stories as at
10,000. A lookup of the whole archive reads every partition's.

Partitions are made by the paths writing documents (`ensure_partitions`), in
the writer's own transaction: one that rolls back takes its partitions with
it. The next range's partition is made with the first document of a range,
so a writer rarely waits for one. Making a partition locks the documents'
table until the writer's transaction ends: searches wait a few milliseconds
for a save, once every PARTITION_SIZE stories (for an import, until it
commits, as when it rebuilds the index: search.bulk). Writers making the
same partitions wait for each other on an advisory lock.
"""

from collections.abc import Iterable

from django.db import connection, transaction

TABLE = "articles_searchdocument"
PARTITION_SIZE = 10_000
# The partitions' key: the id, as an expression. A query's range of ids written with it (search.queries)
# reaches only the partitions it spans, and the planner cannot answer it from the primary key: given
# the plain column, it looked the range up there and tested each story's vector (a decompression each)
# instead of taking the GIN index's answer. Each partition has its own primary key, as the parent table
# cannot with an expression for its key; a story's id decides its partition, so ids stay unique.
PARTITION_KEY = "(article_id + 0)"
# pg_advisory_xact_lock's key while a partition is made (any constant of this project's own).
LOCK_KEY = 0x5EA4C4


def partition_name(number: int) -> str:
    return f"{TABLE}_p{number}"


def create_partition(number: int) -> list[str]:
    """The statements making partition `number` (ids number × PARTITION_SIZE up to the next range)."""
    name = partition_name(number)
    start, end = number * PARTITION_SIZE, (number + 1) * PARTITION_SIZE
    return [
        # The rows keep only pointers to their words (search 0002 says why); no statistics for the
        # vector (0001 says why), as on the parent table, whose settings a partition does not inherit.
        f"CREATE TABLE {name} PARTITION OF {TABLE} (CONSTRAINT {name}_pkey PRIMARY KEY (article_id)) "
        f"FOR VALUES FROM ({start}) TO ({end}) WITH (toast_tuple_target = 128)",
        f"ALTER TABLE {name} ALTER COLUMN bigrams SET STATISTICS 0",
    ]


def partitions_for(article_ids: Iterable[int]) -> set[int]:
    """The partitions these articles' documents go in, and the next range's, made before it is needed."""
    numbers = {pk // PARTITION_SIZE for pk in article_ids}
    return numbers | {max(numbers) + 1} if numbers else numbers


def existing_partitions(cursor) -> set[int]:
    """The numbers of the partitions the documents' table has, as this transaction sees them."""
    cursor.execute(
        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
        "WHERE i.inhparent = %s::regclass", [TABLE],
    )
    prefix = partition_name(0)[:-1]
    return {int(name[len(prefix):]) for (name,) in cursor.fetchall() if name.startswith(prefix)}


def ensure_partitions(article_ids: Iterable[int]) -> None:
    """Make the partitions these articles' documents go in, where missing (PostgreSQL; nothing elsewhere).

    One look at the catalog when they exist, which is nearly always; the lock only when one is missing.
    """
    if connection.vendor != "postgresql":
        return
    needed = partitions_for(article_ids)
    if not needed:
        return
    with connection.cursor() as cursor:
        if needed <= existing_partitions(cursor):
            return
        with transaction.atomic():
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
            for number in sorted(needed - existing_partitions(cursor)):
                for statement in create_partition(number):
                    cursor.execute(statement)
