"""A figure's caption in the original's language: optional in the interchange format, shown in 原文を表示."""

import json
import re

import pytest
from django.core.management import call_command

from articles.models import Figure
from interchange.importer import import_file
from tests.factories import after_commit, image_bytes, make_article, make_figure

pytestmark = pytest.mark.django_db


def story(**figure):
    return {
        "status": "published", "published_at": "2026-11-27T09:30:00+09:00", "category": "ビジネス", "tags": [],
        "title": "港の自動化", "lead": "リード。", "body": "本文。\n\n[[figure:1]]\n\n続き。",
        "key_points": [{"heading": "要点", "body": "説明。"}], "impact_analysis": "", "editorial_comment": "",
        "original": {
            "title": "Port automation", "body": "First.\n\n[[figure:1]]\n\nSecond.", "url": "https://news.example/port",
            "source": "Harbor Ledger", "author": "A. Writer", "published_at": "2026-11-27T00:00:00+00:00", "language": "en",
        },
        "figures": [{"image": "photo.jpg", "caption": "自動化された港のクレーン", "credit": "撮影: 編集部", "alt": "港のクレーン",
                     **figure}],
        "related": [],
    }


def write(tmp_path, article) -> str:
    (tmp_path / "photo.jpg").write_bytes(image_bytes(size=(120, 80)))
    path = tmp_path / "articles.json"
    path.write_text(json.dumps({"articles": [article]}, ensure_ascii=False), encoding="utf-8")
    return str(path)


def original_section(html: str) -> str:
    return html[html.index('class="original__content"'):html.index('class="original__link"')]


def test_a_file_with_original_captions_imports_them_and_export_writes_them_back(tmp_path):
    with after_commit():
        import_file(write(tmp_path, story(original_caption="Cranes at the automated port")))
    assert Figure.objects.get().original_caption == "Cranes at the automated port"
    out = tmp_path / "out" / "export.json"
    call_command("export_articles", "-o", str(out))
    exported = json.loads(out.read_text(encoding="utf-8"))["articles"][0]["figures"][0]
    assert exported["original_caption"] == "Cranes at the automated port" and exported["caption"] == "自動化された港のクレーン"


def test_an_older_file_without_them_still_imports_and_exports_as_it_was(tmp_path):
    with after_commit():
        import_file(write(tmp_path, story()))
    assert Figure.objects.get().original_caption == ""
    out = tmp_path / "out" / "export.json"
    call_command("export_articles", "-o", str(out))
    assert "original_caption" not in json.loads(out.read_text(encoding="utf-8"))["articles"][0]["figures"][0]


def test_a_caption_too_long_is_refused_naming_the_field(tmp_path):
    from interchange.schema import InterchangeError

    with pytest.raises(InterchangeError, match=r"figures\[0\]\.original_caption"):
        import_file(write(tmp_path, story(original_caption="x" * 301)))


def test_the_original_section_shows_its_figures_with_the_original_caption(client):
    article = make_article(original_body="First.\n\n[[figure:1]]\n\nSecond.", body="本文。\n\n[[figure:1]]")
    make_figure(article, caption="港のクレーン", original_caption="Cranes at the port", credit="Photo: Wire")
    html = client.get(article.get_absolute_url()).content.decode()
    original = original_section(html)
    assert original.count("<figure") == 1
    assert re.search(r"<figcaption>Cranes at the port <span class=\"figure__credit\">Photo: Wire</span>", original)
    assert "港のクレーン" not in original
    body = html[html.index('class="article__body"'):html.index('class="original"')]
    assert "港のクレーン" in body and "Cranes at the port" not in body


def test_without_an_original_caption_the_original_section_shows_the_japanese_one_marked_as_japanese(client):
    article = make_article(original_body="First.\n\n[[figure:1]]", body="本文。\n\n[[figure:1]]")
    make_figure(article, caption="港のクレーン")
    original = original_section(client.get(article.get_absolute_url()).content.decode())
    assert '<figcaption><span lang="ja">港のクレーン</span>' in original
