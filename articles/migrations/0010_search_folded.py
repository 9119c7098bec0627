"""Search documents hold case-folded text; PostgreSQL's trigram indexes cover the plain columns.

Matching becomes a plain LIKE on both engines (no UPPER() over every row),
which keeps short queries that cannot use an index cheap.
"""

from django.db import migrations

COLUMNS = ("title", "lead", "key_points", "body", "original")


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for column in COLUMNS:
            schema_editor.execute(f"DROP INDEX IF EXISTS articles_search_{column}_trgm")
            schema_editor.execute(
                f"CREATE INDEX articles_search_{column}_trgm ON articles_searchdocument "  # nosec B608 # built from the constant COLUMNS only, no input
                f"USING gin ({column} gin_trgm_ops)"
            )
    # Existing documents take the new (case-folded) form.
    SearchDocument = apps.get_model("articles", "SearchDocument")
    for document in SearchDocument.objects.iterator(chunk_size=500):
        for column in COLUMNS:
            setattr(document, column, getattr(document, column).casefold())
        document.save(update_fields=COLUMNS)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for column in COLUMNS:
            schema_editor.execute(f"DROP INDEX IF EXISTS articles_search_{column}_trgm")
            schema_editor.execute(
                f"CREATE INDEX articles_search_{column}_trgm ON articles_searchdocument "  # nosec B608 # built from the constant COLUMNS only, no input
                f"USING gin (UPPER({column}) gin_trgm_ops)"
            )


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_glossary_roles")]
    operations = [migrations.RunPython(forward, backward)]
