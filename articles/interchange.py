"""The JSON interchange format (DESIGN §4): import and export of whole stories.

An article's key is `original.url`. An import is checked in full before
anything is written, then written in one transaction, so a bad file
changes nothing.
"""

import hashlib
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.validators import URLValidator, validate_unicode_slug
from django.db import transaction
from django.utils import timezone

from . import images, text
from .models import (
    Article, Category, Correction, Figure, KeyPoint, RelatedLink, SlugRedirect, Source, Tag, split_lines,
)

STATUSES = {choice.value for choice in Article.Status}
User = get_user_model()
Progress = Callable[[int, int], None]

# Model field -> its path in the JSON, for naming fields in messages.
FIELD_PATHS = {
    "title": "title", "lead": "lead", "body": "body", "slug": "slug",
    "impact_analysis": "impact_analysis", "editorial_comment": "editorial_comment",
    "status": "status", "published_at": "published_at",
    "original_title": "original.title", "original_body": "original.body",
    "original_url": "original.url", "original_author": "original.author",
    "original_published_at": "original.published_at", "original_language": "original.language",
    "translation_status": "translation_status", "reviewed_at": "reviewed_at",
    "original_arxiv_id": "original.arxiv_id", "original_authors": "original.authors",
    "original_affiliations": "original.affiliations", "original_pdf_url": "original.pdf_url",
    "original_code_url": "original.code_url",
}
SOURCE_KINDS = set(Source.Kind.values)
TRANSLATION_STATUSES = set(Article.TranslationStatus.values)


class InterchangeError(Exception):
    """A file that cannot be imported; the message names the article and the field."""


@dataclass
class ParsedArticle:
    index: int
    fields: dict
    source: str
    category: str | None
    tags: list[str]
    key_points: list[dict]
    figures: list[dict]
    related: list[str]
    corrections: list[dict]
    source_kind: str | None = None  # None: not in the file (a new source is "news")
    reviewed_by: str | None = None  # a username; only when the file has "reviewed_by"
    has_reviewed_by: bool = False


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    stored_files: list[str] = field(default_factory=list)


class _Reader:
    """Reads one article's raw dict, collecting the first problem with its field path."""

    def __init__(self, index: int, raw: dict):
        self.index = index
        self.raw = raw
        title = raw.get("title") if isinstance(raw, dict) else None
        self.label = f"article {index + 1}" + (f" ({title!r})" if isinstance(title, str) and title else "")

    def fail(self, path: str, message: str):
        raise InterchangeError(f"{self.label}: field '{path}': {message}")

    def string(self, data: dict, key: str, path: str, *, required=False) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.fail(path, "is required")
            return ""
        if not isinstance(value, str):
            self.fail(path, f"must be a string, not {type(value).__name__}")
        if "\x00" in value:
            self.fail(path, "contains a NUL character, which no text field can store")
        value = text.normalize_newlines(value).strip()
        if required and not value:
            self.fail(path, "is required and may not be empty")
        return value

    def datetime(self, data: dict, key: str, path: str) -> datetime | None:
        value = data.get(key)
        if value in (None, ""):
            return None
        if not isinstance(value, str):
            self.fail(path, "must be an ISO 8601 date-time string")
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            self.fail(path, f"is not a valid ISO 8601 date-time: {value!r}")
        if timezone.is_naive(parsed):
            parsed = timezone.make_aware(parsed)
        return parsed

    def list_of(self, data: dict, key: str, path: str, kind: type) -> list:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(path, "must be a list")
        for i, item in enumerate(value):
            if not isinstance(item, kind):
                self.fail(f"{path}[{i}]", f"must be {'an object' if kind is dict else 'a string'}")
        return value

    def url(self, value: str, path: str) -> str:
        if value:
            try:
                URLValidator(schemes=["http", "https"])(value)
            except ValidationError:
                self.fail(path, f"is not a valid http(s) URL: {value!r}")
        return value


def parse_article(index: int, raw, base_dir: Path) -> ParsedArticle:
    """Check one article of the file without touching the database."""
    r = _Reader(index, raw)
    if not isinstance(raw, dict):
        r.fail("", "each article must be an object")
    status = r.string(raw, "status", "status", required=True)
    if status not in STATUSES:
        r.fail("status", f"unknown status {status!r} (expected one of: {', '.join(sorted(STATUSES))})")
    original = raw.get("original")
    if not isinstance(original, dict):
        r.fail("original", "is required and must be an object")
    published_at = r.datetime(raw, "published_at", "published_at")
    if status in ("published", "scheduled") and published_at is None:
        r.fail("published_at", f"is required when status is {status!r}")

    fields = {
        "status": status,
        "published_at": published_at,
        "title": r.string(raw, "title", "title", required=True),
        "lead": r.string(raw, "lead", "lead"),
        "body": r.string(raw, "body", "body"),
        "impact_analysis": r.string(raw, "impact_analysis", "impact_analysis"),
        "editorial_comment": r.string(raw, "editorial_comment", "editorial_comment"),
        "original_title": r.string(original, "title", "original.title", required=True),
        "original_body": r.string(original, "body", "original.body"),
        "original_url": r.url(r.string(original, "url", "original.url", required=True), "original.url"),
        "original_author": r.string(original, "author", "original.author"),
        "original_published_at": r.datetime(original, "published_at", "original.published_at"),
        "original_language": r.string(original, "language", "original.language") or "en",
    }
    fields.update(_parse_optional(r, raw, original))
    slug = r.string(raw, "slug", "slug")
    if slug:
        try:
            validate_unicode_slug(slug)
        except ValidationError:
            r.fail("slug", f"is not a valid slug: {slug!r}")
        fields["slug"] = slug
    _check_model_rules(r, fields)

    key_points = []
    for i, kp in enumerate(r.list_of(raw, "key_points", "key_points", dict)):
        key_points.append({
            "heading": r.string(kp, "heading", f"key_points[{i}].heading", required=True),
            "body": r.string(kp, "body", f"key_points[{i}].body"),
        })
        if len(key_points[-1]["heading"]) > KeyPoint._meta.get_field("heading").max_length:
            r.fail(f"key_points[{i}].heading", "is too long")

    figures = []
    for i, fig in enumerate(r.list_of(raw, "figures", "figures", dict)):
        figures.append(_parse_figure(r, fig, f"figures[{i}]", base_dir))

    corrections = []
    for i, corr in enumerate(r.list_of(raw, "corrections", "corrections", dict)):
        corrections.append({
            "noted_at": r.datetime(corr, "noted_at", f"corrections[{i}].noted_at") or timezone.now(),
            "body": r.string(corr, "body", f"corrections[{i}].body", required=True),
        })

    category = r.string(raw, "category", "category") or None
    tags = [t.strip() for t in r.list_of(raw, "tags", "tags", str) if t.strip()]
    for i, name in enumerate([category] if category else []):
        if len(name) > Category._meta.get_field("name").max_length:
            r.fail("category", "is too long")
    for i, name in enumerate(tags):
        if len(name) > Tag._meta.get_field("name").max_length:
            r.fail(f"tags[{i}]", "is too long")
    source = r.string(original, "source", "original.source", required=True)
    if len(source) > Source._meta.get_field("name").max_length:
        r.fail("original.source", "is too long")

    source_kind = r.string(original, "kind", "original.kind") or None
    if source_kind is not None and source_kind not in SOURCE_KINDS:
        r.fail("original.kind", f"unknown kind {source_kind!r} (expected one of: {', '.join(sorted(SOURCE_KINDS))})")

    return ParsedArticle(
        index=index, fields=fields, source=source, category=category,
        tags=list(dict.fromkeys(tags)), key_points=key_points, figures=figures,
        related=[u.strip() for u in r.list_of(raw, "related", "related", str)],
        corrections=corrections, source_kind=source_kind,
        reviewed_by=r.string(raw, "reviewed_by", "reviewed_by") or None, has_reviewed_by="reviewed_by" in raw,
    )


def _parse_optional(r: _Reader, raw: dict, original: dict) -> dict:
    """The fields added after the first version of the format: set only when the file has them.

    An article already in the database keeps its value for a key the
    file leaves out; a new article gets the model's default.
    """
    fields = {}
    if "translation_status" in raw:
        status = r.string(raw, "translation_status", "translation_status")
        if status not in TRANSLATION_STATUSES:
            r.fail("translation_status", f"unknown translation status {status!r} "
                                         f"(expected one of: {', '.join(sorted(TRANSLATION_STATUSES))})")
        fields["translation_status"] = status
    if "reviewed_at" in raw:
        fields["reviewed_at"] = r.datetime(raw, "reviewed_at", "reviewed_at")
    for key, name in (("arxiv_id", "original_arxiv_id"), ("pdf_url", "original_pdf_url"),
                      ("code_url", "original_code_url")):
        if key in original:
            value = r.string(original, key, f"original.{key}")
            fields[name] = r.url(value, f"original.{key}") if key.endswith("_url") else value
    for key, name in (("authors", "original_authors"), ("affiliations", "original_affiliations")):
        if key in original:
            items = [text.normalize_newlines(item).strip() for item in r.list_of(original, key, f"original.{key}", str)]
            for i, item in enumerate(items):
                if "\n" in item:
                    r.fail(f"original.{key}[{i}]", "must be one line")
            fields[name] = "\n".join(item for item in items if item)
    return fields


def _parse_figure(r: _Reader, fig: dict, path: str, base_dir: Path) -> dict:
    image = r.string(fig, "image", f"{path}.image", required=True)
    image_path = Path(image)
    if image_path.is_absolute():
        r.fail(f"{path}.image", "must be a path relative to the JSON file")
    full_path = base_dir / image_path
    if not full_path.is_file():
        r.fail(f"{path}.image", f"file not found: {image}")
    with full_path.open("rb") as fh:
        wrapped = File(fh, name=full_path.name)
        try:
            images.validate_image(wrapped)
        except ValidationError as exc:
            r.fail(f"{path}.image", " ".join(exc.messages))
    parsed = {
        "path": full_path,
        "sha256": _digest_path(full_path),
        "caption": r.string(fig, "caption", f"{path}.caption"),
        "credit": r.string(fig, "credit", f"{path}.credit"),
        "alt_text": r.string(fig, "alt", f"{path}.alt"),
        "video_url": r.url(r.string(fig, "video_url", f"{path}.video_url"), f"{path}.video_url"),
    }
    for key, json_key in (("caption", "caption"), ("credit", "credit"), ("alt_text", "alt")):
        if len(parsed[key]) > Figure._meta.get_field(key).max_length:
            r.fail(f"{path}.{json_key}", "is too long")
    return parsed


def _check_model_rules(r: _Reader, fields: dict) -> None:
    """Run the model's own field validators (lengths, URL, language code)."""
    candidate = Article(**{k: v for k, v in fields.items()})
    try:
        candidate.clean_fields(exclude=["source", "slug", "category"])
    except ValidationError as exc:
        name, messages = next(iter(exc.message_dict.items()))
        r.fail(FIELD_PATHS.get(name, name), " ".join(str(m) for m in messages))


def read_file(path: Path) -> list:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InterchangeError(f"file not found: {path}")
    except UnicodeDecodeError:
        raise InterchangeError(f"{path}: not UTF-8 text")
    except json.JSONDecodeError as exc:
        raise InterchangeError(f"{path}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")
    if not isinstance(data, dict) or not isinstance(data.get("articles"), list):
        raise InterchangeError(f'{path}: expected an object with an "articles" list')
    return data["articles"]


def _check_source_kind(article: ParsedArticle, earlier: list[ParsedArticle]) -> None:
    """A source has one kind: two articles of one file may not disagree about it."""
    if article.source_kind is None:
        return
    for other in earlier:
        if other.source == article.source and other.source_kind not in (None, article.source_kind):
            raise InterchangeError(
                f"article {article.index + 1} ({article.fields['title']!r}): field 'original.kind': "
                f"{article.source_kind!r}, but article {other.index + 1} gives {other.source_kind!r} "
                f"for the source {article.source!r}"
            )


def import_file(path: Path, *, progress: Progress | None = None) -> ImportResult:
    """Import a whole file, or nothing at all."""
    path = Path(path)
    raw_articles = read_file(path)
    parsed = []
    seen_urls: dict[str, int] = {}
    for index, raw in enumerate(raw_articles):
        article = parse_article(index, raw, path.parent)
        url = article.fields["original_url"]
        if url in seen_urls:
            raise InterchangeError(
                f"article {index + 1} ({article.fields['title']!r}): field 'original.url': "
                f"same URL as article {seen_urls[url] + 1}"
            )
        seen_urls[url] = index
        _check_source_kind(article, parsed)
        parsed.append(article)
        if progress and (index + 1) % 500 == 0:
            progress(index + 1, len(raw_articles))

    result = ImportResult()
    from . import caching, search  # they import the models this module writes

    try:
        with caching.batched(), search.deferred_indexing(), transaction.atomic():
            saved = []
            lookups = _Lookups()
            for n, item in enumerate(parsed, start=1):
                saved.append(_write_article(item, result, lookups))
                if progress and (n % 100 == 0 or n == len(parsed)):
                    progress(n, len(parsed))
            for item, article in zip(parsed, saved):
                _write_related(item, article)
            from . import revisions  # imports this module

            revisions.record_many([article.pk for article in saved])
    except Exception:
        storage = Figure._meta.get_field("image").storage
        for name in result.stored_files:
            storage.delete(name)
        raise
    return result


class _Lookups:
    """What an import looks up again and again, read once: categories, tags, sources, URLs, slugs."""

    def __init__(self):
        self.categories: dict[str, Category] = {}
        self.tags: dict[str, Tag] = {}
        self.sources: dict[str, Source] = {}
        self.article_ids = dict(Article.objects.values_list("original_url", "pk"))
        self.slugs = set(Article.objects.values_list("slug", flat=True))
        self.slugs |= set(SlugRedirect.objects.values_list("old_slug", flat=True))

    def new_slug(self, article: Article) -> str:
        base = text.make_slug(text.slug_source(article.original_title, article.title))
        slug, n = base, 2
        while slug in self.slugs:
            slug = f"{base}-{n}"
            n += 1
        self.slugs.add(slug)
        return slug

    def category(self, name: str) -> Category:
        if name not in self.categories:
            self.categories[name] = Category.objects.get_or_create(name=name)[0]
        return self.categories[name]

    def source(self, item: "ParsedArticle") -> Source:
        if item.source not in self.sources:
            self.sources[item.source] = _source(item)
        return self.sources[item.source]

    def tag(self, name: str) -> Tag:
        if name not in self.tags:
            self.tags[name] = Tag.objects.get_or_create(name=name)[0]
        return self.tags[name]


def _write_article(item: ParsedArticle, result: ImportResult, lookups: _Lookups) -> Article:
    fields = dict(item.fields)
    known = lookups.article_ids.get(fields["original_url"])
    article = Article.objects.get(pk=known) if known else None
    new = article is None
    if new:
        article = Article()
        result.created += 1
    else:
        result.updated += 1
    for name, value in fields.items():
        setattr(article, name, value)
    article.source = lookups.source(item)
    if item.has_reviewed_by:
        # Accounts are never created by an import; a reviewer unknown here is left out.
        article.reviewed_by = User.objects.filter(username=item.reviewed_by).first() if item.reviewed_by else None
    article.category = lookups.category(item.category) if item.category else None
    if "slug" in fields:
        clash = (Article.objects.filter(slug=fields["slug"]).exclude(pk=article.pk).first()
                 if fields["slug"] in lookups.slugs else None)
        if clash:
            raise InterchangeError(
                f"article {item.index + 1} ({fields['title']!r}): field 'slug': "
                f"already used by {clash.original_url}"
            )
        lookups.slugs.add(fields["slug"])
    elif new:
        article.slug = lookups.new_slug(article)
    article.save()
    lookups.article_ids[article.original_url] = article.pk
    tags = [lookups.tag(name) for name in item.tags]
    if new:
        # A new article has nothing to compare with: write its parts without reading first.
        if tags:
            article.tags.add(*tags)
        KeyPoint.objects.bulk_create(
            KeyPoint(article=article, position=i, **kp) for i, kp in enumerate(item.key_points, start=1)
        )
        Correction.objects.bulk_create(Correction(article=article, **c) for c in item.corrections)
    else:
        article.tags.set(tags)
        write_key_points(article, item.key_points)
        write_corrections(article, item.corrections)
    _write_figures(article, item.figures, result, new=new)
    article._imported_new = new
    return article


def _source(item: ParsedArticle) -> Source:
    kind = item.source_kind or Source.Kind.NEWS
    source, created = Source.objects.get_or_create(name=item.source, defaults={"kind": kind})
    if item.source_kind and not created and source.kind != item.source_kind:
        source.kind = item.source_kind
        source.save(update_fields=["kind"])
    return source


def write_key_points(article: Article, key_points: list[dict]) -> None:
    existing = list(article.key_points.all())
    if [(kp.heading, kp.body) for kp in existing] == [(kp["heading"], kp["body"]) for kp in key_points]:
        return
    article.key_points.all().delete()
    KeyPoint.objects.bulk_create(
        KeyPoint(article=article, position=i, **kp) for i, kp in enumerate(key_points, start=1)
    )


def write_corrections(article: Article, corrections: list[dict]) -> None:
    existing = [(c.noted_at, c.body) for c in article.corrections.all()]
    if existing == [(c["noted_at"], c["body"]) for c in corrections]:
        return
    article.corrections.all().delete()
    Correction.objects.bulk_create(Correction(article=article, **c) for c in corrections)


def _write_figures(article: Article, figures: list[dict], result: ImportResult, *, new: bool = False) -> None:
    if new and not figures:
        return
    existing = [] if new else list(article.figures.all())
    for position, data in enumerate(figures, start=1):
        figure = existing[position - 1] if position <= len(existing) else Figure(article=article)
        figure.position = position
        for key in ("caption", "credit", "alt_text", "video_url"):
            setattr(figure, key, data[key])
        if not figure.image or figure.source_sha256 != data["sha256"]:
            with data["path"].open("rb") as fh:
                figure.image = File(fh, name=data["path"].name)
                figure.save()  # re-encodes and builds the renditions
            result.stored_files.extend(figure.files())
        else:
            figure.save()
    for stale in existing[len(figures):]:
        stale.delete()


def _write_related(item: ParsedArticle, article: Article) -> None:
    if not item.related and getattr(article, "_imported_new", False):
        return
    targets = []
    for i, url in enumerate(item.related):
        target = Article.objects.filter(original_url=url).only("pk").first()
        if target is None:
            raise InterchangeError(
                f"article {item.index + 1} ({article.title!r}): field 'related[{i}]': "
                f"no article has the original URL {url!r}"
            )
        if target.pk == article.pk:
            raise InterchangeError(
                f"article {item.index + 1} ({article.title!r}): field 'related[{i}]': "
                "an article cannot be related to itself"
            )
        if target.pk not in targets:
            targets.append(target.pk)
    current = list(article.related_links.values_list("to_article_id", flat=True))
    if current == targets:
        return
    article.related_links.all().delete()
    RelatedLink.objects.bulk_create(
        RelatedLink(from_article=article, to_article_id=pk, position=i) for i, pk in enumerate(targets, start=1)
    )


def _digest_path(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# Export ---------------------------------------------------------------------------------


def _iso(value: datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def export_article(article: Article, *, image_names: list[str]) -> dict:
    return {
        "status": article.status,
        "published_at": _iso(article.published_at),
        "category": article.category.name if article.category else None,
        "tags": [tag.name for tag in article.tags.all()],
        "title": article.title,
        "lead": article.lead,
        "body": article.body,
        "key_points": [{"heading": kp.heading, "body": kp.body} for kp in article.key_points.all()],
        "impact_analysis": article.impact_analysis,
        "editorial_comment": article.editorial_comment,
        "translation_status": article.translation_status,
        "reviewed_by": article.reviewed_by.get_username() if article.reviewed_by_id else None,
        "reviewed_at": _iso(article.reviewed_at),
        "original": {
            "title": article.original_title,
            "body": article.original_body,
            "url": article.original_url,
            "source": article.source.name,
            "kind": article.source.kind,
            "author": article.original_author,
            "published_at": _iso(article.original_published_at),
            "language": article.original_language,
            "arxiv_id": article.original_arxiv_id,
            "authors": split_lines(article.original_authors),
            "affiliations": split_lines(article.original_affiliations),
            "pdf_url": article.original_pdf_url,
            "code_url": article.original_code_url,
        },
        "figures": [
            {
                "image": name,
                "caption": fig.caption,
                "credit": fig.credit,
                "alt": fig.alt_text,
                **({"video_url": fig.video_url} if fig.video_url else {}),
            }
            for fig, name in zip(article.figures.all(), image_names)
        ],
        "related": [link.to_article.original_url for link in article.related_links.all()],
        "corrections": [
            {"noted_at": _iso(c.noted_at), "body": c.body} for c in article.corrections.all()
        ],
        "slug": article.slug,
        "reading_minutes": article.reading_minutes,
        "url": article.get_absolute_url(),
    }


def export_articles(image_dir: Path | None, *, image_prefix: str = "images") -> dict:
    """Every article, whatever its status; images copied into `image_dir` when given."""
    articles = (
        Article.objects.order_by("id")
        .select_related("category", "source", "reviewed_by")
        .prefetch_related("tags", "key_points", "figures", "corrections", "related_links__to_article")
    )
    out = []
    for article in articles:
        names = []
        for n, fig in enumerate(article.figures.all(), start=1):
            suffix = Path(fig.image.name).suffix.lower() or ".jpg"
            filename = f"{article.slug}-{n}{suffix}"
            names.append(f"{image_prefix}/{filename}")
            if image_dir is not None:
                image_dir.mkdir(parents=True, exist_ok=True)
                with fig.image.storage.open(fig.image.name, "rb") as src, (image_dir / filename).open("wb") as dst:
                    shutil.copyfileobj(src, dst)
        out.append(export_article(article, image_names=names))
    return {"articles": out}
