"""Full-text search over what readers can see, for Japanese and English.

Japanese has no spaces, so matching is by substring: 失敗 is found inside
「xAIを失敗と断じた」. Every whitespace-separated term must appear in one
of the article's parts (title, lead, key points, body, original);
results rank title matches first, then lead and key points, then body,
then the original, then newest first. The same rules run on SQLite and
PostgreSQL; only the index that narrows the candidates differs:

- SQLite: FTS5 with the trigram tokenizer, for terms of 3+ characters.
  Trigram FTS cannot see shorter terms, so those search the document
  table directly (a scan, bounded by the number of published articles).
- PostgreSQL: pg_trgm GIN indexes on the columns, which serve `contains`
  (LIKE '%…%'); 1–2 character terms still answer correctly, without the index.

The index stores case-folded text and queries are case-folded the same way,
so matching is a plain LIKE everywhere (no UPPER() over every row).
"""

import re
import threading
import unicodedata
from collections.abc import Sequence
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article, SearchDocument
from core.bulk import insert_rows

FIELDS = ("title", "lead", "key_points", "body", "original")
WEIGHTS = {"title": 16, "lead": 8, "key_points": 8, "body": 4, "original": 2}
MAX_TERMS = 8
MAX_RESULTS = 1000
MAX_TERM_LENGTH = 100
TRIGRAM = 3

_FIGURE_MARKER = re.compile(r"\[\[figure:\d+\]\]")
# Every "[" is matched as far as a link from it could reach; what is not a link is kept as it is.
# No "[" inside that stretch could start a link either, and scanning on from each of them would
# take quadratic time on "[[[[…" or "[a](" repeated.
_LINK = re.compile(r"\[([^\]]*)(?:\]\([^)]*(\))?)?")
_MARKUP = re.compile(r"(^|\s)(#{1,6}|>|[-*+]|\d+\.)\s|[*_`~]+", re.MULTILINE)
# A character every _MARKUP match needs: text without any has nothing to strip (the common case, quickly).
_MARKUP_CHARS = re.compile(r"[#>*+_`~-]|\d\.")


def normalize(text: str) -> str:
    """NFKC folds full-width Latin and half-width katakana, so ＡＩ finds AI and ｶﾀｶﾅ finds カタカナ."""
    return unicodedata.normalize("NFKC", text or "")


def plain(markdown_text: str) -> str:
    text = _FIGURE_MARKER.sub(" ", markdown_text or "")
    text = _LINK.sub(_link_text, text)
    if _MARKUP_CHARS.search(text):
        text = _MARKUP.sub(r"\1", text)
    return normalize(" ".join(text.split()))  # whitespace runs as one space, none at the ends


def _link_text(match: re.Match) -> str:
    return match.group(1) if match.group(2) else match.group(0)


def terms(query: str) -> list[str]:
    """The query's terms: normalised, case-folded, de-duplicated, bounded in number and length."""
    words = normalize(query).casefold().split()
    unique = list(dict.fromkeys(w[:MAX_TERM_LENGTH] for w in words if w))
    return unique[:MAX_TERMS]


# Keeping the index in sync ---------------------------------------------------------------


def is_searchable(article: Article) -> bool:
    # Scheduled articles are indexed before their time; queries still go
    # through Article.objects.published(), so readers never see them early.
    return article.status in (Article.Status.PUBLISHED, Article.Status.SCHEDULED)


def index_article(article_id: int) -> None:
    """Bring one article's search document up to date (or remove it)."""
    article = (
        Article.objects.filter(pk=article_id).select_related("source").prefetch_related("key_points").first()
    )
    if article is None or not is_searchable(article):
        SearchDocument.objects.filter(article_id=article_id).delete()
        return
    if _bulk.get() is not None:  # the FTS index is fed by insert_documents only
        SearchDocument.objects.filter(article_id=article_id).delete()
        insert_documents([document_row(article)])
        return
    SearchDocument.objects.update_or_create(article_id=article_id, defaults=document_fields(article))


def display_fields(article: Article, *, key_points: bool = True, points: list | None = None) -> dict:
    """The article's searchable parts as plain text, as readers see them.

    `points` are its key points when they are not (yet) in the database.
    """
    fields = {
        "title": normalize(article.title),
        "lead": plain(article.lead),
        "body": plain(article.body),
        "original": " ".join(filter(None, [normalize(article.original_title), plain(article.original_body)])),
    }
    if key_points:
        points = article.key_points.all() if points is None else points
        fields["key_points"] = " ".join(plain(f"{kp.heading} {kp.body}") for kp in points)
    return fields


def document_fields(article: Article, *, points: list | None = None) -> dict:
    """What the index stores: the parts case-folded, so matching needs no UPPER() at query time."""
    return {name: text.casefold() for name, text in display_fields(article, points=points).items()}


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


# Writing many documents at once ----------------------------------------------------------
#
# On SQLite a trigger copies each new document into the FTS5 index. FTS5 gathers new
# entries in memory and writes them out as a segment, to be merged with the others later,
# when they pass its hash size (1 MB) and whenever a statement opens a savepoint, which
# a trigger's statement does: fed by the trigger, every article costs a segment of its
# own. For many documents at once the index is fed directly instead, a batch at a time,
# with room in memory for the whole batch: half the work. And that work (tokenizing,
# in SQLite's C code, which lets go of Python's lock) runs on a second thread while the
# writing thread prepares the next batch in Python.

FTS_DEFAULT_HASH_SIZE = 1024 * 1024
FTS_BULK_HASH_SIZE = 64 * 1024 * 1024
FTS_INSERT_TRIGGER = "articles_search_ai"
BULK_THRESHOLD = 100  # documents: fewer are written the ordinary way


class _Feeder:
    """Feeds the FTS index on a second thread, one batch at a time.

    The two threads never use the connection at once: every statement of the
    writing thread first waits for the feed in progress (an execute wrapper).
    """

    # One statement for the whole batch, which runs without Python's lock from start to end;
    # a statement a row would need the lock back after each row, and wait for it.
    SQL = "INSERT INTO articles_search_fts (rowid, {0}) SELECT article_id, {0} FROM {1} WHERE article_id IN ({{}})".format(  # nosec B608 # table and column names are constants; ids are bound
        ", ".join(FIELDS), SearchDocument._meta.db_table,
    )

    def __init__(self, raw_connection):
        self.raw = raw_connection
        self.thread: threading.Thread | None = None
        self.error: BaseException | None = None

    def start(self, article_ids: list[int]) -> None:
        """Index the documents of these articles, just inserted."""
        self.wait()
        self.thread = threading.Thread(target=self._feed, args=(article_ids,), name="newsdesk-fts-feed", daemon=True)
        self.thread.start()

    def _feed(self, article_ids: list[int]) -> None:
        try:
            cursor = self.raw.cursor()
            try:
                cursor.execute(self.SQL.format(", ".join("?" * len(article_ids))), article_ids)
                # A savepoint makes FTS5 write out what it has gathered: here, rather
                # than at the writing thread's next statement that opens one.
                cursor.execute("SAVEPOINT newsdesk_fts_feed")
                cursor.execute("RELEASE newsdesk_fts_feed")
            finally:
                cursor.close()
        except BaseException as exc:  # raised again on the writing thread
            self.error = exc

    def join(self) -> None:
        if self.thread is not None:
            self.thread.join()
            self.thread = None

    def wait(self) -> None:
        self.join()
        if self.error is not None:
            error, self.error = self.error, None
            raise error

    def __call__(self, execute, sql, params, many, context):
        self.wait()
        return execute(sql, params, many, context)


_bulk: ContextVar[_Feeder | None] = ContextVar("newsdesk_search_bulk", default=None)


@contextmanager
def bulk_writes(*, documents: int | None = None):
    """Many search documents written in one transaction (imports, rebuilds).

    Use it inside the atomic block and write documents with `insert_documents`
    (`index_many` and `index_article` do). `documents` is about how many the
    block writes (None: the whole table). On SQLite the FTS insert trigger is
    dropped for the block and created again at its end; on PostgreSQL the
    trigram indexes are, when the block writes enough documents
    (`_trigram_indexes_rebuilt`). Both happen inside the transaction: a block
    that fails leaves the trigger and the indexes as they were once the
    transaction rolls back.
    """
    if connection.vendor == "postgresql":
        with _trigram_indexes_rebuilt(documents):
            yield
        return
    if connection.vendor != "sqlite" or _bulk.get() is not None:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = %s", [FTS_INSERT_TRIGGER])
        (trigger,) = cursor.fetchone()
        cursor.execute(f"DROP TRIGGER {FTS_INSERT_TRIGGER}")  # nosec B608 # a constant name
        _set_fts_hash_size(cursor, FTS_BULK_HASH_SIZE)
    feeder = _Feeder(connection.connection)
    token = _bulk.set(feeder)
    try:
        with connection.execute_wrapper(feeder):
            yield
            feeder.wait()
    finally:
        _bulk.reset(token)
        feeder.join()  # whatever happened, the thread is done with the connection before anything else uses it
    with connection.cursor() as cursor:
        _set_fts_hash_size(cursor, FTS_DEFAULT_HASH_SIZE)
        cursor.execute(trigger)


def _set_fts_hash_size(cursor, size: int) -> None:
    cursor.execute("INSERT INTO articles_search_fts(articles_search_fts, rank) VALUES ('hashsize', %s)", [size])


# On PostgreSQL each document inserted adds a few hundred entries to each of five
# trigram GIN indexes, scattered over indexes that soon outgrow shared buffers: half
# of a 20,000-article import's time, and more the larger the table. Building an index
# from the table sorts its entries and writes it in order, about three times quicker.
# But a build reads every document, the old ones too, so it pays only when the block
# writes at least as many documents as the table already holds (a first import, a
# re-index of everything), and at least BULK_THRESHOLD. (A larger maintenance_work_mem
# does not make the build quicker: the body's index of 100,000 documents took 35 s
# with the default 64 MB, 38 s with 512 MB.)
#
# Dropping an index locks its table until the transaction ends: searches wait for
# such a block to commit, as they would for a migration.

_rebuilding: ContextVar[bool] = ContextVar("newsdesk_search_rebuilding", default=False)


@contextmanager
def _trigram_indexes_rebuilt(documents: int | None):
    """Drop the search table's trigram indexes for the block and build them again at its end."""
    if _rebuilding.get() or not connection.in_atomic_block:  # outside a transaction a failure would lose them
        yield
        return
    with connection.cursor() as cursor:
        indexes = _trigram_indexes(cursor) if _rebuild_pays(cursor, documents) else []
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")  # nosec B608 # a name from the catalog
    token = _rebuilding.set(True)
    try:
        yield
    finally:
        _rebuilding.reset(token)
    if not indexes:
        return
    # CREATE INDEX refuses a table with foreign-key checks still queued (Django's are
    # deferred to the commit): run them now, as the commit would.
    connection.check_constraints()
    with connection.cursor() as cursor:
        for _name, definition in indexes:
            cursor.execute(definition)


def _rebuild_pays(cursor, documents: int | None) -> bool:
    """Whether building the indexes afresh beats adding `documents` to them (None: the whole table)."""
    if documents is None:
        return True
    if documents < BULK_THRESHOLD:
        return False
    cursor.execute(f"SELECT count(*) FROM {SearchDocument._meta.db_table}")  # nosec B608 # a constant name
    return documents >= cursor.fetchone()[0]


def _trigram_indexes(cursor) -> list[tuple[str, str]]:
    """The search table's trigram indexes, (name, CREATE INDEX statement), as the catalog has them."""
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes "
        "WHERE schemaname = current_schema() AND tablename = %s AND indexdef LIKE %s ORDER BY indexname",
        [SearchDocument._meta.db_table, "%gin_trgm_ops%"],
    )
    return cursor.fetchall()


def document_row(article: Article, *, points: list | None = None) -> tuple:
    """An article's search document as a row for `insert_documents`."""
    document = document_fields(article, points=points)
    return (article.pk, *(document[name] for name in FIELDS))


def insert_documents(rows: list[tuple]) -> None:
    """Insert search documents, given as (article id, *FIELDS) rows, in one statement."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        insert_rows(SearchDocument, ("article", *FIELDS), rows)  # with COPY
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {SearchDocument._meta.db_table} (article_id, {', '.join(FIELDS)}) "  # nosec B608 # table and column names are constants; values are bound
            f"VALUES ({', '.join(['%s'] * (len(FIELDS) + 1))})", rows,
        )
    feeder = _bulk.get()
    if feeder is not None:
        feeder.start([row[0] for row in rows])


def rebuild() -> int:
    """Re-index every article from scratch; returns how many are searchable."""
    count = 0
    with transaction.atomic(), bulk_writes():
        SearchDocument.objects.all().delete()
        rows = []
        for article in (
            Article.objects.filter(status__in=(Article.Status.PUBLISHED, Article.Status.SCHEDULED))
            .prefetch_related("key_points").iterator(chunk_size=500)
        ):
            rows.append(document_row(article))
            if len(rows) == 500:
                insert_documents(rows)
                count, rows = count + len(rows), []
        insert_documents(rows)
    return count + len(rows)


# Querying ------------------------------------------------------------------------------


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _term_filter(term: str) -> Q:
    if connection.vendor == "sqlite" and len(term) >= TRIGRAM:
        ids = RawSQL("SELECT rowid FROM articles_search_fts WHERE articles_search_fts MATCH %s", [_fts_phrase(term)])
        return Q(pk__in=ids)
    any_field = Q()
    for field in FIELDS:
        any_field |= Q(**{f"search_document__{field}__contains": term})
    return any_field


def matching(queryset: QuerySet, query: str) -> QuerySet:
    """Articles of `queryset` containing every term of `query`, best first."""
    found = terms(query)
    if not found:
        return queryset.none()
    for term in found:
        queryset = queryset.filter(_term_filter(term))
    score = Value(0, output_field=IntegerField())
    for term in found:
        for field in FIELDS:
            score = score + Case(
                When(**{f"search_document__{field}__contains": term}, then=Value(WEIGHTS[field])),
                default=Value(0), output_field=IntegerField(),
            )
    return queryset.annotate(search_rank=score).order_by("-search_rank", "-published_at", "-id")


class RankedResults(Sequence):
    """Search results as ranked ids (at most MAX_RESULTS), loading articles only for the page shown."""

    def __init__(self, ranked: QuerySet, *, card_queryset: QuerySet):
        self.ids = list(ranked.values_list("pk", flat=True)[:MAX_RESULTS])
        self.card_queryset = card_queryset

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, item):
        if isinstance(item, slice):
            ids = self.ids[item]
            found = self.card_queryset.in_bulk(ids)
            return [found[pk] for pk in ids if pk in found]
        return self[item:item + 1][0]

    def count(self) -> int:
        return len(self.ids)


@dataclass
class Snippet:
    field: str
    html: SafeString


def snippet(article: Article, query: str, *, width: int = 60) -> Snippet | None:
    """A short passage of the article around the first match, with every term marked."""
    found = terms(query)
    if not found:
        return None
    parts = display_fields(article, key_points=False)
    for field in ("body", "lead", "original", "title"):
        text = parts[field]
        folded = text.casefold()
        hits = [h for h in (folded.find(t) for t in found) if h >= 0]
        if not hits:
            continue
        start = max(0, min(hits) - width // 2)
        end = min(len(text), start + width * 2)
        passage = text[start:end]
        # Safe: _mark escapes the passage, adding only <mark>.
        return Snippet(field, mark_safe(("…" if start else "") + _mark(passage, found) + ("…" if end < len(text) else "")))  # nosec B308, B703
    return None


def _mark(text: str, found: list[str]) -> str:
    pattern = re.compile("|".join(re.escape(t) for t in sorted(found, key=len, reverse=True)), re.IGNORECASE)
    out, pos = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[pos:match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        pos = match.end()
    out.append(escape(text[pos:]))
    return "".join(out)


# Signal receivers (connected in apps.py): the index follows every save and delete,
# whichever path made it (admin, import, workflow steps, restore).


def article_saved(sender, instance, **kwargs):
    reindex_soon(instance.pk)


def key_point_changed(sender, instance, origin=None, **kwargs):
    # When a whole article is being deleted its key points go first; its document goes with it.
    if isinstance(origin, Article) or getattr(origin, "model", None) is Article:
        return
    reindex_soon(instance.article_id)
