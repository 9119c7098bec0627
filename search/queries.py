"""Finding stories: a query's terms, matching and ranking, results a page at a time, snippets.

Japanese has no spaces, so matching is by substring: 失敗 is found inside
「xAIを失敗と断じた」. The index holds each part's bigrams and Latin words
(search.text): a term is found as its words one after the other (a
phrase), a 1-character term as the start of a bigram, on both engines:

- SQLite: the FTS5 table `articles_search_fts` (unicode61 over the words).
- PostgreSQL: the generated `tsvector` column `bigrams` under a GIN index,
  queried with a `tsquery` written out word by word (no parser between).

Every whitespace-separated term must appear in one of the article's parts.
Ranking adds, for each term, the weights of the parts it is in: title 16,
lead or key points 8, body 4, original 2; a query of several terms that
also appears as one phrase (半導体 規制 as 半導体規制, interest rates as
written) scores that phrase again, so it ranks above the same terms
scattered. Equal scores: newest first. Scoring asks the index only (one
index scan per term and part), never the documents' text.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article
from search.documents import display_text
from search.text import PREFIXES, Pattern, fold, fold_in_place, pattern

# The parts a term is scored by, with their weight, and the index columns each reads.
WEIGHTS = {"title": 16, "head": 8, "body": 4, "original": 2}
GROUPS = {"title": ("title",), "head": ("lead", "key_points"), "body": ("body",), "original": ("original",)}
EVERY_PART = tuple(PREFIXES)
MAX_TERMS = 8
MAX_RESULTS = 1000
MAX_TERM_LENGTH = 100


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


class _SQLite:
    """FTS5 queries: a phrase of words per part, `*` after it for a prefix."""

    @staticmethod
    def phrase(found: Pattern, parts: tuple[str, ...], *, exact: bool = True) -> str:
        star = " *" if found.prefix else ""
        return " OR ".join(
            '"' + " ".join(PREFIXES[part] + word for word in found.words) + '"' + star for part in parts
        )

    @staticmethod
    def all_of(expressions: list[str]) -> str:
        return " AND ".join(f"({e})" for e in expressions)

    @staticmethod
    def ids(expression: str) -> RawSQL:
        return RawSQL("SELECT rowid FROM articles_search_fts WHERE articles_search_fts MATCH %s", [expression])


class _PostgreSQL:
    """tsquery text: words joined by <-> (one after the other), `:*` after a prefix.

    Scoring (`exact=False`) joins them by & instead: the GIN index answers
    that alone, where a phrase needs every candidate's positions read from
    the table; among documents already matched, the two rarely differ.
    """

    @staticmethod
    def phrase(found: Pattern, parts: tuple[str, ...], *, exact: bool = True) -> str:
        joiner = " <-> " if exact else " & "
        last = len(found.words) - 1
        return " | ".join(
            "(" + joiner.join(
                _lexeme(PREFIXES[part] + word) + (":*" if found.prefix and i == last else "")
                for i, word in enumerate(found.words)
            ) + ")"
            for part in parts
        )

    @staticmethod
    def all_of(expressions: list[str]) -> str:
        return " & ".join(f"({e})" for e in expressions)

    @staticmethod
    def ids(expression: str) -> RawSQL:
        return RawSQL(
            "SELECT article_id FROM articles_searchdocument WHERE bigrams @@ %s::tsquery", [expression],
        )


def _lexeme(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def _engine():
    return _PostgreSQL if connection.vendor == "postgresql" else _SQLite


def matching(queryset: QuerySet, query: str) -> QuerySet:
    """Articles of `queryset` containing every term of `query`, best first."""
    found = terms(query)
    patterns = [p for p in (pattern(term) for term in found) if p]
    if not patterns:
        return queryset.none()
    engine = _engine()
    queryset = queryset.filter(pk__in=engine.ids(engine.all_of([engine.phrase(p, EVERY_PART) for p in patterns])))
    scored = [(p, False) for p in patterns]
    if len(patterns) > 1:
        whole = pattern(_joined(found))
        if whole:
            scored.append((whole, True))  # the phrase itself, not its words anywhere
    score = Value(0, output_field=IntegerField())
    for scored_pattern, exact in scored:
        for group, parts in GROUPS.items():
            score = score + Case(
                When(pk__in=engine.ids(engine.phrase(scored_pattern, parts, exact=exact)), then=Value(WEIGHTS[group])),
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
