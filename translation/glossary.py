"""The glossary at work on one article: find rejected spellings, and replace them with the approved form.

Matching is plain substring search with two guards, so an approved form
is never taken for a variant:

- All forms of all terms are searched together and the longest match
  wins where two overlap. With "Yann LeCun" → ヤン・ルカン and
  "LeCun" → ルカン (variants ルコン, レクン), the text ヤン・ルカン is one
  approved occurrence of the first term; ヤン・ルコン is a variant of the
  first term if listed, else ルコン inside it is a variant of the second.
- A katakana form must not continue a longer katakana word (マスク is not
  found in マスクメロン), and a Latin form must not continue a Latin word.
  The middle dot ・ separates words, so ルカン is found in ヤン・ルカン.

URLs, link targets and code are never matched or replaced.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction

from articles.models import Article, GlossaryTerm
from articles.text import TextPart, prose_mask, translation_parts
from translation import blocks
from translation.typography import Snippet, snippet

_KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc\u30fd\u30fe\uff66-\uff9f]")
_LATIN = re.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    form: str
    term: GlossaryTerm
    approved: bool


@dataclass(frozen=True)
class Occurrence:
    """A rejected spelling found in the translation."""

    key: str
    label: str
    form: str
    paragraph: int | None
    snippet: Snippet


@dataclass
class TermReport:
    """How one glossary term is written in one article."""

    term: GlossaryTerm
    counts: Counter = field(default_factory=Counter)  # form → occurrences, approved form included
    occurrences: list[Occurrence] = field(default_factory=list)  # the rejected spellings, in reading order

    @property
    def forms(self) -> list[tuple[str, int, bool]]:
        """(form, count, approved) for each spelling used, the approved one first."""
        used = [(form, n, form == self.term.approved) for form, n in self.counts.items() if n]
        return sorted(used, key=lambda item: (not item[2], -item[1]))

    @property
    def inconsistent(self) -> bool:
        """Two or more spellings in one article (the approved one and a variant, or two variants)."""
        return len(self.forms) >= 2

    @property
    def variant_count(self) -> int:
        return len(self.occurrences)


def _continues_word(text: str, start: int, end: int, form: str) -> bool:
    for outside, inside in ((start - 1, form[0]), (end, form[-1])):
        if not 0 <= outside < len(text):
            continue
        neighbour = text[outside]
        if _KATAKANA.match(inside) and _KATAKANA.match(neighbour):
            return True
        if _LATIN.match(inside) and _LATIN.match(neighbour):
            return True
    return False


def find_matches(value: str, terms: list[GlossaryTerm]) -> list[Match]:
    """Every approved form and rejected variant of `terms` in `value`, without overlaps, in order."""
    masked = prose_mask(value)
    # Each spelling is searched once; where terms share one, an approved form wins, then the first term.
    owners: dict[str, tuple[GlossaryTerm, bool]] = {}
    for term in terms:
        for form, approved in [(term.approved, True)] + [(variant, False) for variant in term.variant_list]:
            if form and (form not in owners or (approved and not owners[form][1])):
                owners[form] = (term, approved)
    candidates = []
    for form, (term, approved) in owners.items():
        start = masked.find(form)
        while start != -1:
            end = start + len(form)
            if not _continues_word(masked, start, end, form):
                candidates.append(Match(start, end, form, term, approved))
            start = masked.find(form, start + 1)
    # The longest match wins an overlap; among equals, the approved form, then the earlier one.
    candidates.sort(key=lambda m: (-(m.end - m.start), not m.approved, m.start))
    taken: list[Match] = []
    occupied = bytearray(len(masked))
    for match in candidates:
        if not any(occupied[match.start:match.end]):
            taken.append(match)
            occupied[match.start:match.end] = b"\1" * (match.end - match.start)
    return sorted(taken, key=lambda m: m.start)


def all_terms() -> list[GlossaryTerm]:
    """The glossary, with each term's tag (one query)."""
    return list(GlossaryTerm.objects.select_related("tag"))


def check_parts(parts: list[TextPart], terms: list[GlossaryTerm]) -> list[TermReport]:
    """Reports for the terms whose rejected spellings occur in `parts`, in glossary order."""
    reports: dict[int, TermReport] = {}
    for part in parts:
        value = part.text
        for match in find_matches(value, terms):
            report = reports.setdefault(match.term.pk, TermReport(match.term))
            report.counts[match.form] += 1
            if not match.approved:
                report.occurrences.append(Occurrence(
                    part.key, part.label, match.form,
                    blocks.block_at(value, match.start) if part.markdown else None,
                    snippet(value, match.start, match.end),
                ))
    order = {term.pk: n for n, term in enumerate(terms)}
    return sorted((r for r in reports.values() if r.occurrences), key=lambda r: order[r.term.pk])


@dataclass
class Untranslated:
    """A glossary term's original (Latin) spelling left as it is in the translation: a warning, since some
    names stay in Latin on purpose."""

    term: GlossaryTerm
    places: list[Occurrence] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.places)


def untranslated_parts(parts: list[TextPart], terms: list[GlossaryTerm]) -> list[Untranslated]:
    """Terms whose original spelling (in Latin letters) appears in `parts` as a word of its own, in glossary order."""
    found: list[Untranslated] = []
    latin = [term for term in terms if _LATIN.search(term.original or "")]
    texts = [(part, part.text, prose_mask(part.text)) for part in parts] if latin else []  # masked once per part
    for term in latin:
        report = Untranslated(term)
        pattern = re.compile(re.escape(term.original.strip()), re.IGNORECASE)
        for part, value, masked in texts:
            for match in pattern.finditer(masked):
                if _continues_word(masked, match.start(), match.end(), match.group(0)):
                    continue
                report.places.append(Occurrence(
                    part.key, part.label, match.group(0),
                    blocks.block_at(value, match.start()) if part.markdown else None,
                    snippet(value, match.start(), match.end()),
                ))
        if report.places:
            found.append(report)
    return found


def check_untranslated(article: Article, *, terms: list[GlossaryTerm] | None = None) -> list[Untranslated]:
    """Glossary terms the translation leaves in their original Latin spelling (「LeCun」 in the body)."""
    return untranslated_parts(translation_parts(article), all_terms() if terms is None else terms)


def check_article(article: Article, *, terms: list[GlossaryTerm] | None = None) -> list[TermReport]:
    """Every glossary term the article's translation writes with a rejected spelling, with each place."""
    return check_parts(translation_parts(article), all_terms() if terms is None else terms)


def replace_variants(value: str, terms: list[GlossaryTerm]) -> tuple[str, Counter]:
    """`value` with each rejected variant replaced by its term's approved form, and what was replaced."""
    replaced: Counter = Counter()
    pieces, pos = [], 0
    for match in find_matches(value, terms):
        if match.approved:
            continue
        pieces += [value[pos:match.start], match.term.approved]
        pos = match.end
        replaced[(match.form, match.term.approved)] += 1
    pieces.append(value[pos:])
    return "".join(pieces), replaced


def apply_approved_forms(article: Article, *, terms: list[GlossaryTerm] | None = None) -> Counter:
    """Replace every rejected variant in the translation with the approved form and save.

    Touches the title, lead, key points, analysis, comment, body and figures' captions and alt text. The
    caller records the revision (the admin does, in the same save as the
    editor's form). Returns (variant, approved form) → replacements made.
    """
    terms = all_terms() if terms is None else terms
    total: Counter = Counter()
    with transaction.atomic():
        changed: dict[int, tuple[object, list[str]]] = {}  # id(holder) -> (the article, a key point or a figure; its attrs)
        for part in translation_parts(article):
            new, replaced = replace_variants(part.text, terms)
            if not replaced:
                continue
            setattr(part.obj, part.attr, new)
            total += replaced
            changed.setdefault(id(part.obj), (part.obj, []))[1].append(part.attr)
        for holder, attrs in changed.values():
            if holder is not article:
                holder.save(update_fields=attrs)
        if id(article) in changed:
            article.save()
    return total
