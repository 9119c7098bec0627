"""What an article page tells machines: OGP/Twitter card values and JSON-LD `NewsArticle`.

Everything here is plain data built from an article whose category,
source and tags are already loaded, so the page's query count does not
change. Templates render the values (autoescaped); the JSON-LD goes
through `json_ld_script`, which keeps editor text from closing the
script element.
"""

import json
import re
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from articles.models import Article, Figure, Source
from images.renditions import OG_IMAGE_WIDTH

SITE_LANGUAGE = "ja"
OG_LOCALE = "ja_JP"
LOGO_STATIC_PATH = "icon-512.png"
LOGO_SIZE = 512

# The same escapes as django.utils.html.json_script: inside <script> the
# sequences "</script" and "<!--" can never appear, and JSON stays valid.
# Applied with str.replace: str.translate with a mapping looks up every character
# of text outside Latin-1 (all of a Japanese story) one at a time, in Python objects.
_JSON_SCRIPT_ESCAPES = (("&", "\\u0026"), ("<", "\\u003C"), (">", "\\u003E"))

# Characters XML 1.0 forbids (feeds and sitemaps would fail to serialize them).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: str | None) -> str:
    """`value` without the control characters XML 1.0 cannot carry (a pasted vertical tab, say)."""
    return _XML_ILLEGAL.sub("", value or "")


def modified_at(article: Article) -> datetime:
    """When the public version of `article` last changed.

    A scheduled article saved on Monday for Wednesday goes live on
    Wednesday without a save; its modification time is never earlier
    than its publication time.
    """
    candidates = [moment for moment in (article.updated_at, article.published_at) if moment]
    return max(candidates) if candidates else timezone.now()


def site_home(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("articles:home"))


def logo_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(static(LOGO_STATIC_PATH))


@dataclass(frozen=True)
class SharedImage:
    """The image social sites and search engines fetch for a page."""

    url: str
    width: int | None
    height: int | None
    alt: str


@dataclass(frozen=True)
class PageMeta:
    """The article page's OGP and Twitter card values, and its JSON-LD (as a dict)."""

    url: str
    title: str
    description: str
    site_name: str
    locale: str
    image: SharedImage | None
    twitter_card: str
    published_time: str | None
    modified_time: str | None
    section: str
    tags: list[str]
    json_ld: dict


def share_image(figure: Figure, *, request: HttpRequest) -> SharedImage:
    """The figure as social sites and search engines should fetch it: absolute URL, size, alt text.

    The JPEG rendition about OG_IMAGE_WIDTH wide when there is one (every
    crawler reads JPEG, and the upload itself may be huge), else the image.
    """
    rendition = figure.rendition(OG_IMAGE_WIDTH)
    if rendition and rendition.get("jpeg"):
        url, width, height = figure.image.storage.url(rendition["jpeg"]), rendition["width"], rendition["height"]
    else:
        url, width, height = figure.image.url, figure.width, figure.height
    return SharedImage(url=request.build_absolute_uri(url), width=width, height=height, alt=figure.alt_text)


def _iso(moment: datetime | None) -> str | None:
    return timezone.localtime(moment).replace(microsecond=0).isoformat() if moment else None


def _publisher(request: HttpRequest, home: str) -> dict:
    return {
        "@type": "Organization",
        "name": settings.SITE_NAME,
        "url": home,
        "logo": {"@type": "ImageObject", "url": logo_url(request), "width": LOGO_SIZE, "height": LOGO_SIZE},
    }


# The schema.org type of the original, by the kind of its source.
ORIGINAL_TYPES = {
    Source.Kind.NEWS: "NewsArticle",
    Source.Kind.PAPER: "ScholarlyArticle",
    Source.Kind.BLOG: "BlogPosting",
    Source.Kind.PRESS_RELEASE: "Article",
}


def _people(names: list[str]) -> dict | list[dict]:
    people = [{"@type": "Person", "name": name} for name in names]
    return people[0] if len(people) == 1 else people


def _original(article: Article) -> dict:
    """The original as `isBasedOn`: a NewsArticle, ScholarlyArticle, BlogPosting or Article.

    A paper adds its authors, affiliations (`sourceOrganization`), its
    arXiv identifier and abstract page (`identifier`, `sameAs`) and its
    PDF (`encoding`).
    """
    kind = article.source.kind
    publisher = {"@type": "Organization", "name": article.source.name}
    if article.source.home_url:
        publisher["url"] = article.source.home_url
    based_on = {
        "@type": ORIGINAL_TYPES.get(kind, "NewsArticle"),
        "url": article.original_url,
        "headline": article.original_title,
        "inLanguage": article.original_language,
        "publisher": publisher,
    }
    authors = article.original_author_list if kind == Source.Kind.PAPER else (
        [article.original_author] if article.original_author else []
    )
    if authors:
        based_on["author"] = _people(authors)
    if article.original_published_at:
        based_on["datePublished"] = _iso(article.original_published_at)
    if kind == Source.Kind.PAPER:
        affiliations = article.original_affiliation_list
        if affiliations:
            based_on["sourceOrganization"] = [{"@type": "Organization", "name": name} for name in affiliations]
        if article.original_arxiv_id:
            based_on["identifier"] = {"@type": "PropertyValue", "propertyID": "arXiv", "value": article.original_arxiv_id}
            based_on["sameAs"] = article.arxiv_url
        if article.original_pdf_url:
            based_on["encoding"] = {"@type": "MediaObject", "contentUrl": article.original_pdf_url,
                                    "encodingFormat": "application/pdf"}
    return based_on


def _translation(article: Article, home: str) -> dict:
    """How the translation was made: the newsroom as `translator`, the reader's wording as `creditText`,
    and a reviewer with a full name on their account as `editor`."""
    data = {
        "translator": {"@type": "Organization", "name": settings.SITE_NAME, "url": home},
        "creditText": article.translation_credit(),
    }
    if article.translation_status == Article.TranslationStatus.REVIEWED and article.reviewer_name:
        data["editor"] = {"@type": "Person", "name": article.reviewer_name}
    return data


def news_article(article: Article, *, request: HttpRequest, figure: Figure | None = None, tags=None) -> dict:
    """The schema.org `NewsArticle` for `article`, with its original as `isBasedOn`.

    Its `author` is the newsroom, whose text it is; the original's authors are the authors of `isBasedOn`.

    `figure` is the image to show: the page passes the figure it shows
    first, None when it shows none; `tags` the article's tags (else
    `article.tags.all()`). The translation is described by `translator`,
    `creditText` and, once reviewed, `editor` (see `_translation`).
    """
    shared = share_image(figure, request=request) if figure is not None else None
    url = request.build_absolute_uri(article.get_absolute_url())
    return _news_article(article, request=request, url=url, shared=shared,
                         tags=article.tags.all() if tags is None else tags)


def _news_article(article: Article, *, request: HttpRequest, url: str, shared: SharedImage | None, tags) -> dict:
    """news_article at its absolute `url`, with the figure as `share_image` gives it (None: no image)."""
    home = site_home(request)  # once: the author, publisher and translator all link it
    # The Japanese text is the newsroom's work; the original's byline goes on `isBasedOn` (_original).
    author = {"@type": "Organization", "name": settings.SITE_NAME, "url": home}
    based_on = _original(article)

    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.lead,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": _iso(article.published_at),
        "dateModified": _iso(modified_at(article)),
        "author": author,
        "publisher": _publisher(request, home),
        "inLanguage": SITE_LANGUAGE,
        "isBasedOn": based_on,
        **_translation(article, home),
    }
    if shared is not None:
        image = {"@type": "ImageObject", "url": shared.url}
        if shared.width and shared.height:
            image.update(width=shared.width, height=shared.height)
        data["image"] = [image]
    if article.category:
        data["articleSection"] = article.category.name
    keywords = [tag.name for tag in tags]
    if keywords:
        data["keywords"] = keywords
    return data


def page_meta(article: Article, *, request: HttpRequest, figure: Figure | None = None, tags=None) -> PageMeta:
    """Values for the article page's OGP and Twitter card tags, plus the JSON-LD dict.

    `figure` and `tags` as for news_article.
    """
    tags = article.tags.all() if tags is None else tags
    image = share_image(figure, request=request) if figure is not None else None
    url = request.build_absolute_uri(article.get_absolute_url())
    return PageMeta(
        url=url,
        title=article.title,
        description=article.lead or gettext("海外ニュースを日本語で。要点と分析を添えて。"),
        site_name=settings.SITE_NAME,
        locale=OG_LOCALE,
        image=image,
        twitter_card="summary_large_image" if image else "summary",
        published_time=_iso(article.published_at),
        modified_time=_iso(modified_at(article)),
        section=article.category.name if article.category else "",
        tags=[tag.name for tag in tags],
        json_ld=_news_article(article, request=request, url=url, shared=image, tags=tags),
    )


def json_ld_script(data: dict) -> SafeString:
    """`data` as a `<script type="application/ld+json">` element, safe whatever the strings hold.

    `<`, `>` and `&` become JSON unicode escapes (as Django's
    `json_script` does), so an editor's `</script>` cannot end the
    element and the content still parses to the same data.
    """
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    for character, escape in _JSON_SCRIPT_ESCAPES:
        text = text.replace(character, escape)
    # Safe: JSON with <, > and & as \u escapes: it cannot end the element.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # nosec B308, B703
