"""A story's Markdown is rendered when it is saved, and what its page shows never lags behind a change.

Every writer is tried: the admin's form, a save of the model, key points and
corrections written on their own or in bulk, an import (new and updated),
a restore, the glossary's replacements, a data migration over stored rows.
"""

import importlib
import io
import json

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import restoring, revisions, stored_html, stories
from articles.models import Article, Correction, GlossaryTerm, KeyPoint, RenderedParts
from interchange.importer import import_file
from tests.factories import after_commit, at, image_bytes, make_article, make_figure
from tests.htmlforms import form_fields
from translation import glossary

pytestmark = pytest.mark.django_db

STORED = ("body_html", "original_body_html", "impact_analysis_html", "editorial_comment_html")


def page(client, article) -> str:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def section(html: str, css_class: str) -> str:
    start = html.index(f'class="{css_class}"')
    return html[start:html.index("</section>", start)]


def stored(article, *, figures: bool = False) -> dict:
    """What the article's page is made from: its own HTML and its parts' HTML, as stored."""
    values = dict(Article.objects.filter(pk=article.pk).values(*STORED).get())
    names = ("key_points", "corrections", "figures") if figures else ("key_points", "corrections")
    parts = RenderedParts.objects.filter(article=article).values(*names).first()
    return {**values, **dict.fromkeys(names), **(parts or {})}


def test_a_saved_story_stores_its_markdown_as_html_and_its_page_shows_it(client):
    article = make_article(
        body="本文の**強調**。", original_body="The *original*.", impact_analysis="影響は`大きい`。",
        editorial_comment="> 引用", key_points=0,
    )
    KeyPoint.objects.create(article=article, position=1, heading="要点", body="要点の**本文**。")
    Correction.objects.create(article=article, noted_at=at(2026, 11, 28, 8, 0), body="数字を*訂正*。")
    assert stored(article) == {
        "body_html": "<p>本文の<strong>強調</strong>。</p>",
        "original_body_html": "<p>The <em>original</em>.</p>",
        "impact_analysis_html": "<p>影響は<code>大きい</code>。</p>",
        "editorial_comment_html": "<blockquote>\n<p>引用</p>\n</blockquote>",
        "key_points": [["要点", "<p>要点の<strong>本文</strong>。</p>"]],
        "corrections": [["2026-11-27T23:00:00+00:00", "<p>数字を<em>訂正</em>。</p>"]],
    }
    html = page(client, article)
    assert "<li><h3>要点</h3><p>要点の<strong>本文</strong>。</p>" in html
    assert '<time datetime="2026-11-28T08:00:00+09:00">2026年11月28日 08:00</time> <p>数字を<em>訂正</em>。</p>' in html
    assert '<div class="original__body"><p>The <em>original</em>.</p>' in html


def test_an_edit_in_the_admin_shows_on_the_next_request(client, editor):
    article = make_article(key_points=2, body="古い本文。")
    page(client, article)
    url = f"/admin/articles/article/{article.pk}/change/"
    fields = form_fields(client.get(url).content.decode(), "article_form")
    fields["body"] = ["新しい**本文**。"]
    fields["original_body"] = ["New *original*."]
    fields["key_points-0-body"] = ["直した要点。"]
    fields["key_points-0-position"] = ["2"]
    fields["key_points-1-position"] = ["1"]  # reordered: positions are rewritten in bulk
    fields["corrections-TOTAL_FORMS"] = ["1"]
    fields.update({"corrections-0-noted_at_0": ["2026-11-28"], "corrections-0-noted_at_1": ["08:00:00"],
                   "corrections-0-body": ["追記しました。"]})
    assert client.post(url, fields).status_code == 302
    html = page(client, article)
    assert "<p>新しい<strong>本文</strong>。</p>" in html and "古い本文" not in html
    assert "<p>New <em>original</em>.</p>" in html
    points = section(html, "key-points")
    assert points.index("要点2") < points.index("要点1") and "<p>直した要点。</p>" in points
    assert "<p>追記しました。</p>" in section(html, "corrections")


def test_key_points_and_corrections_changed_on_their_own_show_at_once(client):
    article = make_article(key_points=2)
    point = article.key_points.get(position=1)
    point.body = "書き換えた要点。"
    point.save()
    correction = Correction.objects.create(article=article, body="訂正です。")
    article.lead = "リードも直した。"
    article.save()  # an article held since before its parts changed keeps them as they are now
    html = page(client, article)
    assert "<p>書き換えた要点。</p>" in html and "<p>訂正です。</p>" in html
    article.key_points.filter(position=2).delete()
    correction.delete()
    html = page(client, article)
    assert "要点2" not in html and "訂正・更新" not in html


def test_a_save_of_some_fields_saves_what_derives_from_them():
    article = make_article(body="前。")
    article.body = "後の**本文**。"
    article.save(update_fields=["body"])
    assert stored(article)["body_html"] == "<p>後の<strong>本文</strong>。</p>"


def test_a_story_with_its_parts_is_deleted_whole():
    article = make_article(key_points=3)
    Correction.objects.create(article=article, body="訂正。")
    article.delete()
    assert not Article.objects.filter(pk=article.pk).exists() and not KeyPoint.objects.exists()


def test_parts_written_in_one_save_are_rendered_once_at_its_end():
    article = make_article(key_points=0)
    with stored_html.rendered_once([article.pk]):
        with CaptureQueriesContext(connection) as inside:
            for n in range(1, 4):
                KeyPoint.objects.create(article=article, position=n, heading=f"要点{n}")
        assert not [q for q in inside.captured_queries if RenderedParts._meta.db_table in q["sql"]]
    assert [heading for heading, _ in stored(article)["key_points"]] == ["要点1", "要点2", "要点3"]


def test_figures_reordered_recaptioned_or_deleted_show_as_they_are_now(client):
    article = make_article(body="一。\n\n[[figure:1]]\n\n二。")
    first = make_figure(article, position=1, caption="一枚目")
    second = make_figure(article, position=2, caption="二枚目")
    first.position, second.position, second.caption = 2, 1, "新しい説明"
    first.save()
    second.save()
    body = page(client, article)
    body = body[body.index('class="article__body"'):]
    # The marker places figure 1, now the recaptioned one; the other, placed nowhere, follows the body.
    assert body.index("一。") < body.index("新しい説明") < body.index("二。") < body.index("一枚目")
    first.delete()
    assert "一枚目" not in page(client, article)


def test_figures_reordered_in_the_admin_follow_on_the_page(client, editor):
    article = make_article(body="一。")
    make_figure(article, position=1, caption="一枚目")
    make_figure(article, position=2, caption="二枚目")
    url = f"/admin/articles/article/{article.pk}/change/"
    fields = form_fields(client.get(url).content.decode(), "article_form")
    fields["figures-0-position"], fields["figures-1-position"] = ["2"], ["1"]
    fields["figures-0-caption"] = ["直した説明"]
    assert client.post(url, fields).status_code == 302
    html = page(client, article)
    assert html.index("二枚目") < html.index("直した説明")


def story_file(tmp_path, **changes) -> str:
    story = {
        "status": "published", "published_at": "2026-11-27T09:30:00+09:00", "category": "ビジネス",
        "title": "見出し", "lead": "リード。", "body": "本文の**一段落**。",
        "key_points": [{"heading": "要点", "body": "要点の*本文*。"}],
        "impact_analysis": "影響。", "editorial_comment": "コメント。",
        "corrections": [{"noted_at": "2026-11-28T08:00:00+09:00", "body": "訂正。"}],
        "figures": [{"image": "photo.jpg", "caption": "港の写真", "credit": "編集部", "alt": "クレーン"}],
        "original": {"title": "Headline", "body": "The body.", "url": "https://news.example/imported",
                     "source": "Harbor Ledger"},
        **changes,
    }
    (tmp_path / "photo.jpg").write_bytes(image_bytes(size=(900, 600)))
    path = tmp_path / "import.json"
    path.write_text(json.dumps({"articles": [story]}), encoding="utf-8")
    return path


def test_an_imported_story_stores_what_a_save_would_and_an_update_renders_again(tmp_path, client):
    with after_commit():  # the figure's renditions are made
        import_file(story_file(tmp_path))
    article = Article.objects.get(original_url="https://news.example/imported")
    inserted = stored(article, figures=True)
    assert inserted["key_points"] == [["要点", "<p>要点の<em>本文</em>。</p>"]]
    assert [figure["caption"] for figure in inserted["figures"]] == ["港の写真"]
    article.save()
    stored_html.refresh_parts([article.pk])
    assert stored(article, figures=True) == inserted
    import_file(story_file(tmp_path, body="更新した本文。", key_points=[{"heading": "新しい要点", "body": "説明。"}],
                           corrections=[{"noted_at": "2026-11-29T08:00:00+09:00", "body": "再訂正。"}]))
    html = page(client, article)
    assert "<p>更新した本文。</p>" in html and "<h3>新しい要点</h3>" in html and "<p>再訂正。</p>" in html
    assert 'alt="クレーン"' in html and "-800.jpg" in html  # the figure, with its renditions
    assert "要点の" not in html and "<p>訂正。</p>" not in html


def test_a_bulk_write_in_a_save_and_a_restored_revision_show(client):
    article = make_article(body="最初の本文。", key_points=1)
    first = revisions.record(article)
    article.refresh_from_db()
    article.body = "次の本文。"
    # An update() sends no signal: the save renders the parts once they are all written.
    stories.save_story(article, by=None, parts=[lambda a: a.key_points.update(body="次の要点。")])
    assert "<p>次の要点。</p>" in page(client, article)
    restoring.restore(first)
    html = page(client, article)
    assert "<p>最初の本文。</p>" in html and "<p>要点1の説明。</p>" in html


def test_the_glossary_replacing_words_in_key_points_shows(client):
    GlossaryTerm.objects.create(original="Yann LeCun", approved="ヤン・ルカン", variants="ルコン")
    article = make_article(key_points=0, body="ルコン氏の話。")
    KeyPoint.objects.create(article=article, position=1, heading="見出し", body="ルコン氏の発言。")
    glossary.apply_approved_forms(article)
    html = page(client, article)
    assert "<p>ヤン・ルカン氏の発言。</p>" in html and "<p>ヤン・ルカン氏の話。</p>" in html


def test_the_migration_fills_stored_rows_as_a_save_does():
    article = make_article(body="**本文**。", impact_analysis="影響。", key_points=2)
    Correction.objects.create(article=article, body="訂正。")
    expected = stored(article)
    Article.objects.filter(pk=article.pk).update(**dict.fromkeys(STORED, ""))
    RenderedParts.objects.all().delete()
    migration = importlib.import_module("articles.migrations.0016_stored_html")
    migration.render_stored_html(apps, connection.schema_editor())
    assert stored(article) == expected


def test_rendering_again_reaches_every_stored_story(client):
    """After a change to the rendering rules: what was stored under the old ones is rendered again."""
    article = make_article(body="**本文**。", key_points=1)
    expected = stored(article, figures=True)
    Article.objects.filter(pk=article.pk).update(body_html="<p>古い規則で保存</p>")
    RenderedParts.objects.filter(article=article).update(key_points=[["古い", "<p>古い規則で保存</p>"]])
    assert "古い規則で保存" in page(client, article)
    out = io.StringIO()
    call_command("render_stored_html", stdout=out)
    assert stored(article, figures=True) == expected
    assert "古い規則で保存" not in page(client, article)
    assert "1 article(s)" in out.getvalue()
