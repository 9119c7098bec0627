"""The search documents' trigram indexes, declared on the model (SearchDocument.Meta).

They are in the database already: 0005 added pg_trgm and the indexes by hand
and 0010 made them what the model now declares (same names, columns and
operator class). So this migration only records them in Django's state and
leaves the database as it is; reversed, it forgets them and leaves them, and
pg_trgm, in place. From here on Django makes, changes and drops them like any
index of the model, on PostgreSQL only (core.indexes.PostgreSQLGinIndex).
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

import core.indexes

COLUMNS = ("title", "lead", "key_points", "body", "original")


class TrigramExtensionKept(TrigramExtension):
    """pg_trgm, which 0005 added: reversing this migration keeps it, for the indexes still use it."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass


class Migration(migrations.Migration):
    dependencies = [("articles", "0014_article_tag_publish_time")]

    operations = [
        TrigramExtensionKept(),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddIndex(
                    model_name="searchdocument",
                    index=core.indexes.PostgreSQLGinIndex(
                        fields=[column], name=f"articles_search_{column}_trgm", opclasses=["gin_trgm_ops"],
                    ),
                )
                for column in COLUMNS
            ],
        ),
    ]
