import datetime
import re
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from articles import publishing, restoring, revisions
from articles.models import Article, Correction, DailyDigest, DigestEntry, KeyPoint, RelatedLink
from tests.factories import (
    at,
    change_url,
    login,
    make_article,
    make_category,
    make_figure,
    make_real_story,
    make_source,
    make_staff,
    make_tag,
)
from tests.helpers import NOT_PUBLIC_YET
from tests.htmlforms import form_fields

pytestmark = pytest.mark.django_db

LABELS_IN_ORDER = [
    "article__title", "(1 分読)", "article__meta", "article__lead", "キーポイント",
    "影響分析・編集コメントを表示", "article__body", "原文を表示", "関連記事", "AI日報で今日の重要ニュースをまとめ読み",
]


def page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


@pytest.fixture
def story():
    article = make_article(
        original_title="Harbor cranes go electric",
        title="港のクレーンが電動化",
        tags=["港湾", "電動化"],
        key_points=3,
        body="一段落目。\n\n[[figure:1]]\n\n## 小見出し\n\n二段落目。",
        original_body="First.\n\n## Heading\n\nSecond.",
        original_language="de",
    )
    make_figure(article, caption="港の写真", credit="撮影: 編集部", alt_text="クレーン")
    make_article(title="別の記事", tags=["港湾"])
    return article


class TestArticlePage:
    def test_shows_the_nine_blocks_in_order(self, client, story):
        html = page(client, story.get_absolute_url())
        positions = [html.index(label) for label in LABELS_IN_ORDER]
        assert positions == sorted(positions)

    def test_meta_line_has_category_jst_time_source_and_tag_links(self, client, story):
        html = page(client, story.get_absolute_url())
        assert '<time datetime="2026-11-27T09:30:00+09:00">2026年11月27日 09:30 JST</time>' in html
        assert 'href="/tag/%E6%B8%AF%E6%B9%BE/"' in html or 'href="/tag/港湾/"' in html
        assert "Harbor Ledger" in html and "ビジネス" in html

    def test_analysis_and_original_are_collapsed_details(self, client, story):
        html = page(client, story.get_absolute_url())
        assert re.search(r'<details class="analysis"[^>]*>\s*<summary>影響分析・編集コメントを表示</summary>', html)
        assert re.search(r'<details class="original"[^>]*>\s*<summary>原文を表示</summary>', html)
        assert "<details open" not in html and " open>" not in html
        analysis = html[html.index('class="analysis"'):html.index("</details>")]
        assert analysis.index("影響分析</h2>") < analysis.index("編集コメント</h2>")

    def test_analysis_section_is_hidden_when_both_fields_are_empty(self, client):
        article = make_article(impact_analysis="", editorial_comment="")
        assert "影響分析・編集コメントを表示" not in page(client, article.get_absolute_url())

    def test_the_original_is_marked_with_its_language_and_links_to_the_source(self, client, story):
        html = page(client, story.get_absolute_url())
        assert '<div class="original__content" lang="de">' in html
        assert "Harbor cranes go electric" in html
        assert f'href="{story.original_url}"' in html
        assert '<html lang="ja">' in html

    def test_figures_appear_where_the_body_places_them_with_caption_and_credit(self, client, story):
        html = page(client, story.get_absolute_url())
        body = html[html.index('class="article__body"'):html.index('class="original"')]
        assert body.index("一段落目") < body.index("<figure") < body.index("小見出し")
        assert 'alt="クレーン"' in body and "港の写真" in body and "撮影: 編集部" in body
        assert 'loading="eager"' in body

    def test_a_video_figure_offers_watch_now(self, client):
        article = make_article()
        make_figure(article, video_url="https://video.example/watch/abc")
        html = page(client, article.get_absolute_url())
        assert 'href="https://video.example/watch/abc"' in html
        assert "今すぐ見る" in html

    def test_corrections_are_dated_at_the_end(self, client, story):
        Correction.objects.create(article=story, noted_at=at(2026, 11, 28, 8, 0), body="数字を訂正しました。")
        html = page(client, story.get_absolute_url())
        assert html.index("原文を表示") < html.index("訂正・更新") < html.index("関連記事")
        assert "2026年11月28日 08:00" in html

    def test_the_digest_link_points_at_the_publish_day(self, client, story):
        assert 'href="/digest/2026-11-27/"' in page(client, story.get_absolute_url())

    def test_editor_text_cannot_inject_markup(self, client):
        article = make_article(
            title='<script>alert("t")</script>', lead="<img src=x onerror=alert(1)>",
            body='<script>alert(1)</script>\n\n[x](javascript:alert(1))',
        )
        html = page(client, article.get_absolute_url())
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert 'href="javascript' not in html

    @pytest.mark.parametrize("status,when", NOT_PUBLIC_YET)
    def test_unpublished_and_future_articles_are_404(self, client, status, when):
        article = make_article(status=status, published_at=when)
        assert client.get(article.get_absolute_url()).status_code == 404

    def test_an_unknown_article_is_404(self, client):
        assert client.get("/articles/no-such-story/").status_code == 404

    def test_an_old_slug_redirects_to_the_current_url(self, client):
        article = make_article(original_title="First name")
        article.slug = "second-name"
        article.save()
        response = client.get("/articles/first-name/")
        assert response.status_code == 301
        assert response["Location"] == "/articles/second-name/"


class TestRelated:
    def test_editors_picks_come_first_then_shared_tags_then_category_then_recency(self, client):
        ai, other_cat = make_tag("AI"), make_category("科学")
        article = make_article(tags=[ai], published_at=at(2026, 11, 27, 9, 0))
        pick2 = make_article(title="選定2", category=other_cat, published_at=at(2026, 11, 20, 9, 0))
        pick1 = make_article(title="選定1", category=other_cat, published_at=at(2026, 11, 19, 9, 0))
        RelatedLink.objects.create(from_article=article, to_article=pick1, position=1)
        RelatedLink.objects.create(from_article=article, to_article=pick2, position=2)
        make_article(title="同じタグ", tags=[ai], category=other_cat, published_at=at(2026, 11, 1, 9, 0))
        make_article(title="同じカテゴリー", published_at=at(2026, 11, 2, 9, 0))
        make_article(title="新しいだけ", category=other_cat, published_at=at(2026, 11, 26, 9, 0))
        make_article(title="古いだけ", category=other_cat, published_at=at(2026, 10, 1, 9, 0))
        unpublished = make_article(title="下書き", tags=[ai], status=Article.Status.DRAFT)
        RelatedLink.objects.create(from_article=article, to_article=unpublished, position=0)

        html = page(client, article.get_absolute_url())
        related = html[html.index('id="related-heading"'):]
        titles = re.findall(r'<li><a href="[^"]+">([^<]+)</a>', related)
        assert titles == ["選定1", "選定2", "同じタグ", "同じカテゴリー", "新しいだけ"]

    def test_a_shared_tag_finds_an_older_article_past_many_newer_ones(self, client):
        from reader import related

        article = make_article(tags=["港湾"], published_at=at(2026, 11, 27, 9, 0))
        make_article(title="同じタグの古い記事", tags=["港湾"], published_at=at(2026, 9, 1, 9, 0))
        for i in range(related.NEWEST + 5):
            make_article(title=f"新しい記事{i}", published_at=at(2026, 11, 20, 9, 0) + datetime.timedelta(minutes=i))
        html = page(client, article.get_absolute_url())
        related_html = html[html.index('id="related-heading"'):]
        assert re.findall(r'<li><a href="[^"]+">([^<]+)</a>', related_html)[0] == "同じタグの古い記事"

    def test_articles_not_yet_live_are_never_suggested(self, client):
        article = make_article(tags=["AI"], published_at=at(2026, 11, 27, 9, 0))
        make_article(title="予約中", tags=["AI"], status=Article.Status.SCHEDULED,
                     published_at=timezone.now() + datetime.timedelta(days=2))
        make_article(title="公開中", tags=["AI"], published_at=at(2026, 11, 26, 9, 0))
        html = page(client, article.get_absolute_url())
        related = html[html.index('id="related-heading"'):]
        assert re.findall(r'<li><a href="[^"]+">([^<]+)</a>', related) == ["公開中"]

    def test_never_the_article_itself(self, client):
        article = make_article(tags=["AI"])
        html = page(client, article.get_absolute_url())
        assert 'id="related-heading"' not in html


class TestLists:
    def test_home_lists_published_articles_as_cards(self, client):
        make_article(title="公開済み", lead="公開のリード")
        make_article(title="下書き", status=Article.Status.DRAFT)
        html = page(client, "/latest/")
        assert "公開済み" in html and "公開のリード" in html and "(1 分読)" in html
        assert "下書き</a>" not in html

    def test_filters_combine(self, client):
        ai, space = make_tag("AI"), make_tag("宇宙")
        science = make_category("科学")
        make_article(title="AIと科学", tags=[ai], category=science)
        make_article(title="AIとビジネス", tags=[ai])
        make_article(title="宇宙と科学", tags=[space], category=science)
        html = page(client, "/latest/", tag=ai.slug, category=science.slug)
        assert "AIと科学" in html
        assert "AIとビジネス" not in html and "宇宙と科学" not in html

    def test_free_text_and_date_range_filter(self, client):
        make_article(title="買収の話", published_at=at(2026, 11, 25, 23, 30))
        make_article(title="別の話", body="この記事でも買収に触れる。", published_at=at(2026, 11, 26, 0, 30))
        make_article(title="関係ない話", published_at=at(2026, 11, 26, 1, 0))
        response = client.get("/latest/", {"q": "買収", "date_from": "2026-11-26", "date_to": "2026-11-26"}, follow=True)
        # A keyword is the search page's: ranked, with passages quoted, the list's other filters kept.
        assert response.redirect_chain == [("/search/?q=%E8%B2%B7%E5%8F%8E&date_from=2026-11-26&date_to=2026-11-26", 301)]
        html = response.content.decode()
        assert "別の話" in html
        assert "買収の話" not in html and "関係ない話" not in html

    @pytest.mark.parametrize("kind", ["tag", "category", "source"])
    def test_a_keyword_on_a_subjects_list_searches_within_the_subject(self, client, kind):
        ai, science, wire = make_tag("AI"), make_category("科学"), make_source("Wire")
        make_article(title="AIの買収", tags=[ai], category=science, source=wire)
        make_article(title="別の買収", body="買収の話。", original_url="https://example.com/other")
        subject = {"tag": ai, "category": science, "source": wire}[kind]
        response = client.get(f"/{kind}/{subject.slug}/", {"q": "買収"}, follow=True)
        assert response.redirect_chain == [("/search/?" + urlencode({"q": "買収", kind: subject.slug}), 301)]
        html = response.content.decode()
        assert "AIの買収" in html and "別の買収" not in html

    def test_filters_survive_pagination(self, client):
        ai = make_tag("AI")
        for i in range(25):
            make_article(title=f"AI記事{i:02d}", tags=[ai], published_at=at(2026, 11, 1, 0, 0) + datetime.timedelta(hours=i))
        make_article(title="タグなし")
        html = page(client, "/latest/", tag=ai.slug)
        assert f'href="?tag={ai.slug}&amp;page=2"' in html
        second = page(client, "/latest/", tag=ai.slug, page=2)
        assert second.count('class="card"') == 5
        assert "AI記事00" in second and "タグなし" not in second

    def test_an_invalid_filter_value_shows_the_error_on_a_normal_page(self, client):
        make_article(title="残る記事")
        response = client.get("/latest/", {"category": "no-such-category", "date_from": "2026-99-99"})
        assert response.status_code == 200
        html = response.content.decode()
        assert 'class="field-error"' in html
        assert html.count('role="alert"') >= 2
        assert "残る記事" in html

    def test_a_page_past_the_end_is_404(self, client):
        make_article()
        assert client.get("/latest/", {"page": 2}).status_code == 404
        assert client.get("/latest/", {"page": "abc"}).status_code == 404

    @pytest.mark.parametrize("kind", ["category", "tag", "source"])
    def test_category_tag_and_source_pages_are_the_prefiltered_list(self, client, kind):
        subject = {"category": make_category("宇宙"), "tag": make_tag("ロケット"), "source": make_source("Orbital Times")}[kind]
        inside = {"category": {"category": subject}, "tag": {"tags": [subject]}, "source": {"source": subject}}[kind]
        make_article(title="中の記事", **inside)
        make_article(title="外の記事")
        html = page(client, subject.get_absolute_url())
        assert "中の記事" in html and "外の記事" not in html
        assert subject.name in html

    def test_an_unknown_tag_page_is_404(self, client):
        assert client.get("/tag/nothing-here/").status_code == 404


class TestSubjectsOnlyUnpublishedStoriesCarry:
    """A tag, category or source no published story carries is as unknown to readers as one that does not exist."""

    @pytest.fixture
    def secret(self):
        """A Translator's new tag, category and source, on a draft; a scheduled story carries them too."""
        subjects = {"tag": make_tag("極秘の買収"), "category": make_category("新部門"), "source": make_source("Insider Wire")}
        make_article(title="下書きの特ダネ", tags=[subjects["tag"]], category=subjects["category"],
                     source=subjects["source"], status=Article.Status.DRAFT, published_at=None)
        make_article(title="予約の特ダネ", tags=[subjects["tag"]], category=subjects["category"],
                     source=subjects["source"], status=Article.Status.SCHEDULED, published_at=at(2099, 1, 1, 9, 0))
        make_article(title="公開中の記事")
        return subjects

    @pytest.mark.parametrize("kind", ["tag", "category", "source"])
    def test_their_pages_are_404_until_a_story_with_them_is_published(self, client, secret, kind):
        subject = secret[kind]
        assert client.get(subject.get_absolute_url()).status_code == 404
        publishing.publish(Article.objects.get(title="下書きの特ダネ"), by=make_staff("Editor"))
        assert card_titles(page(client, subject.get_absolute_url())) == ["下書きの特ダネ"]

    def test_a_subject_without_any_story_is_404_too(self, client):
        make_article()
        for subject in (make_tag("新しいタグ"), make_category("空の部門"), make_source("Silent Wire")):
            assert client.get(subject.get_absolute_url()).status_code == 404

    def test_the_filter_form_does_not_offer_them(self, client, secret):
        html = page(client, "/latest/")
        select = html[html.index('name="category"'):]
        assert "新部門" not in select[:select.index("</select>")]
        select = html[html.index('name="source"'):]
        assert "Insider Wire" not in select[:select.index("</select>")]
        assert "ビジネス" in html and "Harbor Ledger" in html  # the published story's

    @pytest.mark.parametrize("kind", ["tag", "category", "source"])
    def test_picking_one_by_url_answers_like_an_unknown_value(self, client, secret, kind):
        unknown = {"tag": "no-such-tag", "category": "no-such-category", "source": "no-such-source"}[kind]
        secret_html = page(client, "/latest/", **{kind: secret[kind].slug})
        unknown_html = page(client, "/latest/", **{kind: unknown})
        assert "下書きの特ダネ" not in secret_html and "予約の特ダネ" not in secret_html
        error = re.compile(r'<p class="field-error"[^>]*>(.*?)</p>')
        assert error.search(secret_html).group(1).replace(secret[kind].slug, "?") == \
            error.search(unknown_html).group(1).replace(unknown, "?")

    def test_a_tag_picked_by_its_name_reveals_nothing_either(self, client, secret):
        html = page(client, "/latest/", tag="極秘の買収")
        assert "そのタグはありません" in html and "下書きの特ダネ" not in html


def card_titles(html: str) -> list[str]:
    return re.findall(r'<h2 class="card__title"><a href="[^"]*">([^<]*)</a>', html)


class TestTagPage:
    """The tag page lists the tag's public articles newest first, however the links and times were written."""

    @pytest.fixture
    def ai(self):
        ai = make_tag("AI")
        make_article(title="古い", tags=[ai], published_at=at(2026, 11, 20, 9, 0))
        make_article(title="新しい", tags=[ai], published_at=at(2026, 11, 26, 9, 0))
        return ai

    def test_newest_first_and_the_later_added_first_at_the_same_time(self, client, ai):
        make_article(title="同時刻・先", tags=[ai], published_at=at(2026, 11, 24, 9, 0))
        make_article(title="同時刻・後", tags=[ai], published_at=at(2026, 11, 24, 9, 0))
        make_article(title="下書き", tags=[ai], status=Article.Status.DRAFT, published_at=at(2026, 11, 25, 9, 0))
        make_article(title="予約", tags=[ai], status=Article.Status.SCHEDULED, published_at=at(2099, 1, 1, 9, 0))
        make_article(title="別のタグ", tags=["宇宙"])
        assert card_titles(page(client, ai.get_absolute_url())) == ["新しい", "同時刻・後", "同時刻・先", "古い"]
        # The same list as the latest articles filtered by the tag.
        assert card_titles(page(client, "/latest/", tag=ai.slug)) == card_titles(page(client, ai.get_absolute_url()))

    def test_pages_follow_on_without_repeats(self, client, ai):
        for i in range(25):
            make_article(title=f"記事{i:02d}", tags=[ai], published_at=at(2026, 11, 1, 0, 0) + datetime.timedelta(hours=i))
        first, second = page(client, ai.get_absolute_url()), page(client, ai.get_absolute_url(), page=2)
        assert card_titles(first)[:3] == ["新しい", "古い", "記事24"]
        assert card_titles(second) == [f"記事{i:02d}" for i in range(6, -1, -1)]

    def test_an_article_published_later_takes_its_place(self, client, ai):
        draft = make_article(title="今度の記事", tags=[ai], status=Article.Status.DRAFT, published_at=None)
        assert "今度の記事" not in card_titles(page(client, ai.get_absolute_url()))
        publishing.publish(draft, by=make_staff("Editor"), at=at(2026, 11, 23, 9, 0))
        assert card_titles(page(client, ai.get_absolute_url())) == ["新しい", "今度の記事", "古い"]

    def test_a_moved_publish_time_moves_the_article(self, client, ai):
        editor = make_staff("Editor")
        old = Article.objects.get(title="古い")
        publishing.publish(old, by=editor, at=at(2026, 11, 27, 9, 0))
        assert card_titles(page(client, ai.get_absolute_url())) == ["古い", "新しい"]
        publishing.publish(old, by=editor, at=at(2099, 1, 1, 9, 0))  # rescheduled: readers wait for it
        assert card_titles(page(client, ai.get_absolute_url())) == ["新しい"]
        publishing.unpublish(Article.objects.get(title="新しい"), by=editor)
        assert client.get(ai.get_absolute_url()).status_code == 404  # no published story carries the tag now

    def test_an_editor_moving_the_time_or_adding_the_tag_in_the_admin(self, client, ai):
        editor_client, _ = login("Editor")
        article = make_article(title="管理画面の記事", tags=["宇宙"], published_at=at(2026, 11, 10, 9, 0))
        fields = form_fields(editor_client.get(change_url(article)).content.decode(), "article_form")
        fields["tags"] = [str(ai.pk)]
        fields["published_at_0"] = "2026-11-25"
        response = editor_client.post(change_url(article), fields)
        assert response.status_code == 302
        assert card_titles(page(client, ai.get_absolute_url())) == ["新しい", "管理画面の記事", "古い"]

    def test_a_retagged_article_moves_between_tag_pages(self, client, ai):
        space = make_tag("宇宙")
        make_article(title="宇宙の記事", tags=[space], published_at=at(2026, 11, 23, 9, 0))
        Article.objects.get(title="古い").tags.set([space])
        space.articles.add(Article.objects.get(title="新しい"))
        assert card_titles(page(client, ai.get_absolute_url())) == ["新しい"]
        assert card_titles(page(client, space.get_absolute_url())) == ["新しい", "宇宙の記事", "古い"]

    def test_a_restored_revision_brings_back_its_tags_at_the_current_time(self, client, ai):
        editor = make_staff("Editor")
        article = make_article(title="復元する記事", tags=[ai], published_at=at(2026, 11, 10, 9, 0))
        first = revisions.record(article, by=editor)
        article.tags.set([make_tag("宇宙")])
        publishing.publish(article, by=editor, at=at(2026, 11, 23, 9, 0))
        assert "復元する記事" not in card_titles(page(client, ai.get_absolute_url()))
        restoring.restore(first, by=editor)
        assert card_titles(page(client, ai.get_absolute_url())) == ["新しい", "復元する記事", "古い"]


class TestDigest:
    def test_a_day_lists_its_published_articles_with_key_points_by_time(self, client):
        make_article(title="朝の記事", published_at=at(2026, 11, 27, 8, 0))
        make_article(title="夜の記事", published_at=at(2026, 11, 27, 23, 59))
        make_article(title="翌日の記事", published_at=at(2026, 11, 28, 0, 0))
        make_article(title="下書き", status=Article.Status.DRAFT, published_at=at(2026, 11, 27, 10, 0))
        html = page(client, "/digest/2026-11-27/")
        assert html.index("朝の記事") < html.index("夜の記事")
        assert "翌日の記事" not in html and "下書き" not in html
        assert "要点1" in html
        assert 'href="/digest/2026-11-26/"' in html and 'href="/digest/2026-11-28/"' in html

    def test_the_editors_order_and_note_win(self, client):
        first = make_article(title="一番目", published_at=at(2026, 11, 27, 8, 0))
        second = make_article(title="二番目", published_at=at(2026, 11, 27, 9, 0))
        digest = DailyDigest.objects.create(date=datetime.date(2026, 11, 27), note="今日は**物流**の日。")
        DigestEntry.objects.create(digest=digest, article=second, position=1)
        DigestEntry.objects.create(digest=digest, article=first, position=2)
        html = page(client, "/digest/2026-11-27/")
        assert html.index("二番目") < html.index("一番目")
        assert "<strong>物流</strong>" in html

    def test_an_empty_day_says_so(self, client):
        html = page(client, "/digest/2026-01-01/")
        assert "この日に公開された記事はありません。" in html

    def test_digest_without_a_date_is_today_in_japan(self, client, monkeypatch):
        now = at(2026, 11, 27, 0, 30)  # in UTC it is still the 26th
        monkeypatch.setattr("django.utils.timezone.now", lambda: now)
        make_article(title="今日の記事", published_at=at(2026, 11, 27, 0, 10))
        make_article(title="昨日の記事", published_at=at(2026, 11, 26, 23, 50))
        html = page(client, "/digest/")
        assert "2026年11月27日のまとめ" in html
        assert "今日の記事" in html and "昨日の記事" not in html
        assert 'rel="next"' not in html

    @pytest.mark.parametrize("bad", ["2026-13-01", "2026-02-30", "26-11-27", "yesterday"])
    def test_a_malformed_date_is_404(self, client, bad):
        assert client.get(f"/digest/{bad}/").status_code == 404


class TestQueryBudget:
    def grow(self, article, n):
        tags = [make_tag(f"タグ{n}-{i}") for i in range(n)]
        article.tags.set(tags)
        for i in range(n):
            KeyPoint.objects.create(article=article, position=i + 10, heading=f"追加{i}")
            make_figure(article, position=i + 1)
            other = make_article(tags=tags[:1], published_at=at(2026, 11, 20, 9, 0))
            RelatedLink.objects.create(from_article=article, to_article=other, position=i)
        return article

    def count(self, client, url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    def test_the_article_page_runs_no_more_queries_for_20_of_everything_than_for_1(self, client):
        small = self.grow(make_article(original_title="small"), 1)
        big = self.grow(make_article(original_title="big"), 20)
        few = self.count(client, small.get_absolute_url())
        assert few <= 4  # the article with its parts, its tags, related reading, the header's categories
        # With five or more editor's picks the suggestion query is skipped.
        assert self.count(client, big.get_absolute_url()) <= few

    @pytest.mark.parametrize("url", ["/", "/digest/2026-11-27/", "/latest/?tag=ai", "/search/?q=記事"])
    def test_list_pages_run_the_same_queries_for_1_or_20_articles(self, client, url):
        make_article(tags=["AI"], published_at=at(2026, 11, 27, 9, 0))
        one = self.count(client, url)
        for i in range(19):
            make_article(tags=["AI", f"t{i}"], published_at=at(2026, 11, 27, 10, i))
        assert self.count(client, url) == one


class TestPageWeight:
    def test_article_page_html_css_and_js_stay_under_60_kb(self, client, story):
        from django.contrib.staticfiles import finders

        html = client.get(story.get_absolute_url()).content
        assets = re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)
        assert assets, "the page links its stylesheet and script"
        total = len(html) + sum(len(open(finders.find(a.decode()), "rb").read()) for a in assets)
        assert total < 60 * 1024, total

    def test_nothing_is_loaded_from_other_hosts(self, client, story):
        html = client.get(story.get_absolute_url()).content.decode()
        for tag in re.findall(r"<(?:script|link|img)\b[^>]*>", html):
            if 'rel="canonical"' in tag or 'rel="alternate" hreflang=' in tag:
                continue  # they name this page's own URLs, absolute as search engines want them
            assert not re.search(r'(?:src|href)="(?:https?:)?//', tag), tag


class TestArticlePageQueries:
    """The article page asks the database the same few questions however big the story is."""

    def count(self, client, article, settings) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        settings.NEWSDESK_PAGE_CACHE = False
        with CaptureQueriesContext(connection) as queries:
            assert client.get(article.get_absolute_url()).status_code == 200
        return len(queries)

    def test_a_bare_story_and_a_full_one_cost_the_same_small_number_of_queries(self, client, settings):
        from articles.models import Correction, RelatedLink
        from tests.factories import make_figure

        bare = make_article(key_points=1)
        full = make_article(key_points=6, tags=["AI", "半導体", "規制", "投資"])
        for position in range(1, 4):
            make_figure(full, position=position)
        Correction.objects.create(article=full, body="数字を訂正しました。")
        for n in range(4):
            RelatedLink.objects.create(from_article=full, to_article=make_article(tags=["AI"]), position=n)

        bare_queries, full_queries = self.count(client, bare, settings), self.count(client, full, settings)
        assert bare_queries == full_queries <= 4
        assert self.count(client, full, settings) == full_queries  # and the same again

    def test_a_real_story_is_four_queries_and_shows_all_of_it(self, client, settings, django_assert_num_queries):
        story = make_real_story()
        settings.NEWSDESK_PAGE_CACHE = False
        # The article with its category, source, reviewer and parts; its tags; related reading; the
        # header's categories. Key points, corrections and figures come with the article, as stored
        # when they were written. (The ranking beside it adds one when it lists stories.)
        with django_assert_num_queries(4):
            response = client.get(story.get_absolute_url())
        assert response.status_code == 200
        html = response.content.decode()
        body = html[html.index('class="article__body"'):html.index('class="original"')]
        assert body.count("<figure") == 5 and body.count("今すぐ見る") == 2 and body.count("<h2>見出し") == 5
        assert body.count('type="image/webp" srcset=') == 5  # renditions
        assert html.count("<h3>要点") == 4 and "<strong>誤って</strong>" in html
        assert html.count("<h2>Section") == 5
        related = html[html.index('class="related"'):]
        assert related.count("<li>") == 3
