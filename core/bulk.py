"""Rows written in bulk through the database driver: one statement, or COPY on PostgreSQL."""

from collections.abc import Iterable, Sequence

from django.db import models, transaction


def insert_rows(model: type[models.Model], field_names: Sequence[str], rows: Iterable[Sequence]) -> None:
    """Insert plain rows in one statement: bulk_create without model instances, signals or returned keys.

    Every column without a database default must be given. Values go through
    their field's get_db_prep_save, as they would in bulk_create, except
    strings and integers for text, number and key columns, which are stored as they are.
    SQLite takes them with one executemany, PostgreSQL with COPY (`_copy_rows`).
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
    with db.cursor() as cursor:
        if db.vendor == "postgresql":
            _copy_rows(cursor, table, columns, params)
        else:
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})",  # nosec B608 # names from the model's metadata, values as parameters
                params,
            )


def _copy_rows(cursor, table: str, columns: str, rows: list[list]) -> None:
    """COPY the rows in: the server parses one stream instead of planning and running a statement a row.

    psycopg turns each value into text by its type, as it does for parameters.
    """
    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:  # nosec B608 # names from the model's metadata
        for row in rows:
            copy.write_row(row)
