"""The JSON interchange format (DESIGN §4): what one article of a file may hold, checked.

An article's key is `original.url`. Each article is checked without
touching the database; the message of a refusal names the article and the
field, as the file spells it.
"""

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.validators import MaxLengthValidator, URLValidator, validate_unicode_slug
from django.utils import timezone

from articles import days, text
from articles.models import Article, Category, Figure, KeyPoint, Source, Tag
from images.checks import validate_image

STATUSES = {choice.value for choice in Article.Status}
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
JSON_TYPES = {bool: "true or false", int: "a number", float: "a number", Decimal: "a number",
              str: "a string", list: "a list", dict: "an object", type(None): "null"}
LIBRARY_KEY = re.compile(r"[0-9a-f]{64}")
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
    has_corrections: bool = True  # False: the file says nothing of corrections (an older file)


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
        if not days.is_story_time(parsed):  # the admin's rule too
            self.fail(path, f"is out of range: {shown(value)} (years {days.EARLIEST_YEAR} to {days.LATEST_YEAR})")
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


def parse_article(
    index: int, raw, base_dir: Path, *, checked_images: dict[str, tuple[Path, str]] | None = None,
) -> ParsedArticle:
    """Check one article of the file without touching the database.

    `checked_images` holds the image files already checked for earlier
    articles of the same file (the path as the file gives it -> the file's
    real path and SHA-256): a file that many figures show is read and
    checked once.
    """
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
        r.length(slug, Article._meta.get_field("slug").max_length, "slug")
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
        figures.append(_parse_figure(r, fig, f"figures[{i}]", base_dir, checked_images))

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
        has_corrections="corrections" in raw,
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


def _parse_figure(
    r: _Reader, fig: dict, path: str, base_dir: Path, checked_images: dict[str, tuple[Path, str]] | None,
) -> dict:
    image = r.string(fig, "image", f"{path}.image", required=True)
    checked = {} if checked_images is None else checked_images
    if image not in checked:
        full_path = _image_file(image, base_dir)
        if full_path is None:
            r.fail(f"{path}.image", f"{UNUSABLE_IMAGE}: {shown(image)}")
        with full_path.open("rb") as fh:
            wrapped = File(fh, name=full_path.name)
            try:
                validate_image(wrapped)
            except ValidationError as exc:
                r.fail(f"{path}.image", " ".join(exc.messages))
        checked[image] = (full_path, _digest_path(full_path))
    full_path, digest = checked[image]
    library_image = r.string(fig, "library_image", f"{path}.library_image").lower()  # optional: old files lack it
    if library_image and not LIBRARY_KEY.fullmatch(library_image):
        r.fail(f"{path}.library_image", "must be a SHA-256: 64 hexadecimal digits")
    parsed = {
        "path": full_path,
        "sha256": digest,
        "library_image": library_image,
        "caption": r.string(fig, "caption", f"{path}.caption"),
        "original_caption": r.string(fig, "original_caption", f"{path}.original_caption"),  # optional: old files lack it
        "credit": r.string(fig, "credit", f"{path}.credit"),
        "alt_text": r.string(fig, "alt", f"{path}.alt"),
        "video_url": r.url(r.string(fig, "video_url", f"{path}.video_url"), f"{path}.video_url"),
    }
    for key, json_key in (("caption", "caption"), ("original_caption", "original_caption"), ("credit", "credit"), ("alt_text", "alt")):
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


def _digest_path(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
