"""Backup and restore (README, "Backup"): every published URL answers the same after a restore into an empty database.

The backup is what the README says to keep: `dumpdata` of everything but what
migrations recreate (content types, permissions) and what is disposable
(sessions), plus the media folder. The restore starts from an empty database:
flushed, its media folder gone.
"""

import shutil

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from articles.models import Article, Correction, DailyDigest, DigestEntry, RelatedLink
from tests.factories import at, make_article, make_category, make_figure, make_source
from tests.security.helpers import staff_user

BACKUP_EXCLUDES = ["contenttypes", "auth.permission", "sessions"]


def build_site():
    editor = staff_user("Editor", "erin")
    tech, world = make_category("テクノロジー"), make_category("国際")
    wire = make_source("Wire Service")
    stories = [
        make_article(title="半導体の新工場", category=tech, tags=["AI", "半導体"], key_points=3,
                     published_at=at(2026, 11, 26, 8, 0)),
        make_article(title="港湾ストライキ", category=world, source=wire, tags=["物流"],
                     published_at=at(2026, 11, 27, 9, 30)),
        make_article(title="気候会議の合意", category=world, tags=["AI"], key_points=2,
                     published_at=at(2026, 11, 27, 18, 15)),
    ]
    make_figure(stories[0], position=1, alt_text="新工場の外観", caption="建設中の工場")
    make_figure(stories[0], position=2, alt_text="製造ライン")
    make_figure(stories[1], position=1, alt_text="停泊中の船")
    RelatedLink.objects.create(from_article=stories[2], to_article=stories[0], position=1)
    Correction.objects.create(article=stories[1], noted_at=at(2026, 11, 27, 12, 0), body="人数を訂正しました。")
    draft = make_article(title="未公開の下書き", status=Article.Status.DRAFT, published_at=None, tags=["AI"])
    digest = DailyDigest.objects.create(date=at(2026, 11, 27, 0, 0).date(), note="今日の編集部から一言。")
    DigestEntry.objects.create(digest=digest, article=stories[2], position=1)
    DigestEntry.objects.create(digest=digest, article=stories[1], position=2)
    for article in stories:
        article.status_changed_by = editor
        article.save()
    return stories, draft, digest


def published_urls(stories, digest) -> list[str]:
    urls = ["/", "/digest/", f"/digest/{digest.date.isoformat()}/", "/feeds/rss/", "/feeds/atom/", "/sitemap.xml",
            "/news-sitemap.xml", "/robots.txt", "/api/articles/", f"/api/digest/{digest.date.isoformat()}/",
            "/search/?q=AI"]
    for article in stories:
        urls += [article.get_absolute_url(), f"/api/articles/{article.slug}/",
                 f"/category/{article.category.slug}/", f"/feeds/category/{article.category.slug}/rss/",
                 f"/source/{article.source.slug}/"]
        for tag in article.tags.all():
            urls += [f"/tag/{tag.slug}/", f"/feeds/tag/{tag.slug}/atom/"]
        for figure in article.figures.all():
            urls.append(figure.image.url)
    return sorted(set(urls))


def fetch(urls) -> dict[str, tuple[int, bytes]]:
    client = Client()
    pages = {}
    for url in urls:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        pages[url] = (response.status_code, body)
    return pages


@pytest.mark.django_db(transaction=True)
def test_a_restore_into_an_empty_database_serves_every_published_url_byte_for_byte(tmp_path, settings):
    stories, draft, digest = build_site()
    urls = published_urls(stories, digest)
    rendition_urls = []
    before = fetch(urls)
    for url, (status, body) in before.items():
        assert status == 200, url
        if url.startswith("/articles/"):
            rendition_urls += [u.decode() for u in __import__("re").findall(rb'src="(/media/[^"]+)"', body)]
    assert rendition_urls, "the article pages show image renditions"
    before.update(fetch(rendition_urls))
    assert all(status == 200 for status, _ in before.values())
    draft_url = draft.get_absolute_url()

    # Back up: the data and the media folder.
    backup = tmp_path / "backup"
    backup.mkdir()
    # XML, not JSON: Django's JSON encoder keeps milliseconds only, and the Atom feeds show
    # updated times to the microsecond.
    call_command("dumpdata", exclude=BACKUP_EXCLUDES, natural_foreign=True, natural_primary=True, format="xml",
                 indent=1, output=str(backup / "data.xml"), verbosity=0)
    shutil.copytree(settings.MEDIA_ROOT, backup / "media")

    # Lose everything.
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)
    cache.clear()
    assert not Article.objects.exists()
    assert Client().get(stories[0].get_absolute_url()).status_code == 404

    # Restore.
    call_command("loaddata", str(backup / "data.xml"), verbosity=0)
    shutil.copytree(backup / "media", settings.MEDIA_ROOT)
    cache.clear()

    after = fetch(before)
    different = [url for url in before if before[url] != after[url]]
    assert not different, different
    assert Client().get(draft_url).status_code == 404  # the draft is back, and still not public
    assert Article.objects.filter(status=Article.Status.DRAFT, title="未公開の下書き").exists()
