"""Extracting an article page's main text: clean Markdown, the facts it states, what it could not find."""

from datetime import UTC, datetime

from ingest.extraction import extract
from tests.ingest import samples

URL = "https://harbor.example/world/eastmouth-port"


def test_the_body_is_clean_markdown_with_its_subheadings():
    result = extract(samples.article_page(), url=URL)

    assert result.body.startswith(samples.ARTICLE_PARAGRAPHS[0])
    assert "## A long review ahead" in result.body and "## Cost questions" in result.body
    assert result.body.index("## A long review ahead") < result.body.index(samples.ARTICLE_PARAGRAPHS[2])
    for paragraph in samples.ARTICLE_PARAGRAPHS:
        assert paragraph in result.body


def test_script_navigation_and_player_placeholders_are_left_out():
    body = extract(samples.article_page(), url=URL).body.lower()

    for furniture in ("alert", "document.cookie", "tracker", "<script", "watch now", "play video", "watch:",
                      "enable javascript", "advertisement", "subscribe", "home", "sport", "share this",
                      "related stories", "all rights reserved", "color: red"):
        assert furniture not in body, furniture


def test_title_author_date_language_and_images_are_stated():
    result = extract(samples.article_page(), url=URL)

    assert result.title == "Eastmouth port to double its capacity"
    assert result.author == "Jane Marlow"
    assert result.published_at == datetime(2026, 11, 30, 14, 5, tzinfo=UTC)
    assert result.language == "en"
    assert result.missing == []
    [image] = result.images
    assert image.src == "https://harbor.example/images/port.jpg"
    assert image.caption == "Cranes at the Eastmouth terminal at dawn."
    assert image.credit == "Photo: Lena Ruiz / Harbor Ledger"
    assert image.alt == "Cranes at the Eastmouth container terminal"


def test_what_could_not_be_extracted_is_said_not_guessed():
    result = extract(samples.article_page(author=False, date=False, lang=""), url=URL)

    assert result.author == ""
    assert result.published_at is None
    assert "著者を取得できませんでした" in result.missing
    assert "公開日時を取得できませんでした" in result.missing
    assert "言語を取得できませんでした" in result.missing


def test_a_page_without_an_article_says_so():
    result = extract("<html><body><nav>Home</nav><script>alert(1)</script></body></html>", url=URL)

    assert result.body == ""
    assert "本文を取得できませんでした" in result.missing
    assert "alert" not in str(result.as_json())


def test_script_inside_paragraphs_and_json_ld_never_reach_the_body():
    p = samples.ARTICLE_PARAGRAPHS
    page = f"""<html lang="en-GB"><head><title>Port</title>
    <script type="application/ld+json">{{"@type": "NewsArticle", "datePublished": "2026-11-30T09:00:00Z",
      "articleBody": "SECRET JSON BODY"}}</script></head><body><article><h1>Port plan</h1>
    <p>{p[0]} <script>steal("inline")</script></p><p>{p[1]}<img src=x onerror="alert('img')"></p>
    <p>{p[2]}</p><p>{p[3]}</p></article></body></html>"""

    result = extract(page, url=URL)

    assert p[0] in result.body and p[3] in result.body
    for leaked in ("steal", "inline", "onerror", "alert", "SECRET JSON BODY"):
        assert leaked not in result.body
    assert result.language == "en"


def test_a_video_page_with_only_a_player_has_no_body_to_offer():
    page = """<html lang="en"><head><title>Watch: the port at dawn</title></head><body><main><article>
    <h1>Watch: the port at dawn</h1><div class="player"><p>Watch now</p><p>Play video</p>
    <p>This video can not be played</p><p>Your browser does not support the video tag.</p></div>
    </article></main></body></html>"""

    result = extract(page, url=URL)

    assert result.body == ""
    assert "本文を取得できませんでした" in result.missing


def test_a_chinese_page_keeps_its_script_subtag():
    page = samples.article_page(lang="zh-hant-tw")

    assert extract(page, url=URL).language == "zh-Hant"
