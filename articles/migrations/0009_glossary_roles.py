from django.db import migrations

from articles.roles import sync_groups


def update_roles(apps, schema_editor):
    # Editors manage the glossary; translators may read it.
    sync_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_translation_desk"),
    ]

    operations = [migrations.RunPython(update_roles, migrations.RunPython.noop)]
