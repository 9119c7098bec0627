"""Import of a file in the interchange format: the whole file, or nothing at all.

The file is checked in full before anything is written (interchange.reading),
then written in one transaction. New articles go in a batch at a time, with
one INSERT per table (COPY on PostgreSQL); articles already in the database
(same original URL) are then saved one by one through articles.stories.save_story,
as an editor's save is, once every new one is in (their editors' picks may point
to new ones). The workflow fields are saved as the file states them.

Figures show images of the media library (images.library). An image the
library already has is not stored again: a figure's `library_image` names
it by the library's key, or its file is the same (the same SHA-256). Any
other image file is stored (re-encoded, with its renditions) once per
import, as a new library image every figure of the file showing it shares.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.core.files import File
from django.db import router, transaction
from django.db.models import prefetch_related_objects

from articles import changes, revisions, stored_html, stories
from articles.models import Article, Correction, Figure, KeyPoint, RelatedLink, Tag
from articles.story_data import StoryParts, write_corrections, write_key_points
from core.bulk import create_all, insert_rows
from images import library
from images import storage as image_files
from images.models import Image
from interchange import preparing
from interchange.lookups import Lookups
from interchange.reading import Progress, check_file
from interchange.schema import MAX_FILE_BYTES, InterchangeError, ParsedArticle, shown
from search import documents as search

BATCH_SIZE = 500  # articles written per round of bulk inserts
# An updated article's parts, read for a batch at once before the saves compare the file with them.
STORED_PARTS = ("tags", "key_points", "figures", "corrections", "related_links")


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
    search_fields: dict | None = None  # a new article's search document (search.document_fields), if searchable
    related: list[int] = field(default_factory=list)  # the ids of its editors' picks, in order


def import_file(path: Path, *, progress: Progress | None = None, max_bytes: int = MAX_FILE_BYTES) -> ImportResult:
    """Import a whole file, or nothing at all; a bad file raises InterchangeError and changes nothing.

    New articles get their stored HTML and search documents from what is
    in memory, made a batch ahead (interchange.preparing: in a second
    process for a large file); the database indexes each batch for search
    on a second thread while the next is written (search.bulk_writes). Image files stored before a failure are
    deleted again.
    """
    parsed = check_file(Path(path), progress=progress, max_bytes=max_bytes)
    result = ImportResult()
    try:
        with (
            preparing.ahead(parsed, BATCH_SIZE) as prepared, changes.batched(), search.deferred_indexing(),
            transaction.atomic(), search.bulk_writes(documents=len(parsed)),
        ):
            lookups = Lookups()
            lookups.load_library(parsed)
            written: list[Written] = []
            for start in range(0, len(parsed), BATCH_SIZE):
                written += _write_batch(parsed[start:start + BATCH_SIZE], next(prepared), result, lookups)
                if progress:
                    progress(result.created, len(parsed))
            _resolve_related(written, lookups)
            _write_new_related(written)
            _save_updates([w for w in written if w.parts is None], result, lookups, progress, total=len(parsed))
            _record_first_revisions([w for w in written if w.parts is not None], lookups)
    except Exception:
        storage = Figure._meta.get_field("image").storage
        for name in result.stored_files:
            storage.delete(name)
        raise
    return result


def _write_batch(
    items: list[ParsedArticle], prepared: list[preparing.Prepared], result: ImportResult, lookups: Lookups,
) -> list[Written]:
    """A batch of articles in file order: new ones inserted in bulk, updates made ready to be saved."""
    known = [lookups.article_ids.get(item.fields["original_url"]) for item in items]
    existing = Article.objects.in_bulk([pk for pk in known if pk is not None])
    written, new = [], []
    for item, ready, pk in zip(items, prepared, known):
        if pk is None:
            new.append(_new_article(item, ready, lookups))
            written.append(new[-1])
            result.created += 1
        else:
            written.append(Written(item, _updated_article(item, existing[pk], lookups)))
            result.updated += 1
    if new:
        _insert_new(new, result, lookups)
    return written


def _new_article(item: ParsedArticle, ready: preparing.Prepared, lookups: Lookups) -> Written:
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
    article.fill_derived_fields(from_text=ready.from_text)
    article.version = 1  # its first revision, recorded once the whole file is written
    # Its parts as the database will list them (tags are put in order once the whole file is written).
    parts = StoryParts(
        tags=list(item.tags), key_points=item.key_points, figures=[], related=[],
        corrections=sorted(item.corrections, key=lambda c: c["noted_at"]),
    )
    return Written(item, article, parts, ready.search_fields)


def _insert_new(new: list[Written], result: ImportResult, lookups: Lookups) -> None:
    """Insert new articles and their parts: a few statements for the whole batch."""
    create_all([w.article for w in new])
    key_points, tag_links, corrections, documents = [], [], [], []
    for w in new:
        article, item = w.article, w.item
        lookups.article_ids[article.original_url] = article.pk
        key_points += [
            (article.pk, position, kp["heading"], kp["body"]) for position, kp in enumerate(item.key_points, start=1)
        ]
        tag_links += [(article.pk, lookups.tag(name).pk, article.published_at) for name in item.tags]
        corrections += [Correction(article=article, **c) for c in w.parts.corrections]
        if w.search_fields is not None:
            documents.append(search.document_row(article, fields=w.search_fields))
            w.search_fields = None  # tens of kB a story: the import keeps every Written to its end
    insert_rows(Article.tags.through, ("article", "tag", "published_at"), tag_links)
    # What their pages show of their key points, corrections and figures, written once all are in.
    with stored_html.rendered_once([w.article.pk for w in new]):
        insert_rows(KeyPoint, ("article", "position", "heading", "body"), key_points)
        if corrections:
            Correction.objects.bulk_create(corrections)
        _write_new_figures(new, result, lookups)
    search.insert_documents(documents)
    changes.articles_created([(w.article, [lookups.tag(name).pk for name in w.item.tags]) for w in new])


def _updated_article(item: ParsedArticle, article: Article, lookups: Lookups) -> Article:
    """The article already there with the file's fields, not saved yet; its slug is claimed in file order."""
    previous_slug = article.slug
    for name, value in item.fields.items():
        setattr(article, name, value)
    article.source = lookups.source(item)
    if item.has_reviewed_by:
        article.reviewed_by = lookups.user(item.reviewed_by) if item.reviewed_by else None
    article.category = lookups.category(item.category) if item.category else None
    if "slug" in item.fields:
        lookups.claim_slug(item, item.fields["slug"], previous=previous_slug)
    return article


def _save_updates(
    updates: list[Written], result: ImportResult, lookups: Lookups, progress: Progress | None, *, total: int,
) -> None:
    """Save each updated article with its parts, as one more writer through stories.save_story.

    The parts of a batch are read in a few queries, once its rows are locked
    (as a save locks its row before it writes the parts), so each part step
    compares the file with them without reading them again.
    """
    for start in range(0, len(updates), BATCH_SIZE):
        batch = [w.article for w in updates[start:start + BATCH_SIZE]]
        list(Article.objects.select_for_update().filter(pk__in=[a.pk for a in batch]).values_list("pk", flat=True))
        prefetch_related_objects(batch, *STORED_PARTS)
        for w in updates[start:start + BATCH_SIZE]:
            stories.save_story(w.article, by=None, parts=_update_parts(w, result, lookups), workflow_as_given=True)
        if progress:
            progress(result.created + start + len(batch), total)


def _update_parts(w: Written, result: ImportResult, lookups: Lookups) -> list[stories.StoryPart]:
    """The steps that write an updated article's parts as the file has them, once its row is saved."""
    item = w.item
    parts = [
        lambda article: _write_tags(article, [lookups.tag(name) for name in item.tags]),
        lambda article: write_key_points(article, item.key_points),
    ]
    if item.has_corrections:  # a file without the key keeps the article's corrections, as with every optional field
        parts.append(lambda article: write_corrections(article, item.corrections))
    parts += [
        lambda article: _write_figures(article, item.figures, result, lookups),
        lambda article: _write_related_links(article, w.related),
    ]
    return parts


def _write_tags(article: Article, tags: list[Tag]) -> None:
    if {tag.pk for tag in article.tags.all()} != {tag.pk for tag in tags}:
        article.tags.set(tags)


FIGURE_TEXT = ("caption", "original_caption", "credit", "alt_text", "video_url")
STORED_IMAGE = ("image_item", "image", "width", "height", "renditions", "source_sha256")  # what a figure takes of its library image


def _write_new_figures(new: list[Written], result: ImportResult, lookups: Lookups) -> None:
    """The new articles' figures: an image the library lacks is stored with its figure, the rest in one insert."""
    rows = []
    for w in new:
        w.parts.figures = []
        for position, data in enumerate(w.item.figures, start=1):
            text = {key: data[key] for key in FIGURE_TEXT}
            image = lookups.library_image(data)
            if image is not None:
                figure = Figure.showing(image, article=w.article, position=position, **text)
                rows.append([w.article.pk, position, *text.values(), *(_shown(figure, key) for key in STORED_IMAGE)])
            else:
                figure = Figure(article=w.article, position=position, **text)
                _store_image(figure, data, result, lookups)
            w.parts.figures.append(figure)
    insert_rows(Figure, ("article", "position", *FIGURE_TEXT, *STORED_IMAGE), rows)


def _shown(figure: Figure, key: str):
    return figure.image_item_id if key == "image_item" else figure.image.name if key == "image" else getattr(figure, key)


def _write_figures(article: Article, figures: list[dict], result: ImportResult, lookups: Lookups) -> None:
    """Write an updated article's figures in order; an image is stored again only when its file changed."""
    existing = list(article.figures.all())
    for position, data in enumerate(figures, start=1):
        figure = existing[position - 1] if position <= len(existing) else Figure(article=article)
        wanted = {"position": position, **{key: data[key] for key in FIGURE_TEXT}}
        same_file = bool(figure.image) and figure.source_sha256 in {data["sha256"], data["library_image"]}
        if same_file and all(getattr(figure, key) == value for key, value in wanted.items()):
            continue  # a re-import of the same figure writes nothing
        image = None if same_file else lookups.library_image(data)
        for key, value in wanted.items():
            setattr(figure, key, value)
        if image is not None:
            figure.show(image)
        if same_file or image is not None:
            figure.save()
        else:
            _store_image(figure, data, result, lookups)
    for stale in existing[len(figures):]:
        stale.delete()


def _store_image(figure: Figure, data: dict, result: ImportResult, lookups: Lookups) -> None:
    """Save `figure` on a new library image of the file `data` names, re-encoded, with its renditions."""
    with data["path"].open("rb") as fh:
        image = library.add_upload(
            File(fh, name=data["path"].name), sha256=data["library_image"],
            **{key: data[key] for key in library.REMEMBERED},
        )
    if not image.renditions:
        # Made now rather than by the job after the commit: every figure of the file showing the
        # image is then written with them, where the job would write the stored parts of each
        # story showing it again.
        image.renditions = image_files.rebuild_renditions(image.file, using=router.db_for_write(Image, instance=image))
        image.save(update_fields=["renditions"])
    figure.show(image)
    figure.save()
    result.stored_files.extend(image.files())
    lookups.add_library_image(image, data)


def _resolve_related(written: list[Written], lookups: Lookups) -> None:
    """Each article's editors' picks by id, once every article of the file exists (they may point forward).

    All are checked, in file order, before any is written.
    """
    for w in written:
        if not w.item.related:
            continue
        targets = _related(w.item, w.article, lookups)
        w.related = list(targets)
        if w.parts is not None:
            w.parts.related = list(targets.values())


def _write_new_related(written: list[Written]) -> None:
    """The new articles' editors' picks, in one round of inserts."""
    RelatedLink.objects.bulk_create(
        (
            RelatedLink(from_article=w.article, to_article_id=pk, position=position)
            for w in written if w.parts is not None
            for position, pk in enumerate(w.related, start=1)
        ),
        batch_size=BATCH_SIZE,
    )


def _write_related_links(article: Article, targets: list[int]) -> None:
    """An updated article's editors' picks, rewritten only when they changed."""
    if [link.to_article_id for link in article.related_links.all()] == targets:
        return
    article.related_links.all().delete()
    RelatedLink.objects.bulk_create(
        RelatedLink(from_article=article, to_article_id=pk, position=i) for i, pk in enumerate(targets, start=1)
    )


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


def _record_first_revisions(new: list[Written], lookups: Lookups) -> None:
    """The first revision of each new article, from its parts in memory (an update keeps its own as it is saved)."""
    if not new:
        return
    order = lookups.tag_order()
    for w in new:
        w.parts.tags.sort(key=lambda name: order[lookups.tags[name].pk])
    revisions.record_created([w.article for w in new], {w.article.pk: w.parts for w in new})
