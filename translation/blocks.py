"""A body as blocks: the top-level Markdown elements the translation desk pairs.

A block is a paragraph, a heading, a whole list, a whole quote, a table or
a code block. `[[figure:N]]` paragraphs and thematic breaks are not blocks
(figures live only in the translation); `parse` gives placed figures as
their numbers, in order among the blocks.
"""

import bisect
import functools
import html as html_lib
import re
import unicodedata
from dataclasses import dataclass

from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import pgettext

from articles import rendering
from articles import text as text_helpers

HEADING, PARAGRAPH, LIST, QUOTE, TABLE, CODE = "heading", "paragraph", "list", "quote", "table", "code"

_OPENERS = {
    "heading_open": HEADING, "paragraph_open": PARAGRAPH, "bullet_list_open": LIST,
    "ordered_list_open": LIST, "blockquote_open": QUOTE, "table_open": TABLE,
}
_LEAVES = {"fence": CODE, "code_block": CODE}
_HEADING_HTML = re.compile(r"^\s*<h\d>(.*)</h\d>\s*$", re.S)


def kind_label(kind: str) -> str:
    """A block kind in the active language."""
    labels = {HEADING: pgettext("block kind", "見出し"), PARAGRAPH: pgettext("block kind", "段落"),
              LIST: pgettext("block kind", "箇条書き"), QUOTE: pgettext("block kind", "引用"),
              TABLE: pgettext("block kind", "表"), CODE: pgettext("block kind", "コード")}
    return labels.get(kind, kind)


@dataclass(frozen=True)
class Block:
    """One top-level block of a body. `number` counts from 1, as editors do."""

    number: int
    kind: str
    source: str
    html: SafeString
    text: str
    start: int  # character offsets of the block's source in the body
    end: int

    @property
    def length(self) -> int:
        """Visible characters, whitespace aside (the unit lengths are compared in)."""
        return sum(1 for ch in self.text if not ch.isspace())

    @property
    def reader_html(self) -> SafeString:
        """HTML for showing this block as the original under its translation.

        A heading becomes a styled paragraph, so the page outline holds
        only the translated headings.
        """
        match = _HEADING_HTML.match(self.html)
        if self.kind == HEADING and match:
            # Safe: the inside of a heading of self.html, which nh3 sanitized.
            return mark_safe(f'<p class="pair__heading">{match.group(1)}</p>')  # nosec B308, B703
        return self.html

    @property
    def kind_label(self) -> str:
        """The kind in the editor's words (見出し, 段落, …)."""
        return kind_label(self.kind)

    def snippet(self, limit: int = 80) -> str:
        text = " ".join(self.text.split())
        return text if len(text) <= limit else text[: limit - 1] + "…"


@functools.lru_cache(maxsize=256)
def parse(markdown: str) -> tuple[Block | int, ...]:
    """The body's top-level blocks in order, with placed figures as their numbers (ints)."""
    source = markdown or ""
    env: dict = {}
    tokens = rendering.md.parse(source, env)
    line_starts = _line_starts(source)
    items: list[Block | int] = []
    number = 0
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.level != 0 or token.nesting == -1:
            i += 1
            continue
        if token.nesting == 1:
            close = _closing(tokens, i)
        else:
            close = i
        chunk = tokens[i:close + 1]
        kind = _OPENERS.get(token.type) if token.nesting == 1 else _LEAVES.get(token.type)
        i = close + 1
        if kind is None or token.map is None:
            continue  # thematic breaks, reference definitions
        start = line_starts[token.map[0]]
        end = line_starts[min(token.map[1], len(line_starts) - 1)]
        block_source = source[start:end].strip("\n")
        if kind == PARAGRAPH:
            figure = text_helpers.figure_number(chunk[1].content) if len(chunk) > 1 else None
            if figure is not None:
                items.append(figure)
                continue
        html = rendering.sanitize(rendering.demote_headings(rendering.md.renderer.render(chunk, rendering.md.options, env)))
        text = unicodedata.normalize("NFC", html_lib.unescape(strip_tags(html)).strip())
        number += 1
        # Safe: html is rendering.sanitize() output (nh3), above.
        items.append(Block(number, kind, block_source, mark_safe(html), text, start, start + len(block_source)))  # nosec B308, B703
    return tuple(items)


def split_blocks(markdown: str) -> tuple[Block, ...]:
    """The body's blocks, figure placements left out."""
    return tuple(item for item in parse(markdown) if isinstance(item, Block))


def block_at(markdown: str, offset: int) -> int | None:
    """The number of the block that holds character `offset` of `markdown`, or None (between blocks)."""
    blocks, starts = _block_starts(markdown)
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and offset < max(blocks[i].end, blocks[i].start + 1):
        return blocks[i].number
    return None


@functools.lru_cache(maxsize=256)
def _block_starts(markdown: str) -> tuple[tuple[Block, ...], list[int]]:
    # Checks ask once per warning; a search by position keeps a text with many warnings linear.
    blocks = split_blocks(markdown)
    return blocks, [block.start for block in blocks]


def _line_starts(source: str) -> list[int]:
    starts = [0]
    for n, ch in enumerate(source):
        if ch == "\n":
            starts.append(n + 1)
    starts.append(len(source))
    return starts


def _closing(tokens, i: int) -> int:
    depth = 0
    for j in range(i, len(tokens)):
        depth += tokens[j].nesting
        if depth == 0:
            return j
    return len(tokens) - 1

