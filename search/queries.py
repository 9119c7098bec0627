"""Finding stories: a query's terms, matching and ranking, results a page at a time, snippets.

Japanese has no spaces, so matching is by substring: 失敗 is found inside
「xAIを失敗と断じた」. The index holds each part's bigrams and Latin words
(search.text): a term is found as its words one after the other (a
phrase), a 1-character term by the part's characters (or, after Latin,
as the start of a bigram), on both engines:

- SQLite: the FTS5 table `articles_search_fts` (unicode61 over the words).
- PostgreSQL: the generated `tsvector` column `bigrams` under a GIN index,
  queried with a `tsquery` written out word by word (no parser between).

Every whitespace-separated term must appear in one of the article's parts.
Ranking adds, for each term, the weights of the parts it is in: title 16,
lead or key points 8, body 4, original 2; a query of several terms that
also appears as one phrase (半導体 規制 as 半導体規制, interest rates as
written) scores that phrase again, so it ranks above the same terms
scattered. Equal scores: newest first. Scoring never reads the documents'
text: it asks the index, one lookup per term, part and range of ids (on
PostgreSQL, when a phrase needs its words' positions, each ranked story's
vector is read once instead: `_PostgreSQL.scores`).

The search page ranks through `ranked`, which keeps a very common term's
work bounded: when more than `settings.NEWSDESK_SEARCH_RANKED` stories
match, it ranks only the newest that many (found newest first, in a
window of recent stories widened until it holds them), and says so.
"""

import json
import re
from collections.abc import Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Case, Count, IntegerField, Max, Min, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article
from search.documents import display_text
from search.partitions import PARTITION_KEY
from search.text import PREFIXES, Pattern, fold, fold_in_place, pattern

# The parts a term is scored by, with their weight, and the index columns each reads.
WEIGHTS = {"title": 16, "head": 8, "body": 4, "original": 2}
GROUPS = {"title": ("title",), "head": ("lead", "key_points"), "body": ("body",), "original": ("original",)}
EVERY_PART = tuple(PREFIXES)
MAX_TERMS = 8
MAX_TERM_LENGTH = 100
# The first window `ranked` looks for the newest matches in, as a multiple of the stories it ranks,
# and how much it widens when the window holds none (with some, to what their share says is enough).
FIRST_WINDOW = 2
WIDENING = 8
# Terms matching up to this many times the stories ranked are looked up whole: a window must widen to most
# of the archive to hold `limit` matches of a term only a few times as common (1% of 100,000 stories).
WHOLE_LOOKUP = 8


def terms(query: str) -> list[str]:
    """The query's terms: folded (search.text.fold), de-duplicated, bounded in number and length."""
    words = fold(query).split()
    unique = list(dict.fromkeys(w[:MAX_TERM_LENGTH] for w in words if w))
    return unique[:MAX_TERMS]


def _joined(found: list[str]) -> str:
    """The terms as one phrase: Japanese next to Japanese without a space (半導体 規制 → 半導体規制)."""
    out = found[0]
    for term in found[1:]:
        japanese = out[-1] >= "\u2e80" and term[0] >= "\u2e80"
        out += term if japanese else " " + term
    return out


class _Engine:
    """What both engines do alike, from each one's `MATCHING` statement and its `ID` column."""

    MATCHING: str
    ID: str

    @classmethod
    def ids(cls, expression: str) -> RawSQL:
        # Safe: MATCHING is each engine's constant statement; the reader's terms go in as a parameter.
        return RawSQL(cls.MATCHING, [expression])  # nosec B611

    @classmethod
    def matches(cls, expression: str, between: tuple[int, int] | None = None, limit: int | None = None) -> list[int]:
        """The ids matching; `between`: only those ids; `limit`: at most that many."""
        sql, params = cls.MATCHING, [expression]
        if between is not None:
            sql, params = cls.in_range(sql, params, between)
        if limit is not None:
            sql, params = sql + " LIMIT %s", [*params, limit]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]

    @classmethod
    def in_range(cls, sql: str, params: list, between: tuple[int, int]) -> tuple[str, list]:
        return f"{sql} AND {cls.ID} BETWEEN %s AND %s", [*params, *between]

    @classmethod
    def scores(cls, ids: list[int], weighed: list[tuple[str, int]], scopes: list,
               phrases: str | None = None) -> dict[int, int]:
        """Each of `ids`, with the weights of the `weighed` expressions it matches added up.

        One index lookup per expression, narrowed to the `scopes` ((also, ids' range): an expression a story
        must match too, and the range of ids to look in), as FTS5 reads its lists from the first id asked to
        the last. The `ids` hold every term as written already (`phrases` is for PostgreSQL's candidates).
        """
        score = dict.fromkeys(ids, 0)
        with cls.lookups():
            for expression, weight in weighed:
                holding = set()
                for also, between in scopes:
                    holding.update(cls.matches(cls.all_of([also, expression]) if also else expression, between))
                for pk in holding.intersection(score):
                    score[pk] += weight
        return score


class _SQLite(_Engine):
    """FTS5 queries: a phrase of words per part, `*` after it for a prefix."""

    @staticmethod
    def phrase(found: Pattern, parts: tuple[str, ...], *, exact: bool = True) -> str:
        def one(part: str) -> str:
            words, prefix = found.part_words(part)
            return '"' + " ".join(words) + '"' + (" *" if prefix else "")

        return " OR ".join(one(part) for part in parts)

    @staticmethod
    def all_of(expressions: list[str]) -> str:
        return " AND ".join(f"({e})" for e in expressions)

    # FTS5 reads a phrase's positions from its own lists, cheaply: candidates are found by the phrase itself.
    candidates_exact = True

    # The ids matching an expression (FTS5 reads its lists from the first id asked to the last).
    MATCHING, ID = "SELECT rowid FROM articles_search_fts WHERE articles_search_fts MATCH %s", "rowid"

    @staticmethod
    def among(ids: list[int]) -> RawSQL:
        return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)])

    lookups = staticmethod(nullcontext)


class _PostgreSQL(_Engine):
    """tsquery text: words joined by <-> (one after the other), `:*` after a prefix.

    Candidates and a term's weight in a part (`exact=False`) join them by &
    instead: the GIN index answers that alone, where a phrase needs every
    candidate's positions read from the table; among documents already
    matched, the two rarely differ.
    """

    # How a tsquery says "followed by": an expression holding it needs the words' positions.
    FOLLOWED_BY = " <-> "

    @staticmethod
    def phrase(found: Pattern, parts: tuple[str, ...], *, exact: bool = True) -> str:
        joiner = _PostgreSQL.FOLLOWED_BY if exact else " & "

        def one(part: str) -> str:
            words, prefix = found.part_words(part)
            lexemes = [_lexeme(word) for word in words]
            if prefix:
                lexemes[-1] += ":*"
            return "(" + joiner.join(lexemes) + ")"

        return " | ".join(one(part) for part in parts)

    @staticmethod
    def all_of(expressions: list[str]) -> str:
        return " & ".join(f"({e})" for e in expressions)

    # A phrase's positions are in each document's vector, in the table: reading them costs a vector's
    # decompression per story, so candidates are found by their words (the GIN index alone) and
    # only the stories ranked are checked for the phrase (`scores`).
    candidates_exact = False

    # The ids matching an expression (`matches` runs inside `lookups()`).
    MATCHING, ID = "SELECT article_id FROM articles_searchdocument WHERE bigrams @@ %s::tsquery", "article_id"

    @classmethod
    def in_range(cls, sql: str, params: list, between: tuple[int, int]) -> tuple[str, list]:
        """The range by the partitions' key (search.partitions): only the partitions it reaches are read,
        through their GIN indexes, and the range is never looked up in their primary keys."""
        return f"{sql} AND {PARTITION_KEY} BETWEEN %s AND %s", [*params, *between]

    @classmethod
    def scores(cls, ids: list[int], weighed: list[tuple[str, int]], scopes: list,
               phrases: str | None = None) -> dict[int, int]:
        """Those of `ids` whose vector matches `phrases` (the terms as written, when a term is several words
        or there are several terms), with the weights of the `weighed` expressions each matches added up.

        Phrases need positions, which are in each story's vector (a decompression of tens of kB each): the
        vectors of the stories ranked are read once, for the phrases and the expressions that are phrases
        themselves (the terms as one phrase). The other expressions (a term's words in a part) are GIN
        lookups narrowed to the scopes' ranges, which read only their partitions' lists (search.partitions):
        asked of the vectors too, they doubled the statement's time (100,000 stories, 2,000 ranked: 19 ms
        for the phrases alone, 43 with four expressions more).
        """
        if phrases is None:
            return super().scores(ids, weighed, scopes)
        positional = [(expression, weight) for expression, weight in weighed if cls.FOLLOWED_BY in expression]
        score = cls._from_vectors(ids, positional, phrases)
        by_index = [(expression, weight) for expression, weight in weighed if cls.FOLLOWED_BY not in expression]
        if score and by_index:
            for pk, weight in super().scores(list(score), by_index, scopes).items():
                score[pk] += weight
        return score

    @staticmethod
    def _from_vectors(ids: list[int], weighed: list[tuple[str, int]], phrases: str) -> dict[int, int]:
        """Those of `ids` whose vector matches `phrases`, with the weights of the `weighed` expressions each
        matches, from one read of their vectors. The documents are fetched by id first (a fence the planner
        keeps): left to it, it rechecks every document the GIN index holds the words of."""
        columns = ", ".join(["article_id", *["(bigrams @@ %s::tsquery)"] * len(weighed)])
        # The ids' range names the partitions to look in (search.partitions).
        sql = ("WITH ranked AS MATERIALIZED (SELECT article_id, bigrams FROM articles_searchdocument "
               f"WHERE article_id = ANY(%s) AND {PARTITION_KEY} BETWEEN %s AND %s) "
               f"SELECT {columns} FROM ranked WHERE bigrams @@ %s::tsquery")  # nosec B608 # constant placeholders; the expressions are bound
        with connection.cursor() as cursor:
            cursor.execute(
                sql,
                [ids, min(ids), max(ids), *(expression for expression, _weight in weighed), phrases],
            )
            weights = [weight for _expression, weight in weighed]
            return {row[0]: sum(w for w, matched in zip(weights, row[1:]) if matched) for row in cursor.fetchall()}

    @staticmethod
    def among(ids: list[int]) -> RawSQL:
        return RawSQL("SELECT unnest(%s::bigint[])", [ids])

    @staticmethod
    @contextmanager
    def lookups():
        """Index lookups planned for their own values, through the GIN index.

        Prepared statements (settings: psycopg prepares a statement run five
        times) may get a plan made without the values; and given a range of
        ids the planner walks the primary key and tests each document's
        vector (a decompression each, 0.05–0.3 ms) instead of intersecting
        the GIN index's answer with the range. On a small archive it reads
        every vector too (a sequential scan: the table's rows hold only
        pointers to their vectors, so it looks cheap). All three are turned
        off while the lookups run, in a transaction (or savepoint) of their own.
        """
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL plan_cache_mode = force_custom_plan")
            cursor.execute("SET LOCAL enable_indexscan = off")
            cursor.execute("SET LOCAL enable_seqscan = off")
            try:
                yield
            finally:
                cursor.execute("SET LOCAL plan_cache_mode TO DEFAULT")
                cursor.execute("SET LOCAL enable_indexscan TO DEFAULT")
                cursor.execute("SET LOCAL enable_seqscan TO DEFAULT")


def _lexeme(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def _engine():
    return _PostgreSQL if connection.vendor == "postgresql" else _SQLite


def _patterns(query: str) -> tuple[list[str], list[Pattern]]:
    found = terms(query)
    return found, [p for p in (pattern(term) for term in found) if p]


def matching(queryset: QuerySet, query: str) -> QuerySet:
    """Articles of `queryset` containing every term of `query`, best first (every match ranked: see `ranked`)."""
    found, patterns = _patterns(query)
    if not patterns:
        return queryset.none()
    engine = _engine()
    queryset = queryset.filter(pk__in=engine.ids(_every_term(engine, patterns)))
    return _scored(queryset, engine, found, patterns).order_by("-search_rank", "-published_at", "-id")


def _every_term(engine, patterns: list[Pattern], parts: tuple[str, ...] = EVERY_PART, *, exact: bool = True) -> str:
    return engine.all_of([engine.phrase(p, parts, exact=exact) for p in patterns])


def _weighed(engine, found: list[str], patterns: list[Pattern]):
    """(index expression, weight) for each term and group of parts, and for the whole phrase of several
    terms (the phrase itself, not its words anywhere in the part)."""
    scored = [(p, False) for p in patterns]
    if len(patterns) > 1:
        whole = pattern(_joined(found))
        if whole:
            scored.append((whole, True))
    for scored_pattern, exact in scored:
        for group, parts in GROUPS.items():
            yield engine.phrase(scored_pattern, parts, exact=exact), WEIGHTS[group]


def _scored(queryset: QuerySet, engine, found: list[str], patterns: list[Pattern]) -> QuerySet:
    """`queryset` annotated with `search_rank`: each term's weight in each part; the whole phrase again."""
    score = Value(0, output_field=IntegerField())
    for expression, weight in _weighed(engine, found, patterns):
        score = score + Case(
            When(pk__in=engine.ids(expression), then=Value(weight)), default=Value(0), output_field=IntegerField(),
        )
    return queryset.annotate(search_rank=score)


@dataclass
class Ranking:
    """The ids of the stories found, best first; `complete` unless more matched than were ranked."""

    ids: list[int]
    complete: bool


def ranked(listed: QuerySet, query: str, *, limit: int | None = None) -> Ranking:
    """The stories of `listed` (a filtered list) holding every term of `query`, ranked as `matching` ranks.

    When at most `limit` (settings.NEWSDESK_SEARCH_RANKED) match, all are
    ranked, exactly as `matching` ranks them. When more match, the ranking
    is of the newest `limit` matches and the newest `limit` holding every
    term in the title (the best a very common term can give), and says it
    is not complete: a very common term (市, 規制) costs about `limit`
    stories' work, not the archive's. Scoring is of the stories ranked
    only (`_Engine.scores`).
    """
    limit = limit or settings.NEWSDESK_SEARCH_RANKED
    found, patterns, engine, newest = _newest_anywhere(listed, query, limit)
    if not patterns:
        return Ranking([], complete=True)
    complete = len(newest) <= limit
    published = dict(newest[:limit])  # id: publication time
    # Each part's index lookup is narrowed to the stories ranked: the ids' range of the newest …
    scopes = [(None, (min(published), max(published)))] if published else []
    if not complete:
        titled = _newest_matches(listed, engine, patterns, ("title",), limit)[:limit]
        published.update(titled)
        # … and, for the title matches kept (anywhere in the archive), the stories the title's words are in,
        # within those matches' ids' range: a term in 5% of titles is in 5,000 of 100,000 stories, ranked 1,000.
        if titled:
            title_ids = [pk for pk, _time in titled]
            scopes.append((_every_term(engine, patterns, ("title",), exact=False), (min(title_ids), max(title_ids))))
    if not published:
        return Ranking([], complete=complete)
    score = engine.scores(list(published), list(_weighed(engine, found, patterns)), scopes,
                          _phrases_to_check(engine, patterns))
    published = {pk: time for pk, time in published.items() if pk in score}
    ids = sorted(published, key=lambda pk: (score[pk], published[pk], pk), reverse=True)
    return Ranking(ids, complete=complete)


def newest(listed: QuerySet, query: str, *, limit: int | None = None) -> Ranking:
    """The stories of `listed` holding every term of `query`, newest first (what the JSON API's `q` lists).

    All of them when at most `limit` (settings.NEWSDESK_SEARCH_RANKED)
    match; otherwise the newest `limit`, and the ranking says it is not
    complete. Found as `ranked` finds its newest matches, so a very common
    term costs about `limit` stories' work, not the archive's.
    """
    limit = limit or settings.NEWSDESK_SEARCH_RANKED
    _found, patterns, engine, rows = _newest_anywhere(listed, query, limit)
    ids = [pk for pk, _time in rows[:limit]]
    phrases = _phrases_to_check(engine, patterns)
    if ids and phrases:
        holding = engine.scores(ids, [], [], phrases)
        ids = [pk for pk in ids if pk in holding]
    return Ranking(ids, complete=len(rows) <= limit)


def _newest_anywhere(listed: QuerySet, query: str, limit: int) -> tuple[list[str], list[Pattern], type, list]:
    """The query's terms and their patterns, the engine, and the newest `limit` + 1 stories of `listed` holding
    every term in any part (`_newest_matches`; none when no term can be searched)."""
    found, patterns = _patterns(query)
    engine = _engine()
    return found, patterns, engine, _newest_matches(listed, engine, patterns, EVERY_PART, limit) if patterns else []


def _phrases_to_check(engine, patterns: list[Pattern]) -> str | None:
    """On PostgreSQL the candidates hold the terms' words (`candidates_exact`): when a term is several words,
    or there are several terms, the expression that leaves out those not holding each term as written."""
    if engine.candidates_exact or (len(patterns) == 1 and len(patterns[0].words) == 1):
        return None
    return _every_term(engine, patterns)


def _newest_matches(listed: QuerySet, engine, patterns: list[Pattern], parts: tuple[str, ...], limit: int) -> list:
    """The newest `limit` + 1 stories of `listed` holding every term in these parts (or all, if fewer),
    newest first, as (id, publication time as the database gives it: comparable, not converted).

    The terms are looked for among the newest stories of the list first (a
    window its date index gives), in the index only between the window's
    smallest and largest ids. A very common term (市, 規制) is then done
    with one lookup. A window holding few matches says the term is rare:
    it is then looked up in the whole list, once, if it matches at most
    WHOLE_LOOKUP times `limit` stories; otherwise the window is widened (to
    the size the matches it held say is enough) until it holds `limit` + 1
    matches or is the whole list: the same stories as a lookup of the whole
    list, for only as much of the index as the window's ids span. Stories
    written or imported in order of time (either way) have ids close
    together in any window. On PostgreSQL these are the stories holding
    the terms' words (`_PostgreSQL.candidates_exact`).
    """
    expression = _every_term(engine, patterns, parts, exact=engine.candidates_exact)
    size, looked_whole = FIRST_WINDOW * limit, False
    while True:
        # The newest `size` stories as the date index has them (no sort); the window is those strictly
        # newer than the oldest of them, so that a story it holds is never outside their ids' range.
        edge = listed.order_by("-published_at")[:size].aggregate(
            oldest=Min("published_at"), first=Min("pk"), last=Max("pk"), count=Count("pk"),
        )
        if not edge["count"]:
            return []
        with engine.lookups():
            ids = engine.matches(expression, (edge["first"], edge["last"]))
        if edge["count"] < size:  # the window is the whole list
            return _newest_of(listed, engine, ids, limit)
        found = _rows(
            listed.filter(published_at__gt=edge["oldest"], pk__in=engine.among(ids))
            .order_by("-published_at", "-id").values_list("pk", "published_at")[:limit + 1]
        ) if ids else []
        if len(found) > limit:
            return found
        if not looked_whole and len(found) * WHOLE_LOOKUP < size:
            # Fewer than one story in WHOLE_LOOKUP: the whole list may hold few enough to take them all.
            looked_whole = True
            with engine.lookups():
                ids = engine.matches(expression, limit=WHOLE_LOOKUP * limit + 1)
            if len(ids) <= WHOLE_LOOKUP * limit:
                return _newest_of(listed, engine, ids, limit)
        # Wider, to about the size the matches found so far say holds enough (at least twice as wide).
        size = max(2 * size, size * (limit + 1) * 5 // (4 * len(found))) if found else size * WIDENING


def _newest_of(listed: QuerySet, engine, ids: list[int], limit: int) -> list:
    """The newest `limit` + 1 of the stories `ids` that `listed` holds, as `_newest_matches` gives them."""
    if not ids:
        return []
    # Unordered, so that the database goes from the ids to their times; then sorted apart (`_rows`).
    return _rows(listed.filter(pk__in=engine.among(ids)).order_by().values_list("pk", "published_at"),
                 newest=limit + 1)


def _rows(queryset: QuerySet, *, newest: int | None = None) -> list[tuple]:
    """The rows as the database gives them: times only compared, so not made into aware datetimes one by one.

    `newest`: of the (id, time) rows the query finds, that many, newest first, sorted by the database
    after the query (a fence the planner keeps: inside it, it would walk the time index instead), so
    only they are sent (for a common word in the titles: 1,001 of 6,000).
    """
    sql, params = queryset.query.get_compiler(queryset.db).as_sql()
    if newest is not None:
        sql, params = f"WITH found AS MATERIALIZED ({sql}) SELECT * FROM found ORDER BY 2 DESC, 1 DESC LIMIT %s", [*params, newest]  # nosec B608 # the ORM's own SQL; values bound
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class RankedResults(Sequence):
    """Search results as ranked ids (`ranked`), loading articles only for the page shown."""

    def __init__(self, ranking: Ranking, *, card_queryset: QuerySet):
        self.ids = ranking.ids
        self.complete = ranking.complete
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
    pattern_ = _marks(found)
    for field in ("body", "lead", "original", "title"):
        text = display_text(article, field)
        first = pattern_.search(fold_in_place(text))
        if first is None:
            continue
        start = max(0, first.start() - width // 2)
        end = min(len(text), start + width * 2)
        passage = text[start:end]
        # Safe: _mark escapes the passage, adding only <mark>.
        return Snippet(field, mark_safe(("…" if start else "") + _mark(passage, pattern_) + ("…" if end < len(text) else "")))  # nosec B308, B703
    return None


def _marks(found: list[str]) -> re.Pattern:
    """The terms in folded text; a Latin term only from the start of a word, as the index finds it."""
    alternatives = []
    for term in sorted(found, key=len, reverse=True):
        start = r"(?<![0-9a-z])" if term[0].isascii() and term[0].isalnum() else ""
        alternatives.append(start + re.escape(term))
    return re.compile("|".join(alternatives))


def _mark(text: str, marks: re.Pattern) -> str:
    out, pos = [], 0
    for match in marks.finditer(fold_in_place(text)):
        out.append(escape(text[pos:match.start()]))
        out.append(f"<mark>{escape(text[match.start():match.end()])}</mark>")
        pos = match.end()
    out.append(escape(text[pos:]))
    return "".join(out)
