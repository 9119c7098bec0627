"""Writing many search documents at once (imports, re-indexing, the rebuild), quickly on either engine.

On SQLite a trigger copies each new document into the FTS5 index. FTS5 gathers new
entries in memory and writes them out as a segment, to be merged with the others later,
when they pass its hash size (1 MB) and whenever a statement opens a savepoint, which
a trigger's statement does: fed by the trigger, every article costs a segment of its
own. For many documents at once the index is fed directly instead, a batch at a time,
with room in memory for the whole batch: half the work. And that work (tokenizing,
in SQLite's C code, which lets go of Python's lock) runs on a second thread while the
writing thread prepares the next batch in Python.

On PostgreSQL the server makes each document's vector as the document is
copied in; that COPY runs on the second thread likewise.
"""

import functools
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connection, transaction

from articles.models import SearchDocument
from core.bulk import BackgroundWriter, background_writes, insert_rows
from search.partitions import ensure_partitions
from search.text import COLUMNS

FTS_DEFAULT_HASH_SIZE = 1024 * 1024
FTS_BULK_HASH_SIZE = 64 * 1024 * 1024
FTS_INSERT_TRIGGER = "articles_search_ai"
FTS_DELETE_TRIGGER = "articles_search_ad"
BULK_THRESHOLD = 100  # documents: fewer are written the ordinary way

# One statement for a whole batch, which runs without Python's lock from start to end;
# a statement a row would need the lock back after each row, and wait for it.
FTS_FEED = "INSERT INTO articles_search_fts (rowid, {0}) SELECT article_id, {0} FROM {1} WHERE article_id IN ({{}})".format(  # nosec B608 # table and column names are constants; ids are bound
    ", ".join(COLUMNS), SearchDocument._meta.db_table,
)


def _feed(article_ids: list[int], cursor) -> None:
    """Index these documents, just inserted, in the FTS index (on the bulk writer's second thread)."""
    cursor.execute(FTS_FEED.format(", ".join("?" * len(article_ids))), article_ids)
    # A savepoint makes FTS5 write out what it has gathered: here, rather
    # than at the writing thread's next statement that opens one.
    cursor.execute("SAVEPOINT newsdesk_fts_feed")
    cursor.execute("RELEASE newsdesk_fts_feed")


# The writer feeding SQLite's FTS index inside `bulk_writes`.
_feeder: ContextVar[BackgroundWriter | None] = ContextVar("newsdesk_search_feeder", default=None)


def feeding() -> bool:
    """Whether a `bulk_writes` block feeds the FTS index itself: documents must then go through `insert_documents`."""
    return _feeder.get() is not None


@contextmanager
def bulk_writes(*, documents: int | None = None):
    """Many search documents written in one transaction (imports, rebuilds).

    Use it inside the atomic block and write documents with `insert_documents`
    (`search.documents.index_many` and `index_article` do). `documents` is
    about how many the block writes (None: the whole table). The engine's
    work on each batch of documents runs on a second thread while the next
    is prepared (core.bulk.background_writes): on SQLite the FTS index is fed
    there, its insert trigger dropped for the block and created again at its
    end; on PostgreSQL the documents' COPY runs there, and the GIN index is
    dropped for the block and built again at its end when the block writes
    enough documents (`_gin_indexes_rebuilt`). Both happen inside the
    transaction: a block that fails leaves the trigger and the indexes as
    they were once the transaction rolls back.
    """
    if connection.vendor == "postgresql":
        with _gin_indexes_rebuilt(documents), background_writes():
            yield
        return
    if connection.vendor != "sqlite" or _feeder.get() is not None:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = %s", [FTS_INSERT_TRIGGER])
        (trigger,) = cursor.fetchone()
        cursor.execute(f"DROP TRIGGER {FTS_INSERT_TRIGGER}")  # nosec B608 # a constant name
        _set_fts_hash_size(cursor, FTS_BULK_HASH_SIZE)
    with background_writes() as writer:
        token = _feeder.set(writer)
        try:
            yield
        finally:
            _feeder.reset(token)
    with connection.cursor() as cursor:
        _set_fts_hash_size(cursor, FTS_DEFAULT_HASH_SIZE)
        cursor.execute(trigger)


def _set_fts_hash_size(cursor, size: int) -> None:
    cursor.execute("INSERT INTO articles_search_fts(articles_search_fts, rank) VALUES ('hashsize', %s)", [size])


# On PostgreSQL each document inserted adds a few thousand entries to the bigram GIN
# index, scattered over an index that soon outgrows shared buffers (with the five
# trigram indexes of before, half of a 20,000-article import's time, and more the larger
# the table). Building an index from the table sorts its entries and writes it in order,
# several times quicker. But a build reads every document, the old ones too, so it pays
# only when the block writes at least as many documents as the table already holds (a
# first import, a re-index of everything), and at least BULK_THRESHOLD.
#
# Dropping an index locks its table until the transaction ends: searches wait for
# such a block to commit, as they would for a migration.

_rebuilding: ContextVar[bool] = ContextVar("newsdesk_search_rebuilding", default=False)


@contextmanager
def _gin_indexes_rebuilt(documents: int | None):
    """Drop the search table's GIN indexes for the block and build them again at its end."""
    if _rebuilding.get() or not connection.in_atomic_block:  # outside a transaction a failure would lose them
        yield
        return
    with connection.cursor() as cursor:
        indexes = _gin_indexes(cursor) if _rebuild_pays(cursor, documents) else []
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")  # nosec B608 # a name from the catalog
    token = _rebuilding.set(True)
    try:
        yield
    finally:
        _rebuilding.reset(token)
    if not indexes:
        return
    # CREATE INDEX refuses a table with foreign-key checks still queued (Django's are
    # deferred to the commit): run them now, as the commit would.
    connection.check_constraints()
    with connection.cursor() as cursor:
        for _name, definition in indexes:
            cursor.execute(definition)


def _rebuild_pays(cursor, documents: int | None) -> bool:
    """Whether building the indexes afresh beats adding `documents` to them (None: the whole table)."""
    if documents is None:
        return True
    if documents < BULK_THRESHOLD:
        return False
    cursor.execute(f"SELECT count(*) FROM {SearchDocument._meta.db_table}")  # nosec B608 # a constant name
    return documents >= cursor.fetchone()[0]


def _gin_indexes(cursor) -> list[tuple[str, str]]:
    """The search table's GIN indexes, (name, CREATE INDEX statement), as the catalog has them."""
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes "
        "WHERE schemaname = current_schema() AND tablename = %s AND indexdef LIKE %s ORDER BY indexname",
        [SearchDocument._meta.db_table, "% USING gin %"],
    )
    # On a partitioned table the catalog gives the parent's index alone (ON ONLY): built again, it must
    # be built on every partition.
    return [(name, definition.replace(" ON ONLY ", " ON ", 1)) for name, definition in cursor.fetchall()]


def delete_all_documents() -> None:
    """Empty the search table (a rebuild's start).

    On SQLite the delete trigger would tell the FTS index of every document
    in turn, each costing as much as indexing it: the index is emptied at
    once ('delete-all') instead, the trigger set aside meanwhile.
    """
    if connection.vendor != "sqlite":
        SearchDocument.objects.all().delete()
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = %s", [FTS_DELETE_TRIGGER])
        (trigger,) = cursor.fetchone()
        cursor.execute(f"DROP TRIGGER {FTS_DELETE_TRIGGER}")  # nosec B608 # a constant name
        cursor.execute(f"DELETE FROM {SearchDocument._meta.db_table}")  # nosec B608 # a constant name
        cursor.execute("INSERT INTO articles_search_fts(articles_search_fts) VALUES ('delete-all')")
        cursor.execute(trigger)


def insert_documents(rows: list[tuple]) -> None:
    """Insert search documents, given as (article id, *COLUMNS) rows, in one statement."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        ensure_partitions(row[0] for row in rows)
        insert_rows(SearchDocument, ("article", *COLUMNS), rows, background=True)  # with COPY, inside bulk_writes on its thread
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {SearchDocument._meta.db_table} (article_id, {', '.join(COLUMNS)}) "  # nosec B608 # table and column names are constants; values are bound
            f"VALUES ({', '.join(['%s'] * (len(COLUMNS) + 1))})", rows,
        )
    feeder = _feeder.get()
    if feeder is not None:
        feeder.start(functools.partial(_feed, [row[0] for row in rows]))

