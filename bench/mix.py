"""The readers' URL mix: thousands of public URLs, each page type with its share, Zipf within each type.

Run in a process with Django set up on the benchmark's database:

    python bench/mix.py OUT.tsv [--articles-only]

Writes one URL a line, "<page type>\t<weight>\t<path>", for bench/mix.lua.
Within a type, the URL of rank r (newest story first, most used tag first,
…) has weight share / (r × H), H making the type's weights add up to its
share: a few URLs take most of the type's requests, a long tail the rest.
The same rules at every archive size, so 1,000 and 100,000 stories compare.
"""

import argparse
import os
import sys
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

# Share of all requests per page type (percent), as a news site's readers spread them.
SHARES = {
    "article": 52,
    "english": 3,  # the English pages (home and stories), when the site has them
    "home": 9,
    "list-page-2+": 4,
    "tag": 7,
    "category": 5,
    "source": 3,
    "digest": 4,
    "search": 5,
    "search-2-chars": 3,
    "feed": 5,
}
NEWEST_ARTICLES = 2500  # the stories readers come back to, newest first …
ARCHIVE_SAMPLE = 500    # … and a sample of the whole archive behind them (search engines, old links)
TAGS, TAG_PAGES_2 = 400, 50
DIGEST_DAYS = 60
LIST_PAGES = 40  # page 2 up to this page of the newest-first list
FEED_TAGS = 50
ENGLISH_ARTICLES = 500


def zipf(share: float, paths: list[str]) -> list[tuple[float, str]]:
    harmonic = sum(1 / rank for rank in range(1, len(paths) + 1))
    return [(share / (rank * harmonic), path) for rank, path in enumerate(paths, start=1)]


def build(articles_only: bool = False) -> list[tuple[str, float, str]]:
    """(page type, weight, path) for every URL of the mix."""
    from django.db.models import Count
    from django.utils import timezone
    from django.utils.encoding import iri_to_uri
    from stories import COMMON_TERMS, ENGLISH_TERMS, TWO_CHAR_TERMS

    from articles.models import Article, Category, Source, Tag

    published = Article.objects.published()
    ids = list(published.order_by("-published_at", "-id").values_list("id", flat=True))
    chosen = ids[:NEWEST_ARTICLES]
    rest = ids[NEWEST_ARTICLES:]
    if rest:
        step = max(1, len(rest) // ARCHIVE_SAMPLE)
        chosen += rest[::step][:ARCHIVE_SAMPLE]
    slugs = dict(Article.objects.filter(id__in=chosen).values_list("id", "slug"))
    articles = [iri_to_uri(Article(slug=slugs[pk]).get_absolute_url()) for pk in chosen]
    mix = {"article": articles}
    if not articles_only:
        english = _english([Article(slug=slugs[pk]) for pk in chosen[:ENGLISH_ARTICLES]])
        if english:
            mix["english"] = english
        tags = list(Tag.objects.annotate(n=Count("articles")).order_by("-n", "id")[:TAGS])
        categories = list(Category.objects.annotate(n=Count("articles")).order_by("-n", "id"))
        sources = list(Source.objects.annotate(n=Count("articles")).order_by("-n", "id"))
        today = timezone.localdate()
        oldest = published.order_by("published_at").values_list("published_at", flat=True).first()
        days = (today - timezone.localtime(oldest).date()).days + 1 if oldest else 1  # days that have stories
        list_url = _url("articles:latest") or _url("articles:home")
        mix.update({
            "home": [_url("articles:home")],
            "list-page-2+": [f"{list_url}?page={page}" for page in range(2, min(LIST_PAGES, _pages(len(ids))) + 1)],
            "tag": [_of(t) for t in tags] + [_of(t) + "?page=2" for t in tags[:TAG_PAGES_2] if _pages(t.n) >= 2],
            "category": [_of(c) for c in categories]
            + [_of(c) + f"?page={p}" for p in (2, 3) for c in categories if _pages(c.n) >= p],
            "source": [_of(s) for s in sources],
            "digest": [_url("articles:digest")] + [
                _url("articles:digest_day", today - timedelta(days=d)) for d in range(1, min(DIGEST_DAYS, days))
            ],
            "search": [_search(term, 1) for term in COMMON_TERMS + ENGLISH_TERMS]
            + _existing([_search(term, 2) for term in COMMON_TERMS + ENGLISH_TERMS]),
            "search-2-chars": [_search(term, 1) for term in TWO_CHAR_TERMS],
            "feed": [_url("articles:feed_rss"), _url("articles:feed_atom")]
            + [_url("articles:category_feed_rss", c.slug) for c in categories]
            + [_url("articles:tag_feed_rss", t.slug) for t in tags[:FEED_TAGS]],
        })
    rows = []
    for kind, paths in mix.items():
        share = 100 if articles_only else SHARES[kind]
        rows += [(kind, weight, path) for weight, path in zipf(share, [iri_to_uri(p) for p in paths])]
    return rows


def _english(articles: list) -> list[str]:
    """The English home and stories, if English has URLs of its own (none when they are the Japanese ones)."""
    from django.utils import translation

    with translation.override("en"):
        home = _url("articles:home")
        if home == _url_in("ja", "articles:home"):
            return []
        return [home] + [article.get_absolute_url() for article in articles]


def _url_in(language: str, name: str) -> str | None:
    from django.utils import translation

    with translation.override(language):
        return _url(name)


def _existing(paths: list[str]) -> list[str]:
    """Those of `paths` that answer 200 (a second page of results exists only for the commoner terms)."""
    import logging

    from django.test import Client

    logging.getLogger("django.request").setLevel(logging.ERROR)  # the 404s looked for are no news
    client = Client()
    return [path for path in paths if client.get(path).status_code == 200]


def _pages(count: int) -> int:
    from reader.views import PAGE_SIZE

    return max(1, -(-count // PAGE_SIZE))


def _url(name: str, *args) -> str | None:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _of(listed) -> str:
    return listed.get_absolute_url()


def _search(term: str, page: int) -> str:
    return _url("articles:search") + f"?q={quote(term)}" + (f"&page={page}" if page > 1 else "")


def write(path: Path, rows: list[tuple[str, float, str]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for kind, weight, url in rows:
            out.write(f"{kind}\t{weight:.8f}\t{url}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles-only", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
    import django

    django.setup()
    write(args.out, build(articles_only=args.articles_only))


if __name__ == "__main__":
    main()
