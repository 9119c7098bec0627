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
from datetime import timezone as dt_timezone
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.validators import MaxLengthValidator, URLValidator, validate_unicode_slug
from django.db import models, transaction
from django.utils import timezone

from articles import changes, text
from articles.models import (
    Article,
    Category,
    Correction,
    Figure,
    KeyPoint,
    RelatedLink,
    SlugRedirect,
    Source,
    Tag,
)
from articles.story_data import story_data, write_corrections, write_key_points
from core.bulk import insert_rows
from images.checks import validate_image

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
URL_FIELDS = ("original_url", "original_pdf_url", "original_code_url")
MAX_FILE_BYTES = 1024 ** 3  # the whole file is read into memory; import_articles --max-size changes it
# Dates outside these years are refused: far from any story, and clear of the ends of Python's
# range, where a conversion to UTC or the site's time zone, or a day before or after, overflows.
EARLIEST_YEAR, LATEST_YEAR = 1000, 9000
JSON_TYPES = {bool: "true or false", int: "a number", float: "a number", Decimal: "a number",
              str: "a string", list: "a list", dict: "an object", type(None): "null"}
UNUSABLE_IMAGE = "is not an image file inside the folder of the JSON file"
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
    candidate: Article | None = None  # the checked, unsaved article: what a new article starts from
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
        self.label = f"article {index + 1}" + (f" ({shown(title)})" if isinstance(title, str) and title else "")

    def fail(self, path: str, message: str):
        raise InterchangeError(f"{self.label}: field '{path}': {message}")

    def string(self, data: dict, key: str, path: str, *, required=False) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.fail(path, "is required")
            return ""
        if not isinstance(value, str):
            self.fail(path, f"must be a string, not {json_type(value)}")
        self.storable(value, path)
        value = text.normalize_newlines(value).strip()
        if required and not value:
            self.fail(path, "is required and may not be empty")
        return value

    def storable(self, value: str, path: str) -> None:
        """Refuse what no database column can hold: NUL, and halves of a UTF-16 pair (JSON's "\\ud800")."""
        if "\x00" in value:
            self.fail(path, "contains a NUL character, which no text field can store")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            self.fail(path, f"contains half of a UTF-16 surrogate pair ({value[exc.start]!a}), which is not a character")

    def length(self, value: str, limit: int, path: str) -> None:
        if len(value) > limit:
            self.fail(path, f"is too long: {len(value):,} characters, at most {limit:,}")

    def datetime(self, data: dict, key: str, path: str) -> datetime | None:
        value = data.get(key)
        if value in (None, ""):
            return None
        if not isinstance(value, str):
            self.fail(path, "must be an ISO 8601 date-time string")
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            self.fail(path, f"is not a valid ISO 8601 date-time: {shown(value)}")
        if timezone.is_naive(parsed):
            parsed = timezone.make_aware(parsed)
        try:
            year = parsed.astimezone(dt_timezone.utc).year
        except OverflowError:
            year = None
        if year is None or not EARLIEST_YEAR <= year <= LATEST_YEAR:
            self.fail(path, f"is out of range: {shown(value)} (years {EARLIEST_YEAR} to {LATEST_YEAR})")
        return parsed

    def list_of(self, data: dict, key: str, path: str, kind: type) -> list:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(path, "must be a list")
        for i, item in enumerate(value):
            if not isinstance(item, kind):
                self.fail(f"{path}[{i}]", f"must be {JSON_TYPES[kind]}, not {json_type(item)}")
            if kind is str:
                self.storable(item, f"{path}[{i}]")
        return value

    def url(self, value: str, path: str) -> str:
        if value:
            try:
                URLValidator(schemes=["http", "https"])(value)
            except ValidationError:
                self.fail(path, f"is not a valid http(s) URL: {shown(value)}")
        return value


def shown(value: str, limit: int = 80) -> str:
    """A value quoted for a message, cut short: the file may hold a megabyte where a word belongs."""
    return repr(value if len(value) <= limit else value[:limit] + "…")


def json_type(value) -> str:
    return JSON_TYPES.get(type(value), type(value).__name__)


def parse_article(index: int, raw, base_dir: Path) -> ParsedArticle:
    """Check one article of the file without touching the database."""
    r = _Reader(index, raw)
    if not isinstance(raw, dict):
        r.fail("", "each article must be an object")
    status = r.string(raw, "status", "status", required=True)
    if status not in STATUSES:
        r.fail("status", f"unknown status {shown(status)} (expected one of: {', '.join(sorted(STATUSES))})")
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
    for name, limit in text.MAX_LENGTHS["article"].items():
        r.length(fields.get(name) or "", limit, FIELD_PATHS[name])
    slug = r.string(raw, "slug", "slug")
    if slug:
        try:
            validate_unicode_slug(slug)
        except ValidationError:
            r.fail("slug", f"is not a valid slug: {shown(slug)}")
        fields["slug"] = slug
    candidate = _check_model_rules(r, fields)

    key_points = []
    for i, kp in enumerate(r.list_of(raw, "key_points", "key_points", dict)):
        key_points.append({
            "heading": r.string(kp, "heading", f"key_points[{i}].heading", required=True),
            "body": r.string(kp, "body", f"key_points[{i}].body"),
        })
        r.length(key_points[-1]["heading"], KeyPoint._meta.get_field("heading").max_length, f"key_points[{i}].heading")
        r.length(key_points[-1]["body"], text.MAX_LENGTHS["keypoint"]["body"], f"key_points[{i}].body")

    figures = []
    for i, fig in enumerate(r.list_of(raw, "figures", "figures", dict)):
        figures.append(_parse_figure(r, fig, f"figures[{i}]", base_dir))

    corrections = []
    for i, corr in enumerate(r.list_of(raw, "corrections", "corrections", dict)):
        corrections.append({
            "noted_at": r.datetime(corr, "noted_at", f"corrections[{i}].noted_at") or timezone.now(),
            "body": r.string(corr, "body", f"corrections[{i}].body", required=True),
        })
        r.length(corrections[-1]["body"], text.MAX_LENGTHS["correction"]["body"], f"corrections[{i}].body")

    category = r.string(raw, "category", "category") or None
    tags = [t.strip() for t in r.list_of(raw, "tags", "tags", str) if t.strip()]
    r.length(category or "", Category._meta.get_field("name").max_length, "category")
    for i, name in enumerate(tags):
        r.length(name, Tag._meta.get_field("name").max_length, f"tags[{i}]")
    source = r.string(original, "source", "original.source", required=True)
    r.length(source, Source._meta.get_field("name").max_length, "original.source")

    source_kind = r.string(original, "kind", "original.kind") or None
    if source_kind is not None and source_kind not in SOURCE_KINDS:
        r.fail("original.kind", f"unknown kind {shown(source_kind)} (expected one of: {', '.join(sorted(SOURCE_KINDS))})")

    return ParsedArticle(
        index=index, fields=fields, source=source, category=category,
        tags=list(dict.fromkeys(tags)), key_points=key_points, figures=figures,
        related=[u.strip() for u in r.list_of(raw, "related", "related", str)],
        corrections=corrections, candidate=candidate, source_kind=source_kind,
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
            r.fail("translation_status", f"unknown translation status {shown(status)} "
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
    full_path = _image_file(image, base_dir)
    if full_path is None:
        r.fail(f"{path}.image", f"{UNUSABLE_IMAGE}: {shown(image)}")
    with full_path.open("rb") as fh:
        wrapped = File(fh, name=full_path.name)
        try:
            validate_image(wrapped)
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
        r.length(parsed[key], Figure._meta.get_field(key).max_length, f"{path}.{json_key}")
    return parsed


def _image_file(image: str, base_dir: Path) -> Path | None:
    """The real path of `image`, a file inside `base_dir` (links followed), or None.

    Missing, outside the folder (an absolute path, "..", a link out) or not a
    regular file: every case is None and gets the same message, so an import
    tells nothing about files elsewhere on the server.
    """
    relative = Path(image)
    if relative.is_absolute() or ".." in relative.parts:
        return None
    try:
        folder = base_dir.resolve(strict=True)
        full = (folder / relative).resolve(strict=True)
        usable = full.is_relative_to(folder) and full.is_file()
    except (OSError, RuntimeError):  # RuntimeError: a loop of links
        return None
    return full if usable else None


def _check_model_rules(r: _Reader, fields: dict) -> Article:
    """Run the model's own field validators (lengths, URL, language code); returns the unsaved article."""
    candidate = Article(**fields)
    try:
        # _Reader.url has checked the URLs (and more strictly: http and https only); their lengths are left.
        for name in URL_FIELDS:
            MaxLengthValidator(Article._meta.get_field(name).max_length)(fields.get(name) or "")
    except ValidationError as exc:
        r.fail(FIELD_PATHS[name], " ".join(exc.messages))
    try:
        candidate.clean_fields(exclude=["source", "slug", "category", *URL_FIELDS])
    except ValidationError as exc:
        name, messages = next(iter(exc.message_dict.items()))
        r.fail(FIELD_PATHS.get(name, name), " ".join(str(m) for m in messages))
    return candidate


def read_file(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> list:
    try:
        with Path(path).open("rb") as fh:
            content = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise InterchangeError(f"file not found: {path}")
    except OSError as exc:
        raise InterchangeError(f"{path}: cannot be read: {exc.strerror}")
    if len(content) > max_bytes:
        raise InterchangeError(f"{path}: larger than the limit of {max_bytes:,} bytes (import_articles --max-size)")
    try:
        data = json.loads(content.decode("utf-8"), parse_int=_json_int)
    except UnicodeDecodeError:
        raise InterchangeError(f"{path}: not UTF-8 text")
    except json.JSONDecodeError as exc:
        raise InterchangeError(f"{path}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")
    except RecursionError:
        raise InterchangeError(f"{path}: nested too deeply (arrays or objects inside each other)")
    if not isinstance(data, dict) or not isinstance(data.get("articles"), list):
        raise InterchangeError(f'{path}: expected an object with an "articles" list')
    return data["articles"]


def _json_int(digits: str) -> int | Decimal:
    # Python refuses to turn thousands of digits into an int (ValueError); kept as a number
    # no field accepts, it gets a message naming its field instead of stopping the reading.
    try:
        return int(digits)
    except ValueError:
        return Decimal(digits)


BATCH_SIZE = 500  # articles written per round of bulk inserts


def import_file(path: Path, *, progress: Progress | None = None, max_bytes: int = MAX_FILE_BYTES) -> ImportResult:
    """Import a whole file, or nothing at all.

    New articles are written a batch at a time with one INSERT per table, their
    search documents and first revisions made from what is in memory rather
    than read back; SQLite indexes each batch for search on a second thread
    while the next is prepared (search.bulk_writes). Articles already in the
    database (same original URL) are updated one by one, as an editor's save would.
    """
    path = Path(path)
    raw_articles = read_file(path, max_bytes=max_bytes)
    checker = _Checker(path.parent)
    parsed = []
    for index, raw in enumerate(raw_articles):
        parsed.append(checker.check(index, raw))
        if progress and (index + 1) % 500 == 0:
            progress(index + 1, len(raw_articles))
    del raw_articles

    result = ImportResult()
    from search import index as search

    try:
        with (
            changes.batched(), search.deferred_indexing(), transaction.atomic(),
            search.bulk_writes(documents=len(parsed)),
        ):
            lookups = _Lookups()
            written: list[Article] = []
            for start in range(0, len(parsed), BATCH_SIZE):
                written += _write_batch(parsed[start:start + BATCH_SIZE], result, lookups)
                if progress:
                    progress(len(written), len(parsed))
            _write_related(parsed, written, lookups)
            _record_revisions(written, lookups)
    except Exception:
        storage = Figure._meta.get_field("image").storage
        for name in result.stored_files:
            storage.delete(name)
        raise
    return result


class _Checker:
    """Checks the file's articles in order, against what the articles before them said."""

    def __init__(self, base_dir: Path):
        self.base_dir = base_dir
        self.urls: dict[str, int] = {}
        self.source_kinds: dict[str, ParsedArticle] = {}  # source -> the first article giving its kind

    def check(self, index: int, raw) -> ParsedArticle:
        article = parse_article(index, raw, self.base_dir)
        url = article.fields["original_url"]
        if url in self.urls:
            raise InterchangeError(
                f"article {index + 1} ({article.fields['title']!r}): field 'original.url': "
                f"same URL as article {self.urls[url] + 1}"
            )
        self.urls[url] = index
        if article.source_kind is not None:
            # A source has one kind: two articles of one file may not disagree about it.
            other = self.source_kinds.setdefault(article.source, article)
            if other.source_kind != article.source_kind:
                raise InterchangeError(
                    f"article {index + 1} ({article.fields['title']!r}): field 'original.kind': "
                    f"{article.source_kind!r}, but article {other.index + 1} gives {other.source_kind!r} "
                    f"for the source {article.source!r}"
                )
        return article


class _Lookups:
    """What an import looks up again and again, read once: categories, tags, sources, users, URLs, slugs."""

    def __init__(self):
        self.categories: dict[str, Category] = {}
        self.tags: dict[str, Tag] = {}
        self.sources: dict[str, Source] = {}
        self.users: dict[str, object] = {}
        self.article_ids: dict[str, int] = {}  # original URL -> pk, kept up to date as articles are written
        self.slug_owners: dict[str, str] = {}  # article slug -> original URL of the article using it
        for pk, url, slug in Article.objects.values_list("pk", "original_url", "slug"):
            self.article_ids[url] = pk
            self.slug_owners[slug] = url
        # Former slug -> original URL of the article its old URL redirects to.
        self.old_slugs: dict[str, str] = dict(SlugRedirect.objects.values_list("old_slug", "article__original_url"))

    def new_slug(self, article: Article) -> str:
        """A slug no article uses, now or formerly (what Article.save() would pick)."""
        base = text.make_slug(text.slug_source(article.original_title, article.title))
        slug, n = base, 2
        while slug in self.slug_owners or slug in self.old_slugs:
            slug = f"{base}-{n}"
            n += 1
        self.slug_owners[slug] = article.original_url
        return slug

    def claim_slug(self, item: ParsedArticle, slug: str, *, previous: str | None = None) -> None:
        """Give the file's slug to the article, unless another article has it."""
        url = item.fields["original_url"]
        owner = self.slug_owners.get(slug)
        if owner is not None and owner != url:
            raise InterchangeError(
                f"article {item.index + 1} ({item.fields['title']!r}): field 'slug': already used by {owner}"
            )
        former = self.old_slugs.get(slug)
        if former is not None and former != url:
            raise InterchangeError(
                f"article {item.index + 1} ({item.fields['title']!r}): field 'slug': used before by {former},"
                " whose old URL redirects there"
            )
        self.slug_owners[slug] = url
        if previous and previous != slug and self.slug_owners.get(previous) == url:
            # The article's old slug becomes a redirect (Article.save), free for no one else.
            del self.slug_owners[previous]
            self.old_slugs[previous] = url

    def category(self, name: str) -> Category:
        if name not in self.categories:
            self.categories[name] = Category.objects.get_or_create(name=name)[0]
        return self.categories[name]

    def source(self, item: ParsedArticle) -> Source:
        if item.source not in self.sources:
            self.sources[item.source] = _source(item)
        return self.sources[item.source]

    def tag(self, name: str) -> Tag:
        if name not in self.tags:
            self.tags[name] = Tag.objects.get_or_create(name=name)[0]
        return self.tags[name]

    def user(self, username: str):
        # Accounts are never created by an import; a reviewer unknown here is left out.
        if username not in self.users:
            self.users[username] = User.objects.filter(username=username).first()
        return self.users[username]

    def tag_order(self) -> dict[int, int]:
        """Each tag's place in the order the database lists them (Tag.Meta.ordering, its collation)."""
        return {pk: i for i, pk in enumerate(Tag.objects.values_list("pk", flat=True))}


def _write_batch(items: list[ParsedArticle], result: ImportResult, lookups: _Lookups) -> list[Article]:
    """Write a batch of articles in file order: updates one by one, new ones in bulk at the end."""
    known = [lookups.article_ids.get(item.fields["original_url"]) for item in items]
    existing = Article.objects.in_bulk([pk for pk in known if pk is not None])
    articles, new = [], []
    for item, pk in zip(items, known):
        if pk is None:
            article = _new_article(item, lookups)
            new.append((item, article))
            result.created += 1
        else:
            article = _update_article(item, existing[pk], result, lookups)
            result.updated += 1
        articles.append(article)
    if new:
        _insert_new(new, result, lookups)
    return articles


def _new_article(item: ParsedArticle, lookups: _Lookups) -> Article:
    """An unsaved article with everything Article.save() would fill in."""
    article = item.candidate
    article.source = lookups.source(item)
    if item.has_reviewed_by:
        article.reviewed_by = lookups.user(item.reviewed_by) if item.reviewed_by else None
    article.category = lookups.category(item.category) if item.category else None
    if "slug" in item.fields:
        lookups.claim_slug(item, item.fields["slug"])
    else:
        article.slug = lookups.new_slug(article)
    article.fill_derived_fields()
    article.version = 1  # its first revision, recorded once the whole file is written
    article._imported_new = True
    # Its parts as the database would list them (tags are put in order at the end), for its
    # search document now and its first revision later; keys are filled in once it has one.
    article._prefetched_objects_cache = {
        "tags": [lookups.tag(name) for name in item.tags],
        "key_points": [
            _as_read(KeyPoint, position=i, heading=kp["heading"], body=kp["body"])
            for i, kp in enumerate(item.key_points, start=1)
        ],
        "corrections": sorted((_as_read(Correction, **c) for c in item.corrections), key=lambda c: c.noted_at),
        "figures": [], "related_links": [],
    }
    from search import index as search

    points = article._prefetched_objects_cache["key_points"]
    article._search_document = search.document_row(article, points=points)[1:] if search.is_searchable(article) else None
    return article


def _insert_new(new: list[tuple[ParsedArticle, Article]], result: ImportResult, lookups: _Lookups) -> None:
    """Insert new articles and their parts: a few statements for the whole batch."""
    from search import index as search

    Article.objects.bulk_create([article for _, article in new])
    key_points, tag_links, corrections, documents = [], [], [], []
    for item, article in new:
        lookups.article_ids[article.original_url] = article.pk
        article._loaded_slug = article.slug
        parts = article._prefetched_objects_cache
        for part in parts["key_points"] + parts["corrections"]:
            part.article_id = article.pk
        key_points += [(article.pk, kp.position, kp.heading, kp.body) for kp in parts["key_points"]]
        tag_links += [(article.pk, tag.pk, article.published_at) for tag in parts["tags"]]
        corrections += parts["corrections"]
        if article._search_document is not None:
            documents.append((article.pk, *article._search_document))
        del article._search_document
    insert_rows(KeyPoint, ("article", "position", "heading", "body"), key_points)
    insert_rows(Article.tags.through, ("article", "tag", "published_at"), tag_links)
    if corrections:
        Correction.objects.bulk_create(corrections)
    for item, article in new:
        if item.figures:
            article._prefetched_objects_cache["figures"] = _write_figures(article, item.figures, result, new=True)
    search.insert_documents(documents)
    changes.articles_created([article for _, article in new])


def _as_read(model: type[models.Model], **values) -> models.Model:
    """An instance as the database would return it (Model.from_db): much quicker than keyword arguments."""
    return model.from_db(None, None, [values.get(field.attname) for field in model._meta.concrete_fields])


def _update_article(item: ParsedArticle, article: Article, result: ImportResult, lookups: _Lookups) -> Article:
    previous_slug = article.slug
    for name, value in item.fields.items():
        setattr(article, name, value)
    article.source = lookups.source(item)
    if item.has_reviewed_by:
        article.reviewed_by = lookups.user(item.reviewed_by) if item.reviewed_by else None
    article.category = lookups.category(item.category) if item.category else None
    if "slug" in item.fields:
        lookups.claim_slug(item, item.fields["slug"], previous=previous_slug)
    article.save()
    article.tags.set([lookups.tag(name) for name in item.tags])
    write_key_points(article, item.key_points)
    write_corrections(article, item.corrections)
    _write_figures(article, item.figures, result)
    article._imported_new = False
    return article


def _source(item: ParsedArticle) -> Source:
    kind = item.source_kind or Source.Kind.NEWS
    source, created = Source.objects.get_or_create(name=item.source, defaults={"kind": kind})
    if item.source_kind and not created and source.kind != item.source_kind:
        source.kind = item.source_kind
        source.save(update_fields=["kind"])
    return source


def _write_figures(article: Article, figures: list[dict], result: ImportResult, *, new: bool = False) -> list[Figure]:
    """Write the article's figures in order; returns them."""
    if new and not figures:
        return []
    existing = [] if new else list(article.figures.all())
    written = []
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
        written.append(figure)
    for stale in existing[len(figures):]:
        stale.delete()
    return written


def _write_related(parsed: list[ParsedArticle], written: list[Article], lookups: _Lookups) -> None:
    """Editors' picks, once every article of the file exists (they may point forward)."""
    by_url = {article.original_url: article for article in written}
    links = []
    for item, article in zip(parsed, written):
        if not item.related and article._imported_new:
            continue
        targets: dict[int, str] = {}
        for i, url in enumerate(item.related):
            pk = lookups.article_ids.get(url)
            if pk is None:
                raise InterchangeError(
                    f"article {item.index + 1} ({article.title!r}): field 'related[{i}]': "
                    f"no article has the original URL {shown(url)}"
                )
            if pk == article.pk:
                raise InterchangeError(
                    f"article {item.index + 1} ({article.title!r}): field 'related[{i}]': "
                    "an article cannot be related to itself"
                )
            targets.setdefault(pk, url)
        if article._imported_new:
            picks = [
                RelatedLink(from_article=article, to_article=by_url.get(url) or Article(pk=pk, original_url=url),
                            position=position)
                for position, (pk, url) in enumerate(targets.items(), start=1)
            ]
            article._prefetched_objects_cache["related_links"] = picks
            links += picks
            continue
        current = list(article.related_links.values_list("to_article_id", flat=True))
        if current == list(targets):
            continue
        article.related_links.all().delete()
        RelatedLink.objects.bulk_create(
            RelatedLink(from_article=article, to_article_id=pk, position=i) for i, pk in enumerate(targets, start=1)
        )
    RelatedLink.objects.bulk_create(links, batch_size=BATCH_SIZE)


def _record_revisions(written: list[Article], lookups: _Lookups) -> None:
    from articles import revisions  # imports this module

    new = [article for article in written if article._imported_new]
    if new:
        order = lookups.tag_order()
        for article in new:
            article._prefetched_objects_cache["tags"].sort(key=lambda tag: order[tag.pk])
        revisions.record_created(new)
    revisions.record_many([article.pk for article in written if not article._imported_new])


def _digest_path(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# Export ---------------------------------------------------------------------------------


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
        out.append(story_data(article, image_names=names))
    return {"articles": out}
