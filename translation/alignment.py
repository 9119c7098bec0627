"""Paragraph alignment: the original and the translated body, paired block by block.

The bodies are split into blocks (translation/blocks.py) and paired by
position; where that pairing breaks is found by translation/breaks.py.
The bilingual reader only ever shows a pairing that holds
(`bilingual_rows`); the admin shows where it breaks.
"""

import functools
from dataclasses import dataclass, field

from translation.blocks import Block, parse, split_blocks
from translation.breaks import Break, first_kind_mismatch, locate_break


@dataclass(frozen=True)
class Pair:
    """One row: the blocks at the same position. `matched` is False from the break onwards."""

    position: int
    original: Block | None
    translation: Block | None
    matched: bool


@dataclass(frozen=True)
class Alignment:
    """The two bodies as blocks, the rows pairing them by position, and the break if any."""

    original_blocks: tuple[Block, ...]
    translated_blocks: tuple[Block, ...]
    pairs: tuple[Pair, ...]
    broken_at: Break | None = None
    figures: tuple[tuple[int, int], ...] = field(default=())  # (figure number, blocks of the translation before it)

    @property
    def original_count(self) -> int:
        return len(self.original_blocks)

    @property
    def translation_count(self) -> int:
        return len(self.translated_blocks)

    @property
    def counts_match(self) -> bool:
        return self.original_count == self.translation_count

    @property
    def is_empty(self) -> bool:
        """One of the bodies has no blocks: there is nothing to pair."""
        return not self.original_blocks or not self.translated_blocks

    @property
    def is_aligned(self) -> bool:
        """Every block has its counterpart at the same position."""
        return not self.is_empty and self.broken_at is None

    @property
    def first_unmatched(self) -> int | None:
        """The 0-based index of the first row where the pairing fails, or None."""
        return self.broken_at.position - 1 if self.broken_at else None


# Aligning -----------------------------------------------------------------------------------


@functools.lru_cache(maxsize=256)
def align(original: str, translated: str) -> Alignment:
    """Pair the blocks of `original` and `translated` by position and find where that breaks."""
    originals = split_blocks(original)
    translated_items = parse(translated)
    translations = tuple(item for item in translated_items if isinstance(item, Block))
    figures, seen = [], 0
    for item in translated_items:
        if isinstance(item, Block):
            seen += 1
        else:
            figures.append((item, seen))

    broken = None
    if originals and translations:
        if len(originals) == len(translations):
            broken = first_kind_mismatch(originals, translations)
        else:
            broken = locate_break(originals, translations)
    rows = []
    for n in range(max(len(originals), len(translations))):
        o = originals[n] if n < len(originals) else None
        t = translations[n] if n < len(translations) else None
        matched = o is not None and t is not None and (broken is None or n + 1 < broken.position)
        rows.append(Pair(n + 1, o, t, matched))
    return Alignment(originals, translations, tuple(rows), broken, tuple(figures))


# Reading ------------------------------------------------------------------------------------


def bilingual_rows(alignment: Alignment, figures: list) -> list[tuple[str, object]] | None:
    """The bilingual reader's rows: ("figure", Figure) and ("pair", Pair), in reading order.

    None when the bodies do not align: the reader then gets the normal
    body and the whole original, never a wrong pairing. Figures the body
    never places follow it, as in the normal body.
    """
    if not alignment.is_aligned:
        return None
    rows: list[tuple[str, object]] = []
    before: dict[int, list[int]] = {}
    for number, blocks_before in alignment.figures:
        before.setdefault(blocks_before, []).append(number)
    shown: set[int] = set()

    def place(position: int) -> None:
        for number in before.get(position, []):
            if 1 <= number <= len(figures) and number not in shown:
                rows.append(("figure", figures[number - 1]))
                shown.add(number)

    for pair in alignment.pairs:
        place(pair.position - 1)
        rows.append(("pair", pair))
    place(len(alignment.pairs))
    rows += [("figure", fig) for n, fig in enumerate(figures, start=1) if n not in shown]
    return rows
