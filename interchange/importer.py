"""Import of a file in the interchange format: the whole file, or nothing at all.

The file is checked in full before anything is written (interchange.reading),
then written in one transaction. New articles go in a batch at a time, with
one INSERT per table (COPY on PostgreSQL); articles already in the database
(same original URL) are updated one by one, as an editor's save would.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from django.core.files import File
from django.db import transaction

from articles import changes, revisions
from articles.models import Article, Correction, Figure, KeyPoint, RelatedLink
from articles.story_data import StoryParts, write_corrections, write_key_points
from core.bulk import insert_rows
from interchange.lookups import Lookups
from interchange.reading import Progress, check_file
from interchange.schema import MAX_FILE_BYTES, InterchangeError, ParsedArticle, shown
from search import documents as search

BATCH_SIZE = 500  # articles written per round of bulk inserts


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    stored_files: list[str] = field(default_factory=list)


@dataclass
class Written:
    """An article of the file as written, beside what the file said of it."""

    item: ParsedArticle
    article: Article
    parts: StoryParts | None = None  # a new article's parts, inserted in bulk with it; None: saved over one


class SearchPoint(NamedTuple):
    """A key point as the search document reads it, before it is in the database."""

    heading: str
    body: str


def import_file(path: Path, *, progress: Progress | None = None, max_bytes: int = MAX_FILE_BYTES) -> ImportResult:
    """Import a whole file, or nothing at all; a bad file raises InterchangeError and changes nothing.

    New articles get their search documents from what is in memory; SQLite
    indexes each batch for search on a second thread while the next is
    prepared (search.bulk_writes). Image files stored before a failure are
    deleted again.
    """
    parsed = check_file(Path(path), progress=progress, max_bytes=max_bytes)
    result = ImportResult()
    try:
        with (
            changes.batched(), search.deferred_indexing(), transaction.atomic(),
            search.bulk_writes(documents=len(parsed)),
        ):
            lookups = Lookups()
            written: list[Written] = []
            for start in range(0, len(parsed), BATCH_SIZE):
                written += _write_batch(parsed[start:start + BATCH_SIZE], result, lookups)
                if progress:
                    progress(len(written), len(parsed))
            _write_related(written, lookups)
            _record_revisions(written, lookups)
    except Exception:
        storage = Figure._meta.get_field("image").storage
        for name in result.stored_files:
            storage.delete(name)
        raise
    return result


def _write_batch(items: list[ParsedArticle], result: ImportResult, lookups: Lookups) -> list[Written]:
    """Write a batch of articles in file order: updates one by one, new ones in bulk at the end."""
    known = [lookups.article_ids.get(item.fields["original_url"]) for item in items]
    existing = Article.objects.in_bulk([pk for pk in known if pk is not None])
    written, new = [], []
    for item, pk in zip(items, known):
        if pk is None:
            new.append(_new_article(item, lookups))
            written.append(new[-1])
            result.created += 1
        else:
            written.append(Written(item, _update_article(item, existing[pk], result, lookups)))
            result.updated += 1
    if new:
        _insert_new(new, result, lookups)
    return written


def _new_article(item: ParsedArticle, lookups: Lookups) -> Written:
    """The unsaved article, with everything Article.save() would fill in, and its parts."""
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
    # Its parts as the database will list them (tags are put in order once the whole file is written).
    parts = StoryParts(
        tags=list(item.tags), key_points=item.key_points, figures=[], related=[],
        corrections=sorted(item.corrections, key=lambda c: c["noted_at"]),
    )
    return Written(item, article, parts)


def _insert_new(new: list[Written], result: ImportResult, lookups: Lookups) -> None:
    """Insert new articles and their parts: a few statements for the whole batch."""
    Article.objects.bulk_create([w.article for w in new])
    key_points, tag_links, corrections, documents = [], [], [], []
    for w in new:
        article, item = w.article, w.item
        lookups.article_ids[article.original_url] = article.pk
        key_points += [
            (article.pk, position, kp["heading"], kp["body"]) for position, kp in enumerate(item.key_points, start=1)
        ]
        tag_links += [(article.pk, lookups.tag(name).pk, article.published_at) for name in item.tags]
        corrections += [Correction(article=article, **c) for c in w.parts.corrections]
        if search.is_searchable(article):
            points = [SearchPoint(kp["heading"], kp["body"]) for kp in item.key_points]
            documents.append(search.document_row(article, points=points))
    insert_rows(KeyPoint, ("article", "position", "heading", "body"), key_points)
    insert_rows(Article.tags.through, ("article", "tag", "published_at"), tag_links)
    if corrections:
        Correction.objects.bulk_create(corrections)
    for w in new:
        w.parts.figures = _write_figures(w.article, w.item.figures, result, new=True)
    search.insert_documents(documents)
    changes.articles_created([w.article for w in new])


def _update_article(item: ParsedArticle, article: Article, result: ImportResult, lookups: Lookups) -> Article:
    """Save the file's story over the article already there, as an editor's save would."""
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
    if item.has_corrections:  # a file without the key keeps the article's corrections, as with every optional field
        write_corrections(article, item.corrections)
    _write_figures(article, item.figures, result)
    return article


def _write_figures(article: Article, figures: list[dict], result: ImportResult, *, new: bool = False) -> list[Figure]:
    """Write the article's figures in order, returning them; an image is stored again only when its file changed."""
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


def _write_related(written: list[Written], lookups: Lookups) -> None:
    """Editors' picks, once every article of the file exists (they may point forward)."""
    links = []
    for w in written:
        item, article = w.item, w.article
        if not item.related and w.parts is not None:
            continue
        targets = _related(item, article, lookups)
        if w.parts is not None:
            links += [
                RelatedLink(from_article=article, to_article_id=pk, position=position)
                for position, pk in enumerate(targets, start=1)
            ]
            w.parts.related = list(targets.values())
            continue
        current = list(article.related_links.values_list("to_article_id", flat=True))
        if current == list(targets):
            continue
        article.related_links.all().delete()
        RelatedLink.objects.bulk_create(
            RelatedLink(from_article=article, to_article_id=pk, position=i) for i, pk in enumerate(targets, start=1)
        )
    RelatedLink.objects.bulk_create(links, batch_size=BATCH_SIZE)


def _related(item: ParsedArticle, article: Article, lookups: Lookups) -> dict[int, str]:
    """The articles the file's `related` URLs name, in order, each once: id -> original URL."""
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
    return targets


def _record_revisions(written: list[Written], lookups: Lookups) -> None:
    """The first revision of each new article, from its parts in memory; a new one for each update that changed."""
    new = [w for w in written if w.parts is not None]
    if new:
        order = lookups.tag_order()
        for w in new:
            w.parts.tags.sort(key=lambda name: order[lookups.tags[name].pk])
        revisions.record_created([w.article for w in new], {w.article.pk: w.parts for w in new})
    revisions.record_many([w.article.pk for w in written if w.parts is None])
