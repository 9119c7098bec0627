import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Correction, DailyDigest, DigestEntry, RelatedLink
from interchange.exporter import export_articles
from tests.factories import at, make_article, make_category, make_figure, make_source, make_tag
from tests.helpers import NOT_PUBLIC_YET

pytestmark = pytest.mark.django_db

HOST = "http://testserver"


def get_json(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, (url, response.status_code, response.content[:300])
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return response, json.loads(response.content.decode("utf-8"))


def exported(article):
    """What export_articles writes for `article` (images named relatively)."""
    (data,) = [a for a in export_articles(None)["articles"] if a["original"]["url"] == article.original_url]
    return data


@pytest.fixture
def story():
    article = make_article(
        title="港のクレーンが電動化", lead="リードの文。", tags=["港湾", "電動化"], key_points=3,
        body="一段落目。\n\n[[figure:1]]\n\n二段落目。", original_published_at=at(2026, 11, 26, 23, 0),
    )
    make_figure(article, caption="港の写真", credit="撮影: 編集部", alt_text="クレーン", video_url="https://v.example/1")
    make_figure(article, position=2, caption="二枚目")
    Correction.objects.create(article=article, noted_at=at(2026, 11, 28, 8, 0), body="数字を訂正しました。")
    other = make_article(title="関連の記事", published_at=at(2026, 11, 20, 9, 0))
    RelatedLink.objects.create(from_article=article, to_article=other, position=1)
    return article


class TestArticle:
    def test_is_the_article_as_export_writes_it_with_absolute_image_urls(self, client, story):
        story.figures.update(source_sha256="a" * 64)  # the media library's key, as an upload's figure has it
        _, data = get_json(client, f"/api/articles/{story.slug}/")
        expected = exported(story)
        figures = [figure.image.url for figure in story.figures.all()]
        assert [f["image"] for f in data["figures"]] == [HOST + url for url in figures]
        for figure in data["figures"] + expected["figures"]:
            del figure["image"]
        assert all(figure.pop("library_image") == "a" * 64 for figure in expected["figures"])
        del expected["reviewed_by"]  # staff login names, and the media library's keys, stay out of the public API
        assert data == expected
        assert data["key_points"][0] == {"heading": "要点1", "body": "要点1の説明。"}
        assert data["related"] == [RelatedLink.objects.get(from_article=story).to_article.original_url]

    def test_unpublished_picks_are_left_out_of_related(self, client, story):
        draft = make_article(status=Article.Status.DRAFT)
        RelatedLink.objects.create(from_article=story, to_article=draft, position=0)
        _, data = get_json(client, f"/api/articles/{story.slug}/")
        assert draft.original_url not in data["related"]
        assert len(data["related"]) == 1

    @pytest.mark.parametrize("status,when", NOT_PUBLIC_YET)
    def test_unpublished_and_future_articles_are_404(self, client, status, when):
        article = make_article(status=status, published_at=when)
        _, body = get_json(client, f"/api/articles/{article.slug}/", status=404)
        assert body["detail"]

    def test_an_old_slug_moves_permanently(self, client):
        article = make_article(original_title="First name")
        article.slug = "second-name"
        article.save()
        response = client.get("/api/articles/first-name/")
        assert response.status_code == 301
        assert response["Location"] == "/api/articles/second-name/"

    def test_json_is_utf8_not_ascii_escaped(self, client, story):
        response = client.get(f"/api/articles/{story.slug}/")
        assert "港のクレーンが電動化".encode() in response.content
        assert b"\\u" not in response.content

    def test_only_get_and_head(self, client, story):
        assert client.post(f"/api/articles/{story.slug}/").status_code == 405
        assert client.head(f"/api/articles/{story.slug}/").status_code == 200


class TestList:
    def test_paginates_20_a_page_newest_first_published_only(self, client):
        for i in range(23):
            make_article(title=f"記事{i:02d}", published_at=at(2026, 11, 1, 9, i))
        make_article(title="下書き", status=Article.Status.DRAFT)
        make_article(title="未来", published_at=at(2099, 1, 1, 9, 0))

        _, first = get_json(client, "/api/articles/")
        assert first["count"] == 23
        assert len(first["results"]) == 20
        assert first["results"][0]["title"] == "記事22"
        assert first["previous"] is None
        assert first["next"] == HOST + "/api/articles/?page=2"

        _, second = get_json(client, "/api/articles/", page=2)
        assert [a["title"] for a in second["results"]] == ["記事02", "記事01", "記事00"]
        assert second["next"] is None
        assert second["previous"] == HOST + "/api/articles/"

    def test_filters_with_the_reader_filterset_and_keeps_them_across_pages(self, client):
        science = make_category("科学")
        for i in range(21):
            make_article(category=science, tags=["AI"], published_at=at(2026, 11, 2, 9, i))
        make_article(title="ビジネスの記事", tags=["AI"])
        _, body = get_json(client, "/api/articles/", category=science.slug, tag="ai")
        assert body["count"] == 21
        assert {a["category"] for a in body["results"]} == {"科学"}
        assert body["next"].startswith(HOST + "/api/articles/?")
        assert "category=" in body["next"] and "tag=ai" in body["next"] and "page=2" in body["next"]

    def test_date_filters(self, client):
        make_article(title="26日", published_at=at(2026, 11, 26, 23, 59))
        make_article(title="27日", published_at=at(2026, 11, 27, 0, 0))
        _, body = get_json(client, "/api/articles/", date_from="2026-11-27")
        assert [a["title"] for a in body["results"]] == ["27日"]

    @pytest.mark.parametrize("params,field", [
        ({"category": "no-such-category"}, "category"),
        ({"date_from": "not-a-date"}, "date_from"),
        ({"source": "nobody"}, "source"),
    ])
    def test_an_invalid_filter_is_400_with_the_form_errors(self, client, params, field):
        make_article()
        response, body = get_json(client, "/api/articles/", status=400, **params)
        assert field in body["errors"]
        assert body["errors"][field][0]["message"]
        assert "public" not in response.get("Cache-Control", "")

    @pytest.mark.parametrize("field", ["tag", "category", "source"])
    def test_a_filter_on_what_only_drafts_carry_answers_like_an_unknown_value(self, client, field):
        secret = {"tag": make_tag("極秘の買収"), "category": make_category("新部門"), "source": make_source("Insider Wire")}
        make_article(title="下書きの特ダネ", tags=[secret["tag"]], category=secret["category"], source=secret["source"],
                     status=Article.Status.DRAFT, published_at=None)
        make_article()
        _, leaked = get_json(client, "/api/articles/", status=400, **{field: secret[field].slug})
        _, unknown = get_json(client, "/api/articles/", status=400, **{field: "no-such-value"})
        message = leaked["errors"][field][0]["message"].replace(secret[field].slug, "?")
        assert message == unknown["errors"][field][0]["message"].replace("no-such-value", "?")

    @pytest.mark.parametrize("page", ["99", "abc", "0"])
    def test_a_page_that_does_not_exist_is_404(self, client, page):
        make_article()
        get_json(client, "/api/articles/", status=404, page=page)

    def test_an_empty_list_is_fine(self, client):
        _, body = get_json(client, "/api/articles/")
        assert body == {"count": 0, "count_exact": True, "next": None, "previous": None, "results": []}


class TestKeyword:
    """`q`: the stories holding every word, newest first, the count exact unless more match than are listed."""

    def test_the_stories_holding_every_word_newest_first_with_the_other_filters(self, client):
        science = make_category("科学")
        make_article(title="半導体規制の行方", category=science, published_at=at(2026, 11, 3, 9, 0))
        make_article(title="古い話", body="米国の半導体と輸出の規制。", category=science, published_at=at(2026, 11, 1, 9, 0))
        make_article(title="半導と導体", body="規制の話。", category=science, published_at=at(2026, 11, 4, 9, 0))
        make_article(title="半導体規制、別の部門", published_at=at(2026, 11, 5, 9, 0))
        make_article(title="半導体規制の下書き", category=science, status=Article.Status.DRAFT, published_at=None)
        _, body = get_json(client, "/api/articles/", q="半導体 規制", category=science.slug)
        assert [a["title"] for a in body["results"]] == ["半導体規制の行方", "古い話"]
        assert (body["count"], body["count_exact"]) == (2, True)

    def test_a_term_more_stories_hold_than_are_listed_gives_the_newest_and_says_so(self, client, settings):
        settings.NEWSDESK_SEARCH_RANKED = 21
        for i in range(25):
            make_article(title=f"規制{i:02d}", published_at=at(2026, 11, 1, 9, i))
        make_article(title="無関係", published_at=at(2026, 11, 2, 9, 0))
        _, first = get_json(client, "/api/articles/", q="規制")
        assert (first["count"], first["count_exact"]) == (21, False)
        assert [a["title"] for a in first["results"]][:2] == ["規制24", "規制23"]
        assert "q=" in first["next"] and "page=2" in first["next"]
        _, second = get_json(client, "/api/articles/", q="規制", page=2)
        assert [a["title"] for a in second["results"]] == ["規制04"]

    def test_no_match_and_words_search_ignores_are_empty_lists(self, client):
        make_article(title="規制の話")
        for q in ("ゑゐゑ", "!!!"):
            _, body = get_json(client, "/api/articles/", q=q)
            assert (body["count"], body["results"]) == (0, [])


class TestDigest:
    def test_the_days_published_articles_in_order(self, client):
        make_article(title="朝", published_at=at(2026, 11, 27, 8, 0), key_points=2)
        make_article(title="夜", published_at=at(2026, 11, 27, 21, 0))
        make_article(title="前日", published_at=at(2026, 11, 26, 21, 0))
        make_article(title="下書き", published_at=at(2026, 11, 27, 9, 0), status=Article.Status.DRAFT)
        _, body = get_json(client, "/api/digest/2026-11-27/")
        assert body["date"] == "2026-11-27"
        assert [a["title"] for a in body["articles"]] == ["朝", "夜"]
        assert len(body["articles"][0]["key_points"]) == 2
        assert body["previous"] == HOST + "/api/digest/2026-11-26/"
        assert body["next"] == HOST + "/api/digest/2026-11-28/"

    def test_the_editors_order_and_note(self, client):
        first = make_article(title="一", published_at=at(2026, 11, 27, 8, 0))
        second = make_article(title="二", published_at=at(2026, 11, 27, 9, 0))
        digest = DailyDigest.objects.create(date=at(2026, 11, 27, 0, 0).date(), note="編集部のメモ")
        DigestEntry.objects.create(digest=digest, article=second, position=1)
        DigestEntry.objects.create(digest=digest, article=first, position=2)
        _, body = get_json(client, "/api/digest/2026-11-27/")
        assert body["note"] == "編集部のメモ"
        assert [a["title"] for a in body["articles"]] == ["二", "一"]

    def test_an_empty_day_is_not_an_error(self, client):
        _, body = get_json(client, "/api/digest/2026-01-01/")
        assert body["articles"] == [] and body["note"] == ""

    def test_a_bad_date_is_404(self, client):
        assert client.get("/api/digest/2026-13-45/").status_code == 404


class TestCaching:
    @pytest.mark.parametrize("url", ["/api/articles/", "/api/articles/{slug}/", "/api/digest/2026-11-27/"])
    def test_public_for_a_minute_with_etag_and_conditional_get(self, client, story, url):
        url = url.format(slug=story.slug)
        response = client.get(url)
        assert response.status_code == 200
        directives = set(response["Cache-Control"].split(", "))
        assert {"public", "s-maxage=60", "max-age=0"} <= directives
        assert response["ETag"]
        not_modified = client.get(url, headers={"if-none-match": response["ETag"]})
        assert not_modified.status_code == 304
        assert not_modified.content == b""
        assert not_modified["Cache-Control"] == response["Cache-Control"]

    @pytest.mark.parametrize("url", ["/api/articles/", "/api/articles/{slug}/"])
    def test_last_modified_answers_if_modified_since(self, client, story, url):
        url = url.format(slug=story.slug)
        response = client.get(url)
        assert response["Last-Modified"]
        assert client.get(url, headers={"if-modified-since": response["Last-Modified"]}).status_code == 304
        assert client.get(url, headers={"if-modified-since": "Sat, 01 Jan 2000 00:00:00 GMT"}).status_code == 200

    def test_an_edit_changes_the_etag(self, client, story):
        url = f"/api/articles/{story.slug}/"
        before = client.get(url)["ETag"]
        story.lead = "新しいリード。"
        story.save()
        response = client.get(url, headers={"if-none-match": before})
        assert response.status_code == 200
        assert response["ETag"] != before

    def test_unpublishing_moves_the_list_last_modified(self, client, story):
        before = client.get("/api/articles/")
        story.status = Article.Status.DRAFT
        story.save()
        response = client.get("/api/articles/", headers={"if-modified-since": before["Last-Modified"]})
        assert response.status_code == 200


class TestQueryBudget:
    def count(self, client, url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    def grow(self, n):
        for i in range(n):
            article = make_article(tags=["AI", f"t{i}"], key_points=3, published_at=at(2026, 11, 27, 10, i))
            make_figure(article)
            Correction.objects.create(article=article, body="訂正")
            other = make_article(published_at=at(2026, 11, 1, 9, i), source=make_source(f"s{i}"))
            RelatedLink.objects.create(from_article=article, to_article=other, position=1)

    @pytest.mark.parametrize("url", ["/api/articles/", "/api/articles/?tag=ai", "/api/digest/2026-11-27/"])
    def test_queries_do_not_grow_with_the_number_of_articles(self, client, url):
        self.grow(1)
        one = self.count(client, url)
        self.grow(19)
        assert self.count(client, url) == one
