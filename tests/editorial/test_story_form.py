"""The story's form as drawn without JavaScript: the reader's order, the paper's fields, budgets, names, labels."""

import re

import pytest

from articles.models import Source
from tests.factories import change_url, login, make_article, make_source

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/articles/article/add/"


@pytest.fixture
def editor():
    client, _ = login("Editor")
    return client


@pytest.fixture
def story():
    return make_article(key_points=2)


def test_the_form_follows_the_readers_order(editor, story):
    html = editor.get(change_url(story)).content.decode()
    marks = [
        'name="title"', 'name="lead"', 'id="key_points-group"', 'name="impact_analysis"',
        'name="editorial_comment"', 'name="body"', 'id="figures-group"', 'name="original_url"',
        'name="original_arxiv_id"', 'name="category"', 'name="status"', 'id="related_links-group"',
    ]
    places = [html.index(mark) for mark in marks]
    assert places == sorted(places)
    # The original's title stands beside the translated one, in the headline's fieldset.
    assert html.index('name="original_title"') < html.index('name="title"') < html.index('id="key_points-group"')


def test_the_papers_fields_are_folded_apart_and_the_paper_sources_named(editor, story):
    paper = make_source("Atlas Letters", kind=Source.Kind.PAPER)
    html = editor.get(change_url(story)).content.decode()
    section = html[html.index('class="module aligned collapse nd-paper"'):html.index('name="category"')]
    assert section.index("<details>") < section.index("論文の情報") < section.index('name="original_arxiv_id"')
    for name in ("original_authors", "original_affiliations", "original_pdf_url", "original_code_url"):
        assert f'name="{name}"' in section
    known = re.search(r'<script id="nd-paper-sources" type="application/json">(.*?)</script>', html).group(1)
    assert known == f"[{paper.pk}]"


def test_fields_with_a_budget_say_it(editor, story):
    html = editor.get(change_url(story)).content.decode()
    assert re.search(r'<input type="text" name="title"[^>]*data-nd-budget="32"', html)
    assert re.search(r'<textarea name="lead"[^>]*data-nd-budget="120"', html)
    assert "目安は 32 字以内です。" in html and "目安は 120 字以内です。" in html
    assert re.search(r'<input type="text" name="key_points-0-heading"[^>]*data-nd-budget="30"', html)
    assert re.search(r'<textarea name="key_points-0-body" cols="40" rows="5"[^>]*data-nd-budget="120"', html)


def test_inline_inputs_and_date_parts_have_names(editor, story):
    html = editor.get(change_url(story)).content.decode()
    assert 'aria-label="キーポイント 1: 見出し"' in html and 'aria-label="キーポイント 2: 本文"' in html
    assert 'aria-label="キーポイント 1: 削除"' in html
    assert 'aria-label="新しいキーポイント: 見出し"' in html  # the row the add button copies
    assert 'aria-label="公開日時（日付）"' in html and 'aria-label="公開日時（時刻）"' in html


def test_labels_read_as_natural_japanese(editor, story):
    listing = editor.get("/admin/articles/article/").content.decode()
    assert "記事を追加" in listing and "記事 を追加" not in listing
    assert "記事一覧" in listing
    assert re.search(r"全 \d+ 件", listing)  # the count, not Django's 「1 記事」
    form = editor.get(change_url(story)).content.decode()
    assert "記事を編集" in form and "記事 を変更" not in form
    assert "削除しますか" not in form
    # 版の履歴 is the story's versions; the admin's record of actions has a name of its own.
    assert ">版の履歴</a>" in form and ">操作ログ</a>" in form and ">履歴</a>" not in form
    assert "Markdown。" not in form
    # The sidebar (on the lists; the story form and the story list give its width to the form and its
    # preview, and to the list's columns) names the app apart from its stories.
    categories = editor.get("/admin/articles/category/").content.decode()
    assert re.search(r'<caption>\s*<a href="/admin/articles/"[^>]*>コンテンツ</a>', categories)
    assert 'id="nav-sidebar"' in categories
    assert 'id="nav-sidebar"' not in form and 'id="nav-sidebar"' not in listing


def test_deleting_stories_asks_in_natural_japanese(story):
    chief, _ = login("Chief editor")
    stock = ("オブジェクト", "はい、大丈夫です", "複数の")
    listing = chief.get("/admin/articles/article/").content.decode()
    assert f'aria-label="一括操作の対象に選ぶ: {story.title}"' in listing
    assert not any(words in listing for words in stock)
    selected = chief.post("/admin/articles/article/", {"action": "delete_selected", "_selected_action": [story.pk]})
    one = chief.get(f"/admin/articles/article/{story.pk}/delete/")
    for page in (selected.content.decode(), one.content.decode()):
        assert "削除される項目" in page and 'value="はい、削除します"' in page
        assert not any(words in page for words in stock)
    assert "<title>選択した項目の削除 |" in selected.content.decode()



def test_deleting_a_story_lists_what_goes_with_it_by_name(story):
    """Every row that goes with the story is named in Japanese and by what it is, not by ids or index words."""
    from datetime import UTC, datetime

    from articles import revisions, stored_html
    from articles.models import RelatedLink, SearchDocument, SlugRedirect
    from desk.models import Note, Notification, ReviewRequest
    from editorial.models import Autosave
    from ranking.models import HourlyViews
    from search import documents
    from tests.factories import make_tag

    chief, boss = login("Chief editor")
    story.tags.add(make_tag("宇宙"))
    story.editors.add(boss)
    RelatedLink.objects.create(from_article=story, to_article=make_article(title="関連する記事"), position=1)
    SlugRedirect.objects.create(article=story, old_slug="old-slug")
    revisions.record(story, by=boss)
    stored_html.refresh_parts([story.pk])
    documents.index_article(story.pk)
    ReviewRequest.objects.create(article=story, requested_by=boss)
    Note.objects.create(article=story, author=boss, text="見出しを確認")
    Notification.objects.create(recipient=boss, event=Notification.Event.MENTIONED, article=story, text="確認を")
    Autosave.objects.create(user=boss, article=story, data={})
    HourlyViews.objects.create(article=story, hour=datetime(2026, 12, 4, 0, tzinfo=UTC), views=12)
    index_words = SearchDocument.objects.get(pk=story.pk).title

    one = chief.get(f"/admin/articles/article/{story.pk}/delete/").content.decode()
    selected = chief.post("/admin/articles/article/", {"action": "delete_selected", "_selected_action": [story.pk]})
    for page in (one, selected.content.decode()):
        rows = [re.sub(r"<[^>]+>", "", row).strip() for row in re.findall(r"<li>(.*?)(?:</li>|<ul>)", page, re.S)]
        named = [row for row in rows if ":" in row]
        assert len(named) > 15
        assert not [row for row in named if not re.search(r"[ぁ-んァ-ヶ一-龠]", row.split(":")[0])], named
        for line in (
            f"記事のタグ: 宇宙（{story.title}）", f"記事の編集者: chief_editor（{story.title}）", "版: 第1版",
            f"記事ページの表示用データ: {story.title}", f"検索用の索引: {story.title}", "以前のスラッグ: old-slug",
            f"レビュー依頼: {story.title} · レビュー待ち", "通知: メモでの呼びかけ · chief_editor",
            "時間ごとの閲覧数: 2026-12-04 09時台に12回", "記事のタグ: 1", "検索用の索引: 1",
        ):
            assert line in rows, (line, named)
        assert index_words not in page and "object (" not in page

def test_the_action_log_is_named_as_its_button(editor, story):
    html = editor.get(f"/admin/articles/article/{story.pk}/history/").content.decode()
    assert f"操作ログ: {story.title}" in html


def test_a_source_has_one_name(editor):
    html = editor.get("/admin/articles/source/add/").content.decode()
    assert "媒体名" not in html and 'for="id_name">名前' in html


def test_the_admin_word_overrides_still_match_djangos_messages():
    """Each override in locale_admin names a message Django's admin still has, and reads without stray spaces."""
    import gettext
    from pathlib import Path

    import django
    from django.conf import settings

    ours = gettext.GNUTranslations((Path(settings.BASE_DIR) / "locale_admin/ja/LC_MESSAGES/django.mo").open("rb"))
    django_admin = Path(django.__file__).parent / "contrib/admin/locale/ja/LC_MESSAGES/django.mo"
    theirs = gettext.GNUTranslations(django_admin.open("rb"))
    overridden = {key: value for key, value in ours._catalog.items() if key}
    assert len(overridden) > 20
    assert set(overridden) <= set(theirs._catalog)
    for value in overridden.values():
        assert not re.search(r"(\)s|\}) [をのがはに]", value), value  # 「記事 を追加」
