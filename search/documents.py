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


def document_row(article: Article, *, points: list | None = None) -> tuple:
    """An article's search document as a row for `insert_documents`."""
    document = document_fields(article, points=points)
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
        for start in range(0, len(article_ids), chunk):
            ids = article_ids[start:start + chunk]
            articles = Article.objects.filter(pk__in=ids).prefetch_related("key_points")
            SearchDocument.objects.filter(article_id__in=ids).delete()
            insert_documents([document_row(article) for article in articles if is_searchable(article)])


def rebuild(*, progress: Callable[[int, int], None] | None = None, chunk: int = 500) -> int:
    """Re-index every article from scratch; returns how many are searchable.

    `progress(done, total)` is called after each chunk of `chunk` articles.
    """
    searchable = Article.objects.filter(status__in=(Article.Status.PUBLISHED, Article.Status.SCHEDULED))
    count = 0
    with transaction.atomic(), bulk_writes():
        total = searchable.count()
        delete_all_documents()
        rows = []
        for article in searchable.prefetch_related("key_points").iterator(chunk_size=chunk):
            rows.append(document_row(article))
            if len(rows) == chunk:
                insert_documents(rows)
                count, rows = count + len(rows), []
                if progress is not None:
                    progress(count, total)
        insert_documents(rows)
        count += len(rows)
        if progress is not None and rows:
            progress(count, total)
    return count


# Signal receivers (connected in apps.py): the index follows every save and delete,
# whichever path made it (admin, import, workflow steps, restore).


def article_saved(sender, instance, **kwargs):
    reindex_soon(instance.pk)


def key_point_changed(sender, instance, origin=None, **kwargs):
    # When a whole article is being deleted its key points go first; its document goes with it.
    if isinstance(origin, Article) or getattr(origin, "model", None) is Article:
        return
    reindex_soon(instance.article_id)
