"""Public pages come from the shared cache, and every change readers could see shows on the next request."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import publishing
from articles.models import Article, DailyDigest, DigestEntry, RelatedLink
from reader import caching, renewal
from tests.factories import at, make_article, make_tag

pytestmark = pytest.mark.django_db


def queries(client, url, **headers):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, headers=headers)
    return response, len(ctx.captured_queries)


@pytest.fixture
def story():
    return make_article(title="最初の見出し", tags=["AI"])


PAGES = ["/", "/articles/{slug}/", "/digest/2026-11-27/", "/tag/ai/", "/search/?q=見出し", "/feeds/rss/",
         "/api/articles/", "/sitemap.xml"]


class TestServedFromCache:
    @pytest.mark.parametrize("url", PAGES)
    def test_a_second_request_runs_no_query(self, client, story, url):
        url = url.format(slug=story.slug)
        first, _ = queries(client, url)
        assert first.status_code == 200
        second, count = queries(client, url)
        assert count == 0
        assert second.content == first.content

    def test_a_cached_page_costs_two_cache_reads(self, client, story, monkeypatch):
        from django.core.cache import cache

        url = story.get_absolute_url()
        client.get(url)
        reads, inside = [], []  # calls from the page cache, not those one cache method makes of another

        def counted(method):
            def read(*args, **kwargs):
                if not inside:
                    reads.append(args)
                inside.append(True)
                try:
                    return method(*args, **kwargs)
                finally:
                    inside.pop()
            return read

        for name in ("get", "get_many"):
            monkeypatch.setattr(cache, name, counted(getattr(cache, name)))
        assert client.get(url).status_code == 200
        assert len(reads) == 2  # the page with the change sequence, then its keys' versions

    def test_a_page_whose_key_was_renewed_is_rendered_afresh(self, client, story):
        url = story.get_absolute_url()
        client.get(url)
        renewal.renew({f"story-{story.pk}"})
        response, count = queries(client, url)
        assert response.status_code == 200 and count > 0

    def test_a_stored_page_keeps_its_language_header(self, client, story):
        for prefix, language in (("", "ja"), ("/en", "en")):
            url = prefix + story.get_absolute_url()
            client.get(url)
            again, count = queries(client, url)
            assert count == 0 and again["Content-Language"] == language

    def test_headers_let_a_cdn_hold_the_page_and_browsers_revalidate(self, client, story):
        response = client.get(story.get_absolute_url())
        directives = set(response["Cache-Control"].split(", "))
        assert {"public", "max-age=0", "s-maxage=60"} <= directives
        assert "Vary" not in response  # the URL alone says what the page is, its language included
        assert response["ETag"] and response["Last-Modified"]

    def test_conditional_get_answers_304_without_rendering(self, client, story):
        response = client.get(story.get_absolute_url())
        again, count = queries(client, story.get_absolute_url(), if_none_match=response["ETag"])
        assert again.status_code == 304 and count == 0
        since, _ = queries(client, story.get_absolute_url(), if_modified_since=response["Last-Modified"])
        assert since.status_code == 304

    def test_languages_are_cached_apart(self, client, story):
        assert "キーポイント" in client.get(story.get_absolute_url()).content.decode()
        assert "Key points" in client.get("/en" + story.get_absolute_url()).content.decode()
        assert "キーポイント" in client.get(story.get_absolute_url()).content.decode()


class TestEditsShowOnTheNextRequest:
    def test_an_edit_of_the_article(self, client, story):
        etag = client.get(story.get_absolute_url())["ETag"]
        story.body = "書き直した本文。"
        story.save()
        response = client.get(story.get_absolute_url(), headers={"if-none-match": etag})
        assert response.status_code == 200 and "書き直した本文。" in response.content.decode()

    def test_a_key_point_edit(self, client, story):
        client.get(story.get_absolute_url())
        point = story.key_points.first()
        point.heading = "新しい要点"
        point.save()
        assert "新しい要点" in client.get(story.get_absolute_url()).content.decode()

    def test_publish_and_unpublish(self, client, story):
        editor = User.objects.create_superuser("boss", password="pw")
        draft = make_article(title="これから公開", status=Article.Status.DRAFT, published_at=None)
        assert "これから公開" not in client.get("/").content.decode()
        publishing.publish(draft, by=editor)
        assert "これから公開" in client.get("/").content.decode()
        assert client.get(draft.get_absolute_url()).status_code == 200
        publishing.unpublish(draft, by=editor)
        assert "これから公開" not in client.get("/").content.decode()
        assert client.get(draft.get_absolute_url()).status_code == 404

    def test_a_scheduled_article_appears_when_its_time_comes(self, client, story, monkeypatch):
        now = datetime.datetime.now(datetime.timezone.utc)
        make_article(title="予約した記事", status=Article.Status.SCHEDULED, published_at=now + datetime.timedelta(minutes=5))
        assert "予約した記事" not in client.get("/").content.decode()
        later = now + datetime.timedelta(minutes=6)
        monkeypatch.setattr("django.utils.timezone.now", lambda: later)
        monkeypatch.setattr("time.time", lambda: later.timestamp())
        assert "予約した記事" in client.get("/").content.decode()

    def test_a_related_article_retitled(self, client, story):
        other = make_article(title="関連の旧題")
        RelatedLink.objects.create(from_article=story, to_article=other, position=1)
        assert "関連の旧題" in client.get(story.get_absolute_url()).content.decode()
        other.title = "関連の新題"
        other.save()
        html = client.get(story.get_absolute_url()).content.decode()
        assert "関連の新題" in html and "関連の旧題" not in html

    def test_a_digest_reordered(self, client):
        first = make_article(title="一番目の記事", published_at=at(2026, 11, 27, 8, 0))
        second = make_article(title="二番目の記事", published_at=at(2026, 11, 27, 9, 0))
        digest = DailyDigest.objects.create(date=datetime.date(2026, 11, 27))
        a = DigestEntry.objects.create(digest=digest, article=first, position=1)
        b = DigestEntry.objects.create(digest=digest, article=second, position=2)
        html = client.get("/digest/2026-11-27/").content.decode()
        assert html.index("一番目の記事") < html.index("二番目の記事")
        a.position, b.position = 2, 1
        a.save(), b.save()
        html = client.get("/digest/2026-11-27/").content.decode()
        assert html.index("二番目の記事") < html.index("一番目の記事")

    def test_a_tag_added_or_removed_without_saving_the_article(self, client, story):
        space = make_tag("宇宙")
        assert "最初の見出し" not in client.get("/tag/宇宙/").content.decode()
        story.tags.add(space)
        assert "最初の見出し" in client.get("/tag/宇宙/").content.decode()
        space.articles.remove(story)  # from the tag's side
        assert "最初の見出し" not in client.get("/tag/宇宙/").content.decode()

    def test_a_tag_renamed(self, client, story):
        client.get(story.get_absolute_url())
        tag = make_tag("AI")
        tag.name = "人工知能"
        tag.save()
        assert "#人工知能" in client.get(story.get_absolute_url()).content.decode()


    def test_a_reviewer_renamed_or_removed(self, client, story):
        reviewer = User.objects.create_superuser("hanako", first_name="花子", last_name="佐藤")
        publishing.set_translation_status(story, Article.TranslationStatus.REVIEWED, by=reviewer)
        assert "花子 佐藤" in client.get(story.get_absolute_url()).content.decode()  # the JSON-LD editor
        reviewer.last_name = "鈴木"
        reviewer.save()
        assert "花子 鈴木" in client.get(story.get_absolute_url()).content.decode()
        reviewer.delete()
        assert "花子" not in client.get(story.get_absolute_url()).content.decode()

    def test_a_login_of_a_reviewer_keeps_the_cache(self, client, story):
        from django.contrib.auth.models import update_last_login

        reviewer = User.objects.create_superuser("hanako", first_name="花子")
        publishing.set_translation_status(story, Article.TranslationStatus.REVIEWED, by=reviewer)
        client.get(story.get_absolute_url())
        update_last_login(None, reviewer)
        _, count = queries(client, story.get_absolute_url())
        assert count == 0


class TestPrecision:
    def test_editing_a_draft_keeps_the_cache(self, client, story):
        draft = make_article(status=Article.Status.DRAFT, published_at=None)
        client.get("/")
        draft.body = "まだ誰も読まない。"
        draft.save()
        _, count = queries(client, "/")
        assert count == 0

    def test_a_page_changed_within_the_second_still_differs_in_last_modified(self, client, story):
        first = client.get("/")
        story.lead = "直したリード"
        story.save()
        response = client.get("/", headers={"if-modified-since": first["Last-Modified"]})
        assert response.status_code == 200 and "直したリード" in response.content.decode()


class TestNeverShared:
    def test_a_request_with_a_session_is_private_and_not_stored(self, client, story):
        User.objects.create_user("reader", password="pw")
        client.login(username="reader", password="pw")
        response = client.get(story.get_absolute_url())
        assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
        client.logout()
        client.cookies.clear()
        _, count = queries(client, story.get_absolute_url())
        assert count > 0  # the logged-in view was not stored for others

    def test_admin_and_previews_are_never_public(self, client, story):
        from articles import previews

        User.objects.create_superuser("boss", password="pw")
        client.login(username="boss", password="pw")
        admin = client.get("/admin/articles/article/")
        assert "public" not in admin.get("Cache-Control", "") and "private" in admin["Cache-Control"]
        draft = make_article(status=Article.Status.DRAFT, published_at=None)
        preview = client.get(previews.preview_url(draft))
        assert "no-store" in preview["Cache-Control"] and "public" not in preview["Cache-Control"]

    def test_not_found_pages_are_not_stored(self, client):
        client.get("/articles/nothing-here/")
        _, count = queries(client, "/articles/nothing-here/")
        assert count > 0


@pytest.fixture
def pages_stored(monkeypatch):
    """The keys of the pages the page cache stores from now on."""
    from django.core.cache import caches

    backend, stored = caches["default"], []
    write = backend.set

    def counted(key, *args, **kwargs):
        if key.startswith("newsdesk:page:"):
            stored.append(key)
        return write(key, *args, **kwargs)

    monkeypatch.setattr(backend, "set", counted)
    return stored


class TestOnePagePerPage:
    """Query parameters a page does not read never make a page of their own in the cache."""

    def test_parameters_a_page_does_not_read_are_answered_from_its_stored_page(self, client, story, pages_stored):
        home = client.get("/")
        client.get(story.get_absolute_url())
        assert len(pages_stored) == 2
        for n in range(30):
            for url in (f"/?utm_source=feed{n}", f"/?x{n}=1", f"{story.get_absolute_url()}?fbclid={n}"):
                response, count = queries(client, url)
                assert response.status_code == 200 and count == 0, url
        assert client.get("/?utm_source=again").content == home.content
        assert len(pages_stored) == 2  # nothing for 90 other query strings

    def test_before_its_page_is_stored_such_a_request_is_rendered_but_not_kept(self, client, story, pages_stored):
        response = client.get("/?utm_campaign=launch")
        assert response.status_code == 200 and "最初の見出し" in response.content.decode()
        assert pages_stored == []
        client.get("/")
        assert len(pages_stored) == 1

    def test_parameters_a_page_reads_still_make_their_own_pages(self, client, story, pages_stored):
        for url in ("/latest/?date_from=2026-01-01", "/latest/?tag=ai", "/search/?q=見出し&page=1", f"{story.get_absolute_url()}?view=bilingual",
                    "/api/articles/?tag=ai", "/sitemap.xml?p=1"):
            assert client.get(url).status_code == 200, url
        assert len(set(pages_stored)) == 6

    @pytest.mark.parametrize("query, canonical", [
        ("q=AI&utm_source=x", "/?q=AI"),
        ("utm_source=x", "/"),
        ("page=1&page=2", "/?page=2"),  # Django reads the last
        ("&page=2", "/?page=2"),
        ("page=2&q=%E8%A6%8B", None),
        ("", None),
    ])
    def test_the_canonical_path_keeps_what_the_page_reads_as_it_was_sent(self, rf, query, canonical):
        request = rf.get("/?" + query if query else "/")
        assert caching.canonical_path(request, frozenset({"q", "page"})) == canonical
