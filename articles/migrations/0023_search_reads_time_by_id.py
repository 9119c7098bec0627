"""An index of each article's id with its time and status, for search (search.queries.ranked).

Search has the ids its index answered and needs each one's publication
time and status; with this index the database reads them without the
article's row, which on SQLite means reading past the story's whole text.
On SQLite, a database whose planner keeps statistics (ANALYZE was run) is
analysed again for the article table, so the planner knows the new index.
"""

from django.db import migrations, models


def analyze(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone()[0]:
            cursor.execute("ANALYZE articles_article")


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0022_library_images_from_figures"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["id", "published_at", "status"], name="article_id_published_idx"),
        ),
        migrations.RunPython(analyze, migrations.RunPython.noop),
    ]
