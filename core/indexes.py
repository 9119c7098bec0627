"""Indexes only one database engine has, declared on the model like any other."""

from django.contrib.postgres.indexes import GinIndex

POSTGRESQL_MAX_NAME_LENGTH = 63


class PostgreSQLGinIndex(GinIndex):
    """A GIN index made on PostgreSQL and nowhere else.

    Django makes every index of a model's Meta on every engine, and on
    SQLite a plain GinIndex silently becomes a B-tree over the whole column
    (only PostgreSQL's CREATE INDEX names a method): for text columns, a
    second copy of every text to keep up to date, which no query uses. This
    one gives the schema editor an empty statement on other engines, which
    runs as nothing, through the two methods it asks every index for its SQL
    (the ones Django's own PostgreSQL indexes refine).
    """

    # A plain Index keeps to 30 characters for Oracle's sake; this one only ever meets PostgreSQL.
    max_name_length = POSTGRESQL_MAX_NAME_LENGTH

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return ""
        return super().create_sql(model, schema_editor, using=using, **kwargs)

    def remove_sql(self, model, schema_editor, **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return ""
        return super().remove_sql(model, schema_editor, **kwargs)
