"""Rows written in bulk through the database driver: one statement, or COPY on PostgreSQL.

Inside `background_writes` a bulk writer may hand a statement to a second
thread, on the transaction's own connection, and prepare its next rows in
Python meanwhile: the database's work (PostgreSQL's server, or SQLite's C
code, which lets go of Python's lock) then runs beside Python's instead of
after it.
"""

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models, transaction

# What a statement handed to the second thread is: given a cursor of the database driver, it runs.
Statement = Callable[[object], None]


def insert_rows(
    model: type[models.Model], field_names: Sequence[str], rows: Iterable[Sequence], *, background: bool = False,
) -> None:
    """Insert plain rows in one statement: bulk_create without model instances, signals or returned keys.

    Every column without a database default must be given. Values go through
    their field's get_db_prep_save, as they would in bulk_create, except
    strings and integers for text, number and key columns, which are stored as they are.
    SQLite takes them with one executemany, PostgreSQL with COPY (`_copy_rows`).
    `background`: inside `background_writes`, PostgreSQL's COPY runs on its
    second thread (the values are prepared here first), where the server's
    work on the rows goes on while Python prepares the next.
    """
    db = transaction.get_connection()
    fields = [model._meta.get_field(name) for name in field_names]
    plain = [isinstance(f, (models.CharField, models.TextField, models.IntegerField, models.ForeignKey)) for f in fields]
    params = [
        [value if is_plain and type(value) in (str, int) else field.get_db_prep_save(value, db)
         for field, is_plain, value in zip(fields, plain, row)]
        for row in rows
    ]
    if not params:
        return
    quote = db.ops.quote_name
    table, columns = quote(model._meta.db_table), ", ".join(quote(f.column) for f in fields)
    writer = _background.get()
    if db.vendor == "postgresql" and background and writer is not None:
        writer.start(lambda cursor: _copy_rows(cursor, table, columns, params))
        return
    if writer is not None:
        writer.wait()  # a COPY is not an execute: Django's execute wrapper does not see it
    with db.cursor() as cursor:
        if db.vendor == "postgresql":
            _copy_rows(cursor, table, columns, params)
        else:
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})",  # nosec B608 # names from the model's metadata, values as parameters
                params,
            )


def create_all(objs: list[models.Model]) -> None:
    """`bulk_create` of new objects of one model, with COPY on PostgreSQL: their ids are reserved first.

    As bulk_create: each field's value as it would save it (`pre_save`: the
    `auto_now` times), no save() and no signals; the objects get their ids.
    Django's bulk_create sends PostgreSQL each column as one array, which
    psycopg writes out in Python, value by value: for rows of tens of kB
    (a story's body, its original and their HTML), a millisecond a row.
    """
    if not objs:
        return
    model = type(objs[0])
    db = transaction.get_connection()
    if db.vendor != "postgresql":
        model._default_manager.bulk_create(objs)
        return
    meta = model._meta
    with db.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(objs)],
        )
        ids = sorted(row[0] for row in cursor.fetchall())
    for obj, pk in zip(objs, ids):
        obj.pk = pk
    fields = meta.local_concrete_fields
    insert_rows(model, [f.name for f in fields], ([f.pre_save(obj, True) for f in fields] for obj in objs))
    for obj in objs:
        obj._state.adding, obj._state.db = False, db.alias


def _copy_rows(cursor, table: str, columns: str, rows: list[list]) -> None:
    """COPY the rows in: the server parses one stream instead of planning and running a statement a row.

    psycopg turns each value into text by its type, as it does for parameters.
    """
    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:  # nosec B608 # names from the model's metadata
        for row in rows:
            copy.write_row(row)


class BackgroundWriter:
    """Runs statements on a second thread, one at a time, on the transaction's own connection.

    The two threads never use the connection at once: every statement of the
    calling thread first waits for the one in progress (an execute wrapper,
    and `insert_rows`). A statement that failed raises again on the calling
    thread, at its next statement or at the end of the block.
    """

    def __init__(self, raw_connection):
        self.raw = raw_connection
        self.thread: threading.Thread | None = None
        self.error: BaseException | None = None

    def start(self, statement: Statement) -> None:
        """Run `statement` on the second thread, once the one before it is done."""
        self.wait()
        self.thread = threading.Thread(target=self._run, args=(statement,), name="newsdesk-bulk-write", daemon=True)
        self.thread.start()

    def _run(self, statement: Statement) -> None:
        try:
            cursor = self.raw.cursor()
            try:
                statement(cursor)
            finally:
                cursor.close()
        except BaseException as exc:  # raised again on the calling thread
            self.error = exc

    def join(self) -> None:
        if self.thread is not None:
            self.thread.join()
            self.thread = None

    def wait(self) -> None:
        """Wait for the statement in progress; raise what it raised."""
        self.join()
        if self.error is not None:
            error, self.error = self.error, None
            raise error

    def __call__(self, execute, sql, params, many, context):
        self.wait()
        return execute(sql, params, many, context)


_background: ContextVar[BackgroundWriter | None] = ContextVar("newsdesk_background_writes", default=None)


@contextmanager
def background_writes() -> Iterator[BackgroundWriter]:
    """A block whose bulk writes may run on a second thread (`insert_rows(background=True)`, `BackgroundWriter.start`).

    Use it inside the transaction; at its end every statement handed over
    has run. A block inside another shares the outer one's thread.
    """
    writer = _background.get()
    if writer is not None:
        yield writer
        return
    db = transaction.get_connection()
    db.ensure_connection()
    writer = BackgroundWriter(db.connection)
    token = _background.set(writer)
    try:
        with db.execute_wrapper(writer):
            yield writer
            writer.wait()
    finally:
        _background.reset(token)
        writer.join()  # whatever happened, the thread is done with the connection before anything else uses it
