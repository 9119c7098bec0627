"""The story list made for a desk: its columns, its filters (reviewer, date, a typed tag), search, and its cost."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import revisions
from articles.models import Article
from desk import reviews
from editorial import presence
from ranking.models import HourlyViews
from tests.factories import login, make_article, make_category, make_staff, make_tag

pytestmark = pytest.mark.django_db

LIST = "/admin/articles/article/"


def row_of(html: str, title: str) -> str:
    row = html[html.index(title):]
    return row[:row.index("</tr>")]


def titles(html: str) -> list[str]:
    return re.findall(r'class="nd-headline">([^<]+)</a>', html)


def test_each_row_shows_the_state_as_words_the_translator_and_the_reviewer():
    client, editor = login("Editor", "sato")
    translator = make_staff("Translator", "tanaka", first_name="田中")
    story = make_article(title="港のクレーンが電動化", status=Article.Status.DRAFT, published_at=None)
    revisions.record(story, by=translator)
    reviews.request_review(story, by=translator, reviewer=editor)
    html = client.get(LIST).content.decode()
    row = row_of(html, "港のクレーンが電動化")
    assert '<span class="nd-chip nd-chip-review">レビュー待ち</span>' in row  # the chip says it in words
    assert '<td class="field-translator">田中</td>' in row
    assert re.search(r'<td class="field-reviewer">sato<span class="nd-muted nd-changed">レビュー待ち</span></td>', row)
    for header in ("見出し", "ステータス", "翻訳者", "レビュー担当", "カテゴリー", "公開日時", "読了", "閲覧 7日", "閲覧 累計"):
        assert f">{header}<" in html, header


def test_the_reviewer_is_who_approved_else_the_group_asked():
    client, editor = login("Editor", "sato")
    translator = make_staff("Translator", "tanaka")
    to_group = make_article(title="グループに依頼", status=Article.Status.DRAFT, published_at=None,
                            original_url="https://example.com/group")
    revisions.record(to_group, by=translator)
    reviews.request_review(to_group, by=translator)
    approved = make_article(title="承認済みの記事", status=Article.Status.DRAFT, published_at=None,
                            original_url="https://example.com/approved")
    revisions.record(approved, by=translator)
    reviews.request_review(approved, by=translator, reviewer=editor)
    reviews.approve(approved, by=editor)
    html = client.get(LIST).content.decode()
    assert "Editorグループ<span" in row_of(html, "グループに依頼")
    assert re.search(r'field-reviewer">sato<span class="nd-muted nd-changed">承認</span>', row_of(html, "承認済みの記事"))


def test_the_reviewer_filter_lists_reviewers_and_keeps_their_stories():
    client, editor = login("Editor", "sato")
    other = make_staff("Editor", "suzuki")
    translator = make_staff("Translator", "tanaka")
    mine = make_article(title="佐藤さんの担当", status=Article.Status.DRAFT, published_at=None,
                        original_url="https://example.com/mine")
    theirs = make_article(title="鈴木さんの担当", status=Article.Status.DRAFT, published_at=None,
                          original_url="https://example.com/theirs")
    for story, reviewer in ((mine, editor), (theirs, other)):
        revisions.record(story, by=translator)
        reviews.request_review(story, by=translator, reviewer=reviewer)
    html = client.get(LIST, {"reviewer": str(editor.pk)}).content.decode()
    assert titles(html) == ["佐藤さんの担当"]
    assert "レビュー担当で絞り込む" in html and f'?reviewer={other.pk}"' in html
    assert titles(client.get(LIST, {"reviewer": "nobody"}).content.decode()) == []


def test_the_date_filter_reaches_ahead_to_scheduled_stories_and_back():
    client, _ = login("Editor")
    now = timezone.now()
    make_article(title="来週の予約", status=Article.Status.SCHEDULED, published_at=now + timedelta(days=3),
                 original_url="https://example.com/ahead")
    make_article(title="先週の記事", published_at=now - timedelta(days=5), original_url="https://example.com/week")
    make_article(title="去年の記事", published_at=now - timedelta(days=300), original_url="https://example.com/old")
    make_article(title="日時のない下書き", status=Article.Status.DRAFT, published_at=None,
                 original_url="https://example.com/none")
    assert titles(client.get(LIST, {"published": "ahead"}).content.decode()) == ["来週の予約"]
    assert titles(client.get(LIST, {"published": "week"}).content.decode()) == ["先週の記事"]
    assert titles(client.get(LIST, {"published": "none"}).content.decode()) == ["日時のない下書き"]
    assert titles(client.get(LIST, {"published": "soon"}).content.decode()) == []  # a hand-made value: nothing, no error


def test_the_category_filter_keeps_its_categories():
    client, _ = login("Editor")
    business = make_category("ビジネス")
    make_article(title="ビジネスの記事", category=business)
    make_article(title="科学の記事", category=make_category("科学"), original_url="https://example.com/science")
    html = client.get(LIST, {"category__id__exact": str(business.pk)}).content.decode()
    assert titles(html) == ["ビジネスの記事"]


def test_stories_without_a_category_are_one_choice_named_so():
    client, _ = login("Editor")
    make_article(title="ビジネスの記事", category=make_category("ビジネス"))
    make_article(title="分類前の記事", category=None, original_url="https://example.com/unfiled")
    html = client.get(LIST).content.decode()
    assert html.count('>未設定</a>') == 1
    assert '>-</a>' not in html
    assert titles(client.get(LIST, {"category__isnull": "True"}).content.decode()) == ["分類前の記事"]


class TestTagFilter:
    def test_a_typed_tag_filters_and_the_other_filters_and_search_are_kept(self):
        client, _ = login("Editor")
        make_article(title="港湾の下書き", tags=("港湾",), status=Article.Status.DRAFT, published_at=None)
        make_article(title="港湾の公開記事", tags=("港湾",), original_url="https://example.com/published")
        make_article(title="AIの記事", tags=("AI",), status=Article.Status.DRAFT, published_at=None,
                     original_url="https://example.com/ai")
        html = client.get(LIST, {"tag": "港湾", "status__exact": "draft", "q": "下書き"}).content.decode()
        assert titles(html) == ["港湾の下書き"]
        form = html[html.index('class="nd-tag-filter"'):html.index("</form>", html.index('class="nd-tag-filter"'))]
        assert '<input type="hidden" name="status__exact" value="draft">' in form
        assert '<input type="hidden" name="q" value="下書き">' in form
        assert 'name="tag" value="港湾"' in form
        assert "タグの絞り込みを解除" in form

    def test_the_page_never_lists_every_tag(self):
        client, _ = login("Editor")
        for n in range(30):
            make_tag(f"使われないタグ{n:02d}")
        make_article(title="港湾の記事", tags=("港湾",))
        html = client.get(LIST).content.decode()
        assert "使われないタグ" not in html
        assert 'data-suggest-url="/admin/autocomplete/"' in html
        # The suggestions come from the admin's autocomplete as the editor types.
        found = client.get("/admin/autocomplete/", {
            "term": "使われないタグ0", "app_label": "articles", "model_name": "article", "field_name": "tags",
        }).json()
        assert [r["text"] for r in found["results"]][:2] == ["使われないタグ00", "使われないタグ01"]

    def test_an_unknown_tag_says_so_and_shows_nothing(self):
        client, _ = login("Editor")
        make_article(title="港湾の記事", tags=("港湾",))
        response = client.get(LIST, {"tag": "<b>存在しない</b>"})
        html = response.content.decode()
        assert response.status_code == 200
        assert "「&lt;b&gt;存在しない&lt;/b&gt;」というタグはありません。" in html
        assert titles(html) == []

    def test_case_does_not_matter_when_one_tag_matches(self):
        client, _ = login("Editor")
        make_article(title="AIの記事", tags=("OpenAI",))
        assert titles(client.get(LIST, {"tag": "openai"}).content.decode()) == ["AIの記事"]


def test_search_finds_headlines_and_original_titles():
    client, _ = login("Editor")
    make_article(title="港のニュース", original_title="Harbour cranes go electric")
    make_article(title="宇宙のニュース", original_title="Rocket lands", original_url="https://example.com/space")
    assert titles(client.get(LIST, {"q": "港の"}).content.decode()) == ["港のニュース"]
    assert titles(client.get(LIST, {"q": "cranes"}).content.decode()) == ["港のニュース"]


def test_the_headline_links_to_the_form_and_keeps_the_lists_filters():
    client, _ = login("Editor")
    story = make_article(title="港のニュース", status=Article.Status.DRAFT, published_at=None)
    html = client.get(LIST, {"status__exact": "draft"}).content.decode()
    assert (f'<a href="/admin/articles/article/{story.pk}/change/?_changelist_filters=status__exact%3Ddraft" '
            'class="nd-headline">港のニュース</a>') in html


def page_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST)
    assert response.status_code == 200
    return len(queries)


def test_the_lists_queries_do_not_grow_with_its_stories():
    client, editor = login("Editor", "sato")
    tags = [make_tag(f"タグ{n}") for n in range(5)]
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)

    def add_stories(first: int, count: int) -> None:
        for n in range(first, first + count):
            story = make_article(title=f"記事{n}", original_url=f"https://example.com/{n}", key_points=2,
                                 status=Article.Status.DRAFT, published_at=None)
            story.tags.set(tags[: n % 5])
            translator = make_staff("Translator", f"translator{n}")  # each row names people of its own
            revisions.record(story, by=translator)
            reviews.request_review(story, by=translator, reviewer=editor if n % 2 else None)
            HourlyViews.objects.create(article=story, hour=hour, views=n)
            presence.mark_present(story.pk, user=make_staff("Editor", f"editor{n}"))

    add_stories(0, 2)
    few = page_queries(client)
    add_stories(2, 60)
    many = page_queries(client)
    html = client.get(LIST).content.decode()
    assert html.count("さんが編集中です") == 62 and html.count('class="field-translator">translator') == 62
    assert many == few
