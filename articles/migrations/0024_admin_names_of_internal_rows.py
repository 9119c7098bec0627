"""Names in Japanese for the rows an article's delete page lists, and an explicit link model for Article.editors.

ArticleEditor describes exactly the table Django created for the plain
many-to-many field (id, article_id, user_id, unique together), so the
switch changes only the migration state, as ArticleTag's did (0014).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0023_search_reads_time_by_id'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='articletag',
            options={'verbose_name': '記事のタグ', 'verbose_name_plural': '記事のタグ'},
        ),
        migrations.AlterModelOptions(
            name='renderedparts',
            options={'verbose_name': '記事ページの表示用データ', 'verbose_name_plural': '記事ページの表示用データ'},
        ),
        migrations.AlterModelOptions(
            name='searchdocument',
            options={'verbose_name': '検索用の索引', 'verbose_name_plural': '検索用の索引'},
        ),
        migrations.AlterModelOptions(
            name='slugredirect',
            options={'verbose_name': '以前のスラッグ', 'verbose_name_plural': '以前のスラッグ'},
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ArticleEditor',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='articles.article')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': '記事の編集者',
                        'verbose_name_plural': '記事の編集者',
                        'db_table': 'articles_article_editors',
                        'unique_together': {('article', 'user')},
                    },
                ),
                migrations.AlterField(
                    model_name='article',
                    name='editors',
                    field=models.ManyToManyField(blank=True, editable=False, related_name='edited_articles', through='articles.ArticleEditor', to=settings.AUTH_USER_MODEL, verbose_name='編集者'),
                ),
            ],
        ),
    ]
