"""Search documents hold each part's Japanese characters once each; the search app's 0002 fills and indexes them."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0024_admin_names_of_internal_rows'),
    ]

    operations = [
        migrations.AddField(
            model_name='searchdocument',
            name='characters',
            field=models.TextField(blank=True, default=''),
        ),
    ]
