"""Stories store the HTML of their editors' Markdown, rendered when saved; existing ones get theirs here.

The article keeps the HTML of its body, original, analysis and comment;
RenderedParts that of its key points and corrections, and its figures as the
page draws them. Pages then render no Markdown and read no part's table
(articles/rendering.py, articles/stored_html.py).
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Prefetch

from articles import rendering

CHUNK = 500
# articles.models.parts.SHOWN_FIGURE_FIELDS as it was when this migration was written.
SHOWN_FIGURE_FIELDS = ("image", "width", "height", "caption", "credit", "alt_text", "video_url", "renditions")


def render_stored_html(apps, schema_editor):
    db = schema_editor.connection.alias
    Article = apps.get_model("articles", "Article")
    KeyPoint = apps.get_model("articles", "KeyPoint")
    Correction = apps.get_model("articles", "Correction")
    Figure = apps.get_model("articles", "Figure")
    RenderedParts = apps.get_model("articles", "RenderedParts")
    ids = list(Article.objects.using(db).order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        articles = list(Article.objects.using(db).filter(pk__in=chunk).prefetch_related(
            Prefetch("key_points", queryset=KeyPoint.objects.using(db).order_by("position", "id")),
            Prefetch("corrections", queryset=Correction.objects.using(db).order_by("noted_at", "id")),
            Prefetch("figures", queryset=Figure.objects.using(db).order_by("position", "id")),
        ))
        for article in articles:
            article.body_html = rendering.stored_html(article.body)
            article.original_body_html = rendering.stored_html(article.original_body)
            article.impact_analysis_html = rendering.stored_html(article.impact_analysis)
            article.editorial_comment_html = rendering.stored_html(article.editorial_comment)
        Article.objects.using(db).bulk_update(
            articles, ["body_html", "original_body_html", "impact_analysis_html", "editorial_comment_html"],
            batch_size=100,
        )
        RenderedParts.objects.using(db).filter(article_id__in=chunk).delete()
        RenderedParts.objects.using(db).bulk_create([
            RenderedParts(
                article_id=article.pk,
                key_points=rendering.key_points_html((p.heading, p.body) for p in article.key_points.all()),
                corrections=rendering.corrections_html((c.noted_at, c.body) for c in article.corrections.all()),
                figures=[
                    {name: getattr(f, name).name if name == "image" else getattr(f, name) for name in SHOWN_FIGURE_FIELDS}
                    for f in article.figures.all()
                ],
            )
            for article in articles
        ])


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0015_search_trigram_indexes_declared'),
    ]

    operations = [
        migrations.CreateModel(
            name='RenderedParts',
            fields=[
                ('article', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='rendered_parts', serialize=False, to='articles.article')),
                ('key_points', models.JSONField(default=list, help_text='[heading, body as HTML] per key point, in order.')),
                ('corrections', models.JSONField(default=list, help_text='[noted_at ISO, body as HTML] per correction, in order.')),
                ('figures', models.JSONField(default=list, help_text='The SHOWN_FIGURE_FIELDS of each figure, in order.')),
            ],
        ),
        migrations.AddField(
            model_name='article',
            name='body_html',
            field=models.TextField(blank=True, editable=False, help_text='The body as HTML, figure markers kept.'),
        ),
        migrations.AddField(
            model_name='article',
            name='editorial_comment_html',
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name='article',
            name='impact_analysis_html',
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name='article',
            name='original_body_html',
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(render_stored_html, migrations.RunPython.noop, elidable=True),
    ]
