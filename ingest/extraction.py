"""An article page's main text, extracted clean with trafilatura: what the original says, and what it could not tell.

The body is Markdown with its `##` subheadings, paragraphs, lists and
quotes; script, navigation, sharing and "watch now"/player placeholders
are left out; the article's images are noted with their captions and
credits (never downloaded). Whatever could not be found (author, date,
title, body) is named in `missing`, never guessed.
"""

import re
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin

import lxml.html
import trafilatura
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from lxml import etree

from ingest.text import UNSAFE_ELEMENTS

# Short paragraphs that are a site's furniture, not the story: players, promotions, sharing.
PLACEHOLDER = re.compile(
    r"^\W*(watch( now| live| the video| video|:)|play( video| now)|video( player)?\b|loading( video)?|"
    r"this video (is|can)|your browser does not support|please enable javascript|enable javascript|"
    r"advertisement|skip (advertisement|ad)|ad\b|sponsored|listen( to this article| now)|read more|read next|"
    r"related( articles| stories| coverage)?:|recommended|sign up|subscribe|newsletter|share (this|on)|"
    r"follow us|click here|download (the|our) app|most popular|more from|also read|trending)",
    re.IGNORECASE,
)
PLACEHOLDER_MAX_LENGTH = 120
CREDIT = re.compile(r"(?:\(|\b)(?:photo|image|picture|credit|illustration|video)s?\s*(?:credit)?\s*[:：]\s*([^)]+)\)?"
                    r"|(©\s*[^.)]+)", re.IGNORECASE)


@dataclass
class Image:
    src: str
    alt: str = ""
    caption: str = ""
    credit: str = ""


@dataclass
class Extracted:
    title: str = ""
    author: str = ""
    published_at: datetime | None = None
    language: str = ""
    body: str = ""  # Markdown
    images: list[Image] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # what could not be extracted, in the editors' words

    def as_json(self) -> dict:
        data = asdict(self)
        data["published_at"] = self.published_at.isoformat() if self.published_at else None
        return data

    @classmethod
    def from_json(cls, data: dict) -> "Extracted":
        data = dict(data)
        data["images"] = [Image(**image) for image in data.get("images", [])]
        data["published_at"] = parse_datetime(data["published_at"]) if data.get("published_at") else None
        return cls(**data)


def extract(html: str, *, url: str) -> Extracted:
    """The main text and facts of the article page `html` (fetched from `url`)."""
    page = _parse(html)
    if page is None:
        return Extracted(missing=[_("ページを読み取れませんでした")])
    result = Extracted()
    document = trafilatura.bare_extraction(
        _without_unsafe(page), url=url, with_metadata=True, include_images=True, include_formatting=True,
        include_links=False, include_tables=False, include_comments=False, favor_precision=True,
        output_format="python", date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is not None and document.body is not None:
        result.body = _markdown(document.body, title=document.title or "")
    result.title = (document.title if document else "") or _meta(page, "og:title")
    result.author = _author(page, document)
    result.published_at = _published_at(page, document)
    result.language = _language(page)
    result.images = _images(page, url)
    if not result.title:
        result.missing.append(_("見出しを取得できませんでした"))
    if not result.author:
        result.missing.append(_("著者を取得できませんでした"))
    if result.published_at is None:
        result.missing.append(_("公開日時を取得できませんでした"))
    if not result.language:
        result.missing.append(_("言語を取得できませんでした"))
    if not result.body:
        result.missing.append(_("本文を取得できませんでした"))
    return result


def _parse(html: str):
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def _without_unsafe(page) -> str:
    """The page as HTML with script, styles, embeds and forms removed with their content, before extraction."""
    page = lxml.html.document_fromstring(lxml.html.tostring(page))  # a copy: the facts are read from the original
    etree.strip_elements(page, *UNSAFE_ELEMENTS, with_tail=False)
    return lxml.html.tostring(page, encoding="unicode")


def _markdown(body, *, title: str) -> str:
    blocks: list[str] = []
    for element in body:
        tag = element.tag
        text = _inline(element)
        if tag == "head":
            if text and text != title:
                blocks.append(f"## {text}")
        elif tag == "p":
            if text and not _is_placeholder(text):
                blocks.append(text)
        elif tag == "list":
            items = [_inline(item) for item in element if item.tag == "item"]
            items = [item for item in items if item and not _is_placeholder(item)]
            if items:
                blocks.append("\n".join(f"- {item}" for item in items))
        elif tag == "quote" and text and not _is_placeholder(text):
            blocks.append("\n".join(f"> {line}" for line in text.splitlines() if line.strip()))
    # A subheading left with nothing under it (its section was all furniture) is dropped.
    kept = [block for i, block in enumerate(blocks)
            if not (block.startswith("## ") and (i + 1 == len(blocks) or blocks[i + 1].startswith("## ")))]
    return "\n\n".join(kept).strip()


def _inline(element) -> str:
    """An element's text with its emphasis as Markdown, whitespace collapsed."""
    parts = [element.text or ""]
    for child in element:
        if child.tag in ("graphic", "lb"):
            parts.append(" " if child.tag == "lb" else "")
        else:
            inner = _inline(child)
            rend = child.get("rend", "")
            if child.tag == "hi" and inner and rend in ("#b", "#strong"):
                inner = f"**{inner}**"
            elif child.tag == "hi" and inner and rend in ("#i", "#em"):
                inner = f"*{inner}*"
            parts.append(inner)
        parts.append(child.tail or "")
    return re.sub(r"[ \t\r\f\v]+", " ", "".join(parts)).strip()


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _is_placeholder(text: str) -> bool:
    return len(text) <= PLACEHOLDER_MAX_LENGTH and bool(PLACEHOLDER.match(text))


def _meta(page, *names: str) -> str:
    for name in names:
        for attribute in ("property", "name", "itemprop"):
            for value in page.xpath(f"//meta[@{attribute}=$name]/@content", name=name):
                if value.strip():
                    return re.sub(r"\s+", " ", value).strip()
    return ""


def _author(page, document) -> str:
    author = _meta(page, "author", "article:author", "byl", "sailthru.author", "parsely-author")
    if author.startswith(("http://", "https://")):
        author = ""  # a profile page's address, not a name
    if not author and document is not None:
        author = document.author or ""
    author = re.sub(r"^\s*by\s+", "", author, flags=re.IGNORECASE).strip()
    return author[:200]


def _published_at(page, document) -> datetime | None:
    """The publish time the page states (metadata or a <time> element); a date alone is taken at 00:00 UTC."""
    stated = [
        _meta(page, "article:published_time", "datePublished", "date", "pubdate", "parsely-pub-date"),
        *page.xpath("//article//time/@datetime"), *page.xpath("//time[@pubdate]/@datetime"),
    ]
    for value in stated:
        moment = _moment(value)
        if moment is not None:
            return moment
    if document is not None and document.date:
        return _moment(document.date)
    return None


def _moment(value: str) -> datetime | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _language(page) -> str:
    lang = (page.get("lang") or _meta(page, "og:locale", "language")).strip().replace("_", "-")
    if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", lang):
        return ""
    primary, *rest = lang.split("-")
    if primary.lower() == "zh" and rest:
        return f"zh-{rest[0].title() if len(rest[0]) == 4 else rest[0].upper()}"
    return primary.lower()


def _images(page, url: str) -> list[Image]:
    """The article's figures: image address, alt text, caption and credit, as the page states them."""
    scope = page.xpath("//article") or page.xpath("//main") or [page]
    images: list[Image] = []
    seen: set[str] = set()
    for figure in scope[0].iter("figure"):
        img = next(figure.iter("img"), None)
        if img is None:
            continue
        src = urljoin(url, (img.get("src") or img.get("data-src") or "").strip())
        if not src.startswith(("http://", "https://")) or src in seen:
            continue
        seen.add(src)
        caption_element = next(figure.iter("figcaption"), None)
        caption = _collapse(caption_element.text_content()) if caption_element is not None else ""
        credit = next((_collapse(element.text_content()) for element in figure.iter()
                       if isinstance(element.tag, str) and "credit" in (element.get("class") or "").lower()), "")
        if credit:
            caption = caption.replace(credit, "").strip()
        elif match := CREDIT.search(caption):
            credit = (match.group(1) or match.group(2)).strip()
            caption = CREDIT.sub("", caption).strip(" ()")
        images.append(Image(src=src[:1000], alt=(img.get("alt") or "").strip()[:500],
                            caption=caption[:1000], credit=credit[:300]))
    return images
