"""The search documents' trigram indexes go: search's own migrations index them by bigrams instead.

On PostgreSQL each trigram GIN index slowed every import; the bigram
index (search/migrations/0001_bigram_index) serves every term they did
and the 1–2 character ones they could not. On SQLite these indexes were
never made (core.indexes.PostgreSQLGinIndex), so removing them does nothing there.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0018_figure_original_caption_front_page_slots"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="searchdocument", name=f"articles_search_{column}_trgm")
        for column in ("title", "lead", "key_points", "body", "original")
    ]
