"""Article.tags gets an explicit link model, ArticleTag, on the same table, with the article's publish time.

The table Django created for the plain many-to-many field (id, article_id,
tag_id, unique together) is exactly what the new model describes, so the
switch changes only the migration state; then the publish-time column is
added, filled from the articles and indexed for the tag page.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_publish_times(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    ArticleTag = apps.get_model("articles", "ArticleTag")
    stored = Article.objects.filter(pk=OuterRef("article_id")).values("published_at")[:1]
    ArticleTag.objects.using(schema_editor.connection.alias).update(published_at=Subquery(stored))


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0013_published_status_index'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ArticleTag',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='tag_links', to='articles.article')),
                        ('tag', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='article_links', to='articles.tag')),
                    ],
                    options={
                        'db_table': 'articles_article_tags',
                        'unique_together': {('article', 'tag')},
                    },
                ),
                migrations.AlterField(
                    model_name='article',
                    name='tags',
                    field=models.ManyToManyField(blank=True, related_name='articles', through='articles.ArticleTag', to='articles.tag', verbose_name='タグ'),
                ),
            ],
        ),
        migrations.AddField(
            model_name='articletag',
            name='published_at',
            field=models.DateTimeField(blank=True, editable=False, help_text="The article's publish time.", null=True),
        ),
        migrations.RunPython(copy_publish_times, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name='articletag',
            index=models.Index(fields=['tag', '-published_at', '-article'], name='article_tag_newest_idx'),
        ),
    ]
