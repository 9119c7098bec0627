"""Where pairing the blocks by position breaks, and why.

Translators keep one block per block of the original, so the pairing is
by position. It holds when both bodies have the same number of blocks
and each pair is of the same kind (a heading against a heading). When
that fails, this says where: for a kind mismatch, the first such row;
when the counts differ, a small dynamic-programming alignment (lengths,
shared names and numbers, block kinds; the idea of Gale & Church's
sentence aligner) finds the first block that has no counterpart, or two
blocks that became one.
"""

import math
import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext

from translation.blocks import Block, kind_label

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’\-]+")


# Costs of the alignment search (see locate_break), tuned on the demo stories
# with each block removed in turn (94% of breaks found at the exact block, the
# rest one block off). A pair of blocks costs about 0.5–1.5 when one translates
# the other; leaving a block unpaired costs SKIP.
SKIP = 2.5
MERGE_PENALTY = 3.0
KIND_MISMATCH = 6.0
LENGTH_WEIGHT = 2.0
ANCHOR_WEIGHT = 1.5
SENTENCE_WEIGHT = 1.0
QUOTE_WEIGHT = 1.0
NUMBER_WEIGHT = 1.0
NAME_WEIGHT = 1.0
MAX_SEARCH_CELLS = 40_000  # beyond ~200 × 200 blocks, report the break by position only


@dataclass(frozen=True)
class Break:
    """Where pairing by position stops being right.

    `position` is the first wrong row (1-based). `reason` is one of
    "kind" (a heading against a paragraph), "missing" (an original block
    has no translation), "extra" (a translated block has no original),
    "merged" (two original blocks translated as one), "split" (one
    original block translated as two). The block numbers say which.
    """

    position: int
    reason: str
    original_number: int | None
    translation_number: int | None
    original: Block | None = None
    translation: Block | None = None

    @property
    def message(self) -> str:
        """The break in words, in the active language."""
        values = {"row": self.position, "o": self.original_number, "t": self.translation_number}
        if self.reason == "kind":
            values.update(
                original_kind=kind_label(self.original.kind) if self.original else "",
                translation_kind=kind_label(self.translation.kind) if self.translation else "",
            )
            return gettext("%(row)s行目で対応が崩れています: 原文は%(original_kind)s、翻訳は%(translation_kind)sです。") % values
        if self.reason == "missing":
            return gettext("%(row)s行目で対応が崩れています: 原文の第%(o)s段落に対応する訳が見つかりません。") % values
        if self.reason == "extra":
            return gettext("%(row)s行目で対応が崩れています: 翻訳の第%(t)s段落に対応する原文が見つかりません。") % values
        if self.reason == "merged":
            return gettext(
                "%(row)s行目で対応が崩れています: 原文の第%(o)s段落と次の段落が、翻訳の第%(t)s段落にまとめられているようです。"
            ) % values
        return gettext(
            "%(row)s行目で対応が崩れています: 原文の第%(o)s段落が、翻訳の第%(t)s段落と次の段落に分けられているようです。"
        ) % values


def first_kind_mismatch(originals, translations) -> Break | None:
    for o, t in zip(originals, translations):
        if o.kind != t.kind:
            return Break(o.number, "kind", o.number, t.number, o, t)
    return None


# Starts only where a number starts: a match inside a run of digits would also match from the
# run's first digit, and trying every digit of a long run that ends in no scale word is quadratic.
_SCALED = re.compile(
    r"(?<!\d)(\d+(?:\.\d+)?)\s*(万|億|兆|thousand|million|billion|trillion)", re.I,
)
_SCALES = {"万": 10**4, "億": 10**8, "兆": 10**12, "thousand": 10**3, "million": 10**6,
           "billion": 10**9, "trillion": 10**12}


def _anchors(text: str) -> set[str]:
    """Names and numbers that survive translation: Latin words and figures, normalised.

    "40万" and "400,000", "42億" and "4.2 billion" give the same number.
    """
    text = unicodedata.normalize("NFKC", text)
    numbers = set()
    for match in _SCALED.finditer(text):
        value = float(match.group(1)) * _SCALES[match.group(2).lower()]
        numbers.add(f"{value:g}")
    text = _SCALED.sub(" ", text)
    for number in _NUMBER.findall(text):
        try:
            numbers.add(f"{float(number.replace(',', '')):g}")
        except ValueError:
            numbers.add(number)
    words = {w.lower() for w in _LATIN_WORD.findall(text)} - {w for w in _SCALES}
    return numbers | words


_SENTENCE_END = re.compile(r"[。！？!?]+|(?<![A-Z])(?<!\b(?:Mr|Ms|Dr|St|vs|No|Co))\.(?=\s|$|[”\"’'）)])")
_QUOTE = re.compile(r"[「『“\"]")
# A capitalised word that does not start a sentence: a name the translation may keep in Latin letters.
_NAME = re.compile(r"(?<![.!?“\"]\s)(?<!^)\b([A-Z][A-Za-z0-9]+)")


@dataclass(frozen=True)
class _Features:
    kind: str
    length: int
    anchors: frozenset
    numbers: frozenset
    names: frozenset
    sentences: int
    quoted: bool

    def __add__(self, other: "_Features") -> "_Features":
        return _Features(self.kind, self.length + other.length, self.anchors | other.anchors,
                         self.numbers | other.numbers, self.names | other.names,
                         self.sentences + other.sentences, self.quoted or other.quoted)


def _features(block: Block) -> _Features:
    text = unicodedata.normalize("NFKC", block.text)
    anchors = frozenset(_anchors(text))
    names = frozenset(m.group(1).lower() for m in _NAME.finditer(text))
    return _Features(
        block.kind, block.length, anchors, frozenset(a for a in anchors if a[:1].isdigit()), names,
        max(1, len(_SENTENCE_END.findall(text))), bool(_QUOTE.search(text)),
    )


def _pair_cost(o: _Features, t: _Features, ratio: float) -> float:
    """How unlike a translation of `o` the block `t` looks: lengths, names and numbers, sentences, quotes."""
    if o.kind != t.kind:
        return KIND_MISMATCH
    deviation = abs(math.log((t.length + 10) / (ratio * o.length + 10)))
    anchor = 1 - len(t.anchors & o.anchors) / len(t.anchors) if t.anchors else 0.5
    sentences = abs(o.sentences - t.sentences) / max(o.sentences, t.sentences)
    quotes = 1.0 if o.quoted != t.quoted else 0.0
    numbers = 1 - len(o.numbers & t.numbers) / len(o.numbers) if o.numbers else 0.5
    names = 1 - len(o.names & t.anchors) / len(o.names) if o.names else 0.5
    return (LENGTH_WEIGHT * deviation + ANCHOR_WEIGHT * anchor + SENTENCE_WEIGHT * sentences
            + QUOTE_WEIGHT * quotes + NUMBER_WEIGHT * numbers + NAME_WEIGHT * names)


def locate_break(originals, translations) -> Break:
    """The first place where the best alignment leaves position pairing (counts differ)."""
    n, m = len(originals), len(translations)
    if n * m > MAX_SEARCH_CELLS:
        return _positional_break(originals, translations)
    ratio = (sum(t.length for t in translations) or 1) / (sum(o.length for o in originals) or 1)
    of = [_features(o) for o in originals]
    tf = [_features(t) for t in translations]
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    step = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = cost[i][j]
            if here == inf:
                continue
            options = []
            if i < n and j < m:
                options.append((i + 1, j + 1, "pair", _pair_cost(of[i], tf[j], ratio)))
            if i < n:
                options.append((i + 1, j, "missing", SKIP))
            if j < m:
                options.append((i, j + 1, "extra", SKIP))
            if i + 1 < n and j < m and of[i].kind == of[i + 1].kind:
                options.append((i + 2, j + 1, "merged", MERGE_PENALTY + _pair_cost(of[i] + of[i + 1], tf[j], ratio)))
            if i < n and j + 1 < m and tf[j].kind == tf[j + 1].kind:
                options.append((i + 1, j + 2, "split", MERGE_PENALTY + _pair_cost(of[i], tf[j] + tf[j + 1], ratio)))
            for ni, nj, op, c in options:
                if here + c < cost[ni][nj]:
                    cost[ni][nj] = here + c
                    step[ni][nj] = (i, j, op)
    path = []
    i, j = n, m
    while (i, j) != (0, 0):
        pi, pj, op = step[i][j]
        path.append((pi, pj, op))
        i, j = pi, pj
    path.reverse()
    for pi, pj, op in path:
        if op == "pair" and pi == pj:
            continue
        o = originals[pi] if pi < n else None
        t = translations[pj] if pj < m else None
        if op == "pair":  # a pair off the diagonal: an earlier step already broke it
            op = "missing" if pi > pj else "extra"
        return Break(min(pi, pj) + 1, op, o.number if o else None, t.number if t else None, o, t)
    return _positional_break(originals, translations)


def _positional_break(originals, translations) -> Break:
    """Without a search: the first kind mismatch, else the first row one side lacks."""
    mismatch = first_kind_mismatch(originals, translations)
    if mismatch is not None:
        return mismatch
    n, m = len(originals), len(translations)
    shorter = min(n, m)
    o = originals[shorter] if shorter < n else None
    t = translations[shorter] if shorter < m else None
    return Break(shorter + 1, "missing" if n > m else "extra", o.number if o else None, t.number if t else None, o, t)
