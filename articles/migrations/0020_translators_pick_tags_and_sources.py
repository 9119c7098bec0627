from django.db import migrations

from articles.roles import sync_groups


def update_roles(apps, schema_editor):
    # Translators pick tags and sources from those there are; editors name new ones.
    sync_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0019_search_trigram_indexes_dropped"),
    ]

    operations = [migrations.RunPython(update_roles, migrations.RunPython.noop)]
