"""What search indexes and keeping it current: one search document per story readers may see.

The receivers (connected in apps.py) re-index a story on every save of it
or its key points, whichever path made it (admin, import, workflow steps,
restore); `deferred_indexing` batches that for code saving many parts at
once, and `rebuild` starts the whole index afresh.
"""

from collections.abc import Callable
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar

from django.db import transaction

from articles.models import Article, SearchDocument

# bulk_writes and insert_documents are this module's API too: the import writes many documents itself.
from search.bulk import BULK_THRESHOLD, bulk_writes, delete_all_documents, feeding, insert_documents
from search.partitions import ensure_partitions
from search.text import CHARACTERS, COLUMNS, FIELDS, PREFIXES, character_words, fold_normalized, index_words, normalize, plain


def is_searchable(article: Article) -> bool:
    # Scheduled articles are indexed before their time; queries still go
    # through Article.objects.published(), so readers never see them early.
    return article.status in (Article.Status.PUBLISHED, Article.Status.SCHEDULED)


def display_fields(article: Article, *, key_points: bool = True, points: list | None = None) -> dict:
    """The article's searchable parts as plain text, as readers see them.

    `points` are its key points when they are not (yet) in the database.
    """
    fields = {name: display_text(article, name) for name in ("title", "lead", "body", "original")}
    if key_points:
        points = article.key_points.all() if points is None else points
        fields["key_points"] = " ".join(plain(f"{kp.heading} {kp.body}") for kp in points)
    return fields


def display_text(article: Article, part: str) -> str:
    """One part of `display_fields` (not the key points): snippets read the parts one by one until a match."""
    if part == "title":
        return normalize(article.title)
    if part == "original":
        return " ".join(filter(None, [normalize(article.original_title), plain(article.original_body)]))
    return plain(getattr(article, part))


def document_fields(article: Article, *, points: list | None = None) -> dict:
    """What the index stores: each part as its words (search.text.index_words), folded, and their characters."""
    folded = {name: fold_normalized(text) for name, text in display_fields(article, points=points).items()}
    document = {name: index_words(text, PREFIXES[name]) for name, text in folded.items()}
    document[CHARACTERS] = " ".join(filter(None, (character_words(folded[name], PREFIXES[name]) for name in FIELDS)))
    return document


def document_row(article: Article, *, points: list | None = None, fields: dict | None = None) -> tuple:
    """An article's search document as a row for `insert_documents`.

    `fields`: its `document_fields`, when they were made before it had an id.
    """
    document = document_fields(article, points=points) if fields is None else fields
    return (article.pk, *(document[name] for name in COLUMNS))


def index_article(article_id: int) -> None:
    """Bring one article's search document up to date (or remove it)."""
    article = (
        Article.objects.filter(pk=article_id).select_related("source").prefetch_related("key_points").first()
    )
    if article is None or not is_searchable(article):
        SearchDocument.objects.filter(article_id=article_id).delete()
        return
    if feeding():  # the FTS index is fed by insert_documents only
        SearchDocument.objects.filter(article_id=article_id).delete()
        insert_documents([document_row(article)])
        return
    ensure_partitions([article_id])
    SearchDocument.objects.update_or_create(article_id=article_id, defaults=document_fields(article))


_deferred: ContextVar[set | None] = ContextVar("newsdesk_search_deferred", default=None)


def reindex_soon(article_id: int) -> None:
    """Re-index now, or once at the end of the surrounding `deferred_indexing()` block."""
    pending = _deferred.get()
    if pending is None:
        index_article(article_id)
    else:
        pending.add(article_id)


@contextmanager
def deferred_indexing():
    """Batch re-indexing for code that saves an article and its parts many times (admin, import)."""
    if _deferred.get() is not None:
        yield
        return
    pending: set[int] = set()
    token = _deferred.set(pending)
    try:
        yield
    finally:
        _deferred.reset(token)
    index_many(sorted(pending))


def index_many(article_ids: list[int], *, chunk: int = 500) -> None:
    """`index_article` for many articles, in a few queries per chunk."""
    many = len(article_ids) >= BULK_THRESHOLD
    with transaction.atomic(), (bulk_writes(documents=len(article_ids)) if many else nullcontext()):
        _write_documents(article_ids, chunk, replace=True)


def rebuild(*, progress: Callable[[int, int], None] | None = None, chunk: int = 500) -> int:
    """Re-index every article from scratch; returns how many are searchable.

    `progress(done, total)` is called after each chunk of `chunk` articles.
    """
    searchable = Article.objects.filter(status__in=(Article.Status.PUBLISHED, Article.Status.SCHEDULED))
    with transaction.atomic(), bulk_writes():
        ids = list(searchable.order_by("pk").values_list("pk", flat=True))
        delete_all_documents()
        return _write_documents(ids, chunk, replace=False, progress=progress)


def _write_documents(article_ids: list[int], chunk: int, *, replace: bool,
                     progress: Callable[[int, int], None] | None = None) -> int:
    """Write the search documents of these articles (`replace`: in place of those they have), a chunk at a time.

    Each chunk's articles are read before the chunk before is handed to the
    engine, so that their documents are made while it indexes that one (on
    its second thread inside `bulk_writes`). Returns how many were searchable;
    `progress(done, total)` follows each chunk.
    """
    chunks = [article_ids[start:start + chunk] for start in range(0, len(article_ids), chunk)]
    loaded = _with_key_points(chunks[0]) if chunks else []
    done = 0
    for n, ids in enumerate(chunks):
        rows = [document_row(article) for article in loaded if is_searchable(article)]
        loaded = _with_key_points(chunks[n + 1]) if n + 1 < len(chunks) else []
        if replace:
            SearchDocument.objects.filter(article_id__in=ids).delete()
        insert_documents(rows)
        done += len(rows)
        if progress is not None:
            progress(done, len(article_ids))
    return done


def _with_key_points(article_ids: list[int]) -> list[Article]:
    return list(Article.objects.filter(pk__in=article_ids).prefetch_related("key_points"))


# Signal receivers (connected in apps.py): the index follows every save and delete,
# whichever path made it (admin, import, workflow steps, restore).


def article_saved(sender, instance, **kwargs):
    reindex_soon(instance.pk)


def key_point_changed(sender, instance, origin=None, **kwargs):
    # When a whole article is being deleted its key points go first; its document goes with it.
    if isinstance(origin, Article) or getattr(origin, "model", None) is Article:
        return
    reindex_soon(instance.article_id)
