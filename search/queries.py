"""Finding stories: a query's terms, matching and ranking, results a page at a time, snippets.

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
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article
from search.documents import display_fields
from search.text import FIELDS, normalize

WEIGHTS = {"title": 16, "lead": 8, "key_points": 8, "body": 4, "original": 2}
MAX_TERMS = 8
MAX_RESULTS = 1000
MAX_TERM_LENGTH = 100
TRIGRAM = 3


def terms(query: str) -> list[str]:
    """The query's terms: normalised, case-folded, de-duplicated, bounded in number and length."""
    words = normalize(query).casefold().split()
    unique = list(dict.fromkeys(w[:MAX_TERM_LENGTH] for w in words if w))
    return unique[:MAX_TERMS]


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
