"""Hostile text in every field an editor writes never becomes an executable sink anywhere it is shown.

The payloads (payloads.PAYLOADS) go in batches: one story per batch carries every payload
of its batch in every text field (joined for one-value fields, one row each for tags, key
points and corrections), entered (a) through the admin's forms as an Editor's browser
posts them, and (b) by a JSON interchange import. Then every page that shows any of it is
fetched and parsed with html5lib: public pages, feeds, sitemaps, JSON-LD, the API, the
signed preview and the admin's lists, forms, history, revisions diff and messages.
"""

import json
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from articles.models import (
    Article,
    Category,
    Correction,
    DailyDigest,
    GlossaryTerm,
    KeyPoint,
    RenderedParts,
    Source,
    Tag,
)
from articles.models.article import STORED_HTML
from articles.rendering import render_markdown, sanitize
from interchange.importer import import_file
from tests.factories import image_bytes, image_upload, make_article
from tests.htmlforms import form_fields

from .helpers import staff_user
from .payloads import PAYLOADS, URL_PAYLOADS, feed_sinks, html_sinks, json_ld_problems, parse, sitemap_problems

# One-value fields hold the batch joined by spaces: the shortest of them (original author,
# figure credit, source and glossary names) takes 200 characters.
BATCH_CHARACTERS = 200
KINDS = [kind.value for kind in Source.Kind]


def pack(payloads: list[str], limit: int) -> list[list[str]]:
    batches, current = [], []
    for payload in payloads:
        if current and len(" ".join([*current, payload])) > limit:
            batches.append(current)
            current = []
        current.append(payload)
    return batches + [current]


BATCHES = pack(PAYLOADS, BATCH_CHARACTERS)


def test_there_are_enough_payloads_and_each_fits_a_name():
    assert len(PAYLOADS) >= 50 and len(set(PAYLOADS)) == len(PAYLOADS)
    assert all(len(p) <= 100 for p in PAYLOADS)  # a category or tag name
    assert sum(len(b) for b in BATCHES) == len(PAYLOADS)


def published_time():
    # Not a fixed date: the news sitemap lists only the last 48 hours.
    return (timezone.localtime() - timedelta(hours=1)).replace(microsecond=0)


def single(fields):
    return {k: v[0] if len(v) == 1 else v for k, v in fields.items()}


def joined(batch: list[str]) -> str:
    return " ".join(batch)


def paragraphs(batch: list[str]) -> str:
    return "\n\n".join(batch)


# (a) Through the admin ---------------------------------------------------------------------


def admin_post(client: Client, url: str, values: dict, *, form_id: str | None = None):
    """POST an admin form (read from the page first when `form_id` is given); the page it leads to, with its messages."""
    fields = single(form_fields(client.get(url).content.decode(), form_id)) if form_id else {}
    fields.update(values)
    response = client.post(url, fields, follow=True)
    assert response.status_code == 200
    errors = response.context.get("errors") if response.context else None
    assert not errors, f"{url}: {errors}"
    return response


def enter_through_admin(client: Client, batch: list[str], number: int) -> tuple[Article, list]:
    """The story and its categories, tags, source, glossary term and digest, all by the admin's forms."""
    pages = []  # (label, response) of the pages shown after each save, with their messages
    for payload in batch:
        for model in ("category", "tag"):
            response = client.post(f"/admin/articles/{model}/add/", {"name": payload})
            assert response.status_code == 302, f"{model} {payload!r} not saved"
    # The next page shows every message saved up since (Django keeps them until shown).
    shown = client.get("/admin/articles/tag/")
    assert len(shown.context["messages"]) == 2 * len(batch)
    pages.append(("categories and tags saved", shown))
    pages.append(("source saved", admin_post(client, "/admin/articles/source/add/", {
        "name": joined(batch), "kind": KINDS[number % len(KINDS)], "home_url": URL_PAYLOADS[number % len(URL_PAYLOADS)],
    })))
    categories = list(Category.objects.filter(name__in=batch).order_by("pk"))
    tags = list(Tag.objects.filter(name__in=batch))
    assert len(categories) == len(tags) == len(batch)
    when = published_time()
    values = {
        "original_title": joined(batch), "title": joined(batch),
        "original_body": paragraphs(batch), "body": paragraphs(batch),
        "lead": paragraphs(batch), "impact_analysis": paragraphs(batch), "editorial_comment": paragraphs(batch),
        "original_url": URL_PAYLOADS[number % len(URL_PAYLOADS)] + f"&n={number}",
        "original_pdf_url": URL_PAYLOADS[(number + 1) % len(URL_PAYLOADS)],
        "original_code_url": URL_PAYLOADS[(number + 2) % len(URL_PAYLOADS)],
        "source": str(Source.objects.get(name=joined(batch)).pk),
        "original_author": joined(batch), "original_language": "en",
        "original_authors": "\n".join(batch), "original_affiliations": "\n".join(batch),
        "category": str(categories[0].pk), "tags": [str(t.pk) for t in tags],
        "status": "published", "published_at_0": when.strftime("%Y-%m-%d"), "published_at_1": when.strftime("%H:%M:%S"),
        "key_points-TOTAL_FORMS": str(len(batch)),
        "figures-TOTAL_FORMS": "1", "figures-0-position": "1", "figures-0-image": image_upload("x.jpg"),
        "figures-0-caption": joined(batch), "figures-0-credit": joined(batch), "figures-0-alt_text": joined(batch),
        "figures-0-video_url": URL_PAYLOADS[(number + 3) % len(URL_PAYLOADS)],
        "corrections-TOTAL_FORMS": str(len(batch)),
    }
    for i, payload in enumerate(batch):
        values.update({
            f"key_points-{i}-position": str(i + 1), f"key_points-{i}-heading": payload, f"key_points-{i}-body": payload,
            f"corrections-{i}-noted_at_0": when.strftime("%Y-%m-%d"), f"corrections-{i}-noted_at_1": "10:00:00",
            f"corrections-{i}-body": payload,
        })
    pages.append(("story added", admin_post(client, "/admin/articles/article/add/", values, form_id="article_form")))
    article = Article.objects.get(title=joined(batch))
    # A second save, so the revisions page has a diff to show.
    change_url = f"/admin/articles/article/{article.pk}/change/"
    pages.append(("story changed", admin_post(client, change_url, {
        "body": paragraphs(batch[::-1]), "lead": paragraphs(batch[::-1]), "title": joined(batch[::-1]),
    }, form_id="article_form")))
    pages.append(("glossary term saved", admin_post(client, "/admin/articles/glossaryterm/add/", {
        "original": joined(batch), "approved": joined(batch[::-1]) if len(batch) > 1 else "採用" + batch[0], "variants": "\n".join(batch),
        "notes": paragraphs(batch), "tag": str(tags[0].pk),
    })))
    pages.append(("digest saved", admin_post(client, "/admin/articles/dailydigest/add/", {
        "date": when.date().isoformat(), "note": paragraphs(batch),
        "entries-TOTAL_FORMS": "1", "entries-INITIAL_FORMS": "0", "entries-0-position": "1", "entries-0-article": str(article.pk),
    })))
    return Article.objects.get(pk=article.pk), pages


# (b) By import -------------------------------------------------------------------------------


def import_story(tmp_path, batch: list[str], number: int, *, reverse=False) -> Article:
    """The story by the JSON interchange, with companions that give every payload a category of its own."""
    (tmp_path / "x.jpg").write_bytes(image_bytes())
    when = published_time().isoformat()
    order = batch[::-1] if reverse else batch
    one_line_each = [p.replace("\n", " ") for p in batch]  # the format's lists of names are one line each
    story = {
        "status": "published", "published_at": when, "category": batch[0], "tags": batch,
        "title": joined(order), "lead": paragraphs(order), "body": paragraphs(order),
        "impact_analysis": paragraphs(batch), "editorial_comment": paragraphs(batch),
        "key_points": [{"heading": p, "body": p} for p in batch],
        "figures": [{"image": "x.jpg", "caption": joined(batch), "credit": joined(batch), "alt": joined(batch),
                     "video_url": URL_PAYLOADS[(number + 3) % len(URL_PAYLOADS)]}],
        "corrections": [{"noted_at": when, "body": p} for p in batch],
        "original": {
            "title": joined(batch), "body": paragraphs(batch),
            "url": URL_PAYLOADS[number % len(URL_PAYLOADS)] + f"&n={number}",
            "source": joined(batch), "kind": KINDS[number % len(KINDS)], "author": joined(batch), "language": "en",
            "authors": one_line_each, "affiliations": one_line_each,
            "pdf_url": URL_PAYLOADS[(number + 1) % len(URL_PAYLOADS)],
            "code_url": URL_PAYLOADS[(number + 2) % len(URL_PAYLOADS)],
        },
    }
    companions = [
        {
            "status": "published", "published_at": when, "category": payload, "tags": [payload],
            "title": payload, "lead": payload, "key_points": [{"heading": payload}],
            "original": {"title": payload, "url": f"https://news.example/companion-{number}-{i}", "source": joined(batch)},
        }
        for i, payload in enumerate(batch[1:], start=1)
    ]
    path = tmp_path / "import.json"
    path.write_text(json.dumps({"articles": [story, *companions]}), encoding="utf-8")
    import_file(path)
    return Article.objects.get(original_url=story["original"]["url"])


# Reading every page --------------------------------------------------------------------------


def fetch(client: Client, url: str, *, status=200):
    response = client.get(url)
    assert response.status_code == status, f"{url}: {response.status_code}"
    return response


def problems_in(label: str, response) -> list[str]:
    content_type = response["Content-Type"]
    body = response.content
    if content_type.startswith("text/html"):
        tree = parse(body.decode())
        return html_sinks(tree, label) + json_ld_problems(tree, label)
    if "rss" in content_type or "atom" in content_type:
        return feed_sinks(body, label)
    if content_type.startswith("application/xml"):
        return sitemap_problems(body, label)
    if content_type.startswith("application/json"):
        json.loads(body)  # JSON only: clients escape its strings; it is never served as a page
        assert response["X-Content-Type-Options"] == "nosniff"
        return []
    raise AssertionError(f"{label}: unexpected {content_type}")


def public_urls(article: Article, batch: list[str]) -> list[str]:
    day = timezone.localdate(article.published_at).isoformat()
    category, tag = article.category, article.tags.order_by("pk").first()
    return [
        article.get_absolute_url(), article.get_absolute_url() + "?view=bilingual",
        "/", "/latest/?" + urlencode({"category": category.slug}),
        "/search/?" + urlencode({"q": joined(batch)[:200], "category": category.slug}),
        *("/search/?" + urlencode({"q": payload}) for payload in batch),
        # Only the story's own category has a public page (the others carry no published story).
        *(c.get_absolute_url() for c in Category.objects.public().filter(name__in=batch)),
        *(t.get_absolute_url() for t in Tag.objects.public().filter(name__in=batch)),
        article.source.get_absolute_url(),
        "/digest/", f"/digest/{day}/",
        "/feeds/rss/", "/feeds/atom/",
        f"/feeds/category/{category.slug}/rss/", f"/feeds/category/{category.slug}/atom/",
        f"/feeds/tag/{tag.slug}/rss/", f"/feeds/tag/{tag.slug}/atom/",
        "/sitemap.xml", "/news-sitemap.xml",
        "/api/articles/", "/api/articles/?" + urlencode({"q": batch[0]}), f"/api/articles/{article.slug}/",
        f"/api/digest/{day}/",
    ]


def admin_urls(article: Article, batch: list[str]) -> list[str]:
    base = f"/admin/articles/article/{article.pk}"
    term = GlossaryTerm.objects.filter(original=joined(batch)).first()
    digest = DailyDigest.objects.filter(date=timezone.localdate(article.published_at)).first()
    urls = [
        "/admin/articles/article/", "/admin/articles/article/?" + urlencode({"q": batch[0]}),
        f"{base}/change/", f"{base}/history/", f"{base}/revisions/", f"{base}/revisions/?a=1&b=2",
        f"/admin/articles/source/{article.source.pk}/change/",
        f"/admin/articles/tag/{article.tags.order_by('pk').first().pk}/change/",
    ]
    image = article.figures.order_by("position").first().image_item  # the media library remembers the figure's texts
    urls += [
        "/admin/images/image/", "/admin/images/image/?" + urlencode({"q": batch[0]}),
        f"/admin/images/image/{image.pk}/change/",
        "/admin/images/image/pick/?" + urlencode({
            "term": batch[0][:50], "app_label": "articles", "model_name": "figure", "field_name": "image_item",
        }),
    ]
    if term:
        urls.append(f"/admin/articles/glossaryterm/{term.pk}/change/")
    if digest:
        urls.append(f"/admin/articles/dailydigest/{digest.pk}/change/")
    return urls


def crawl(article: Article, batch: list[str], editor: Client) -> tuple[list[str], int]:
    """Every executable sink on every page that shows the story; and how many pages were read."""
    assert article.is_published(), article.status
    reader = Client()
    problems, pages = [], 0
    for url in public_urls(article, batch):
        problems += problems_in(url, fetch(reader, url))
        pages += 1
    # The signed preview, reached as the admin's preview button sends an editor there.
    preview = editor.get(f"/admin/articles/article/{article.pk}/preview/")["Location"]
    problems += problems_in("preview", fetch(reader, preview))
    pages += 1
    for url in admin_urls(article, batch):
        problems += problems_in(url, fetch(editor, url))
        pages += 1
    return problems, pages


def shows_the_story(article: Article, reader_html: str) -> bool:
    """The payloads really reached the page, as text (so a clean result is not a vacuous one)."""
    tree = parse(reader_html)
    heading = next(tree.iter("h1"))
    return "".join(heading.itertext()).strip().startswith(article.title)


@pytest.mark.django_db
@pytest.mark.parametrize("number", range(len(BATCHES)))
def test_payloads_posted_through_the_admin_never_become_executable(number):
    batch = BATCHES[number]
    editor = Client()
    editor.force_login(staff_user("Editor"))
    article, saves = enter_through_admin(editor, batch, number)
    problems = []
    for label, response in saves:
        assert any(m.message for m in response.context["messages"]) or label == "story changed"
        problems += problems_in(f"after: {label}", response)
    found, _ = crawl(article, batch, editor)
    problems += found
    assert shows_the_story(article, Client().get(article.get_absolute_url()).content.decode())
    assert article.revisions.count() == 2
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
@pytest.mark.parametrize("number", range(len(BATCHES)))
def test_payloads_imported_never_become_executable(number, tmp_path):
    batch = BATCHES[number]
    import_story(tmp_path, batch, number)
    article = import_story(tmp_path, batch, number, reverse=True)  # again, changed: a second revision
    editor = Client()
    editor.force_login(staff_user("Editor"))
    problems, _ = crawl(article, batch, editor)
    assert shows_the_story(article, Client().get(article.get_absolute_url()).content.decode())
    assert article.revisions.count() == 2
    assert not problems, "\n".join(problems)


def test_the_checks_would_see_the_payloads_if_they_were_not_escaped():
    """Put in a page raw, most payloads are caught: the checks above can fail."""
    caught = [p for p in PAYLOADS if html_sinks(f"<p>{p}</p>", "raw") or html_sinks(f'<a title="{p}">x</a>', "raw")]
    assert len(caught) >= 45, [p for p in PAYLOADS if p not in caught]
    assert html_sinks('<a title="" onmouseover="alert(1)" x="">x</a>', "raw")
    assert html_sinks('<a href="java&#x09;script:alert(1)">x</a>', "raw")
    assert html_sinks('<script type="application/ld+json"></script><script>alert(1)</script>', "raw")
    assert json_ld_problems('<script type="application/ld+json">{"a": "<!--"}</script>', "raw")
    # Only an empty frame sandboxed without scripts (the admin's live preview) passes; any other frame is caught.
    assert not html_sinks('<iframe sandbox="allow-same-origin allow-popups"></iframe>', "raw")
    assert html_sinks('<iframe sandbox="allow-same-origin allow-scripts"></iframe>', "raw")
    assert html_sinks('<iframe sandbox src="https://evil.example/"></iframe>', "raw")
    assert html_sinks('<iframe srcdoc="x"></iframe>', "raw")


# Sanitizing is idempotent ----------------------------------------------------------------

HTMLISH = st.sampled_from([
    "<", ">", "&", "&amp;", "&lt;", "&#106;", "&#x3C;", '"', "'", "`", "=", "/", "\n", "\n\n", "\t", " ",
    "<a href=\"", "\">", "</a>", "<p>", "</p>", "<script>", "</script>", "<img src=x onerror=", "<svg>",
    "<math>", "<style>", "<!--", "-->", "<![CDATA[", "]]>", "<table><tr><td>", "</td></tr></table>",
    "<ol start=\"", "<th align=\"", "javascript:", "JaVaScRiPt:", "data:", "mailto:x@y", "tel:+81",
    "https://example.com/", "[x](", "![i](", ")", "<http://a.example>", "*", "**", "`", "> ", "- ", "1. ", "# ",
    "| a | b |\n|---|---|\n", "~~", "<br>", "<hr>", "<pre><code>", "</code></pre>",
    "日本語の見出し", "「引用」", "ＡＩ", "ｶﾀｶﾅ", "東京", "、", "。", "\u3000", "\u200b", "\u202e", "\x0b",
])
HOSTILE_TEXT = st.lists(st.one_of(HTMLISH, st.text(max_size=8)), max_size=30).map("".join)


@pytest.mark.filterwarnings("ignore")
@hypothesis_settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE_TEXT)
def test_sanitizing_is_idempotent(text):
    once = sanitize(text)
    assert sanitize(once) == once
    rendered = render_markdown(text)
    assert sanitize(rendered) == rendered
    assert not html_sinks(rendered, "render_markdown") and not html_sinks(once, "sanitize")


# The stored HTML (rendered when a story is saved, shown as it is) -----------------------


@pytest.mark.django_db
def test_script_saved_in_any_text_is_stored_and_shown_as_text(client):
    script = "<script>alert(1)</script>"
    article = make_article(
        body=script, original_body=script, impact_analysis=script, editorial_comment=script, key_points=0,
    )
    KeyPoint.objects.create(article=article, position=1, heading=script, body=script)
    Correction.objects.create(article=article, body=script)
    stored = Article.objects.values(*STORED_HTML).get(pk=article.pk)
    parts = RenderedParts.objects.get(article=article)
    assert not any("<script" in html for html in [*stored.values(), parts.key_points[0][1], parts.corrections[0][1]])
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    # Body, original, analysis, comment, the key point's heading (text) and body, the correction.
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 7


@pytest.mark.filterwarnings("ignore")
@hypothesis_settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE_TEXT)
def test_stored_html_is_sanitized_whatever_was_typed(text):
    article = Article(body=text, original_body=text, impact_analysis=text, editorial_comment=text)
    article.fill_derived_fields()
    parts = RenderedParts.of(1, key_points=[(text, text)], corrections=[(timezone.now(), text)], figures=[])
    for html in [*(getattr(article, name) for name in STORED_HTML), parts.key_points[0][1], parts.corrections[0][1]]:
        assert sanitize(html) == html
        assert not html_sinks(html, "stored")
