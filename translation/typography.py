"""Japanese typography checks for a translation: warnings an editor may ignore, never errors.

Each check looks at one text (the title, the lead, a key point, the
body…) and reports what a copy editor would circle:

- half-width katakana (ｶﾀｶﾅ) and full-width Latin letters or digits (ＡＢＣ１２３);
- 「」 and “” (or "") quotes mixed in one text;
- a space between Japanese and Latin words in some places but not others,
  and doubled spaces;
- sentence-ending punctuation mixed (。 with ． or .), commas mixed (、 with ，),
  and paragraphs that end without punctuation where the others have it.

URLs, link targets and code are not prose and are never checked.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext

from articles.text import TextPart, prose_mask, translation_parts
from translation import blocks

CONTEXT = 12

_JAPANESE = "\u3040-\u309f\u30a0-\u30fa\u30fc-\u30ff\u3400-\u4dbf\u4e00-\u9fff\u3005\u3006\u30f6"
_HALF_WIDTH_KANA = re.compile(r"[\uff61-\uff9f]+")
_FULL_WIDTH_ALNUM = re.compile(r"[Ａ-Ｚａ-ｚ０-９]+")
_JAPANESE_QUOTE = re.compile(r"[「」]")
_WESTERN_QUOTE = re.compile(r"[“”]|\"[^\"\n\0]+\"")
_UNSPACED = re.compile(rf"(?<=[{_JAPANESE}])[A-Za-z]|[A-Za-z](?=[{_JAPANESE}])")
_SPACED = re.compile(rf"(?<=[{_JAPANESE}]) (?=[A-Za-z])|(?<=[A-Za-z]) (?=[{_JAPANESE}])")
_DOUBLED_SPACE = re.compile(r"(?<=\S)(?: {2,}|\u3000+ +| +\u3000+|\u3000{2,})(?=\S)")
_FULL_STOP_MARU = re.compile(r"。")
_FULL_STOP_DOT = re.compile(rf"．|(?<=[{_JAPANESE}])\.(?=\s|$)")
_COMMA_TEN = re.compile(r"、")
_COMMA_FULL_WIDTH = re.compile(rf"，|(?<=[{_JAPANESE}]),")
_ENDS_SENTENCE = set("。．.！？!?」』）)”\"’…―—:：")
_JAPANESE_CHAR = re.compile(rf"[{_JAPANESE}]")


@dataclass(frozen=True)
class Snippet:
    """The problem in its context; whitespace in the problem itself is made visible."""

    before: str
    match: str
    after: str

    @property
    def shown_match(self) -> str:
        return self.match.replace("\u3000", "□").replace(" ", "␣") if not self.match.strip() else self.match


@dataclass(frozen=True)
class TypographyWarning:
    key: str
    label: str
    code: str
    message: str
    snippet: Snippet
    paragraph: int | None = None


def snippet(text: str, start: int, end: int, *, context: int = CONTEXT) -> Snippet:
    """The characters around text[start:end], on one line."""
    def flat(value: str) -> str:
        return " ".join(value.replace("\0", "").split()) if value.strip() else value.replace("\n", " ")

    before = text[max(0, start - context):start]
    after = text[end:end + context]
    return Snippet(
        ("…" if start > context else "") + flat(before).lstrip(),
        text[start:end],
        flat(after).rstrip() + ("…" if end + context < len(text) else ""),
    )


def check_text(value: str, *, markdown: bool = True) -> list[tuple[str, str, int, int]]:
    """Problems in one text as (code, message, start, end), in the order they occur.

    `markdown` is False for one-line texts (titles, key point headings):
    their spacing and paragraph endings follow headline conventions.
    """
    masked = prose_mask(value)
    found: list[tuple[str, str, int, int]] = []

    for match in _HALF_WIDTH_KANA.finditer(masked):
        found.append(("half_width_kana", gettext("半角カナがあります（全角なら「%(fixed)s」）。") % {
            "fixed": unicodedata.normalize("NFKC", match.group(0))}, match.start(), match.end()))
    for match in _FULL_WIDTH_ALNUM.finditer(masked):
        found.append(("full_width_alnum", gettext("全角の英数字があります（半角なら「%(fixed)s」）。") % {
            "fixed": unicodedata.normalize("NFKC", match.group(0))}, match.start(), match.end()))

    if _JAPANESE_QUOTE.search(masked):
        western = _WESTERN_QUOTE.search(masked)
        if western:
            found.append(("mixed_quotes", gettext("「」と“”（または\"\"）のかぎかっこが混在しています。"),
                          western.start(), western.end()))

    if markdown:
        # Headlines separate phrases with a space (「緩和の兆し Tessalineが…」): only prose is checked.
        found += _mixed(masked, _SPACED, _UNSPACED, "mixed_spacing", gettext(
            "和文と欧文の間のスペースが不統一です（スペースあり%(a)sか所、なし%(b)sか所）。"), unspaced_is_b=True)
    for match in _DOUBLED_SPACE.finditer(masked):
        found.append(("doubled_space", gettext("スペースが重なっています。"), match.start(), match.end()))

    found += _mixed(masked, _FULL_STOP_MARU, _FULL_STOP_DOT, "mixed_full_stops", gettext(
        "文末の句点が不統一です（「。」%(a)sか所、「．」や「.」%(b)sか所）。"))
    found += _mixed(masked, _COMMA_TEN, _COMMA_FULL_WIDTH, "mixed_commas", gettext(
        "読点が不統一です（「、」%(a)sか所、「，」や「,」%(b)sか所）。"))
    if markdown:
        found += _unpunctuated_paragraphs(value)
    return sorted(found, key=lambda item: item[2])


def _mixed(text: str, style_a: re.Pattern, style_b: re.Pattern, code: str, message: str,
           *, unspaced_is_b: bool = False) -> list[tuple[str, str, int, int]]:
    """One warning when both styles occur, pointing at the first use of the rarer one."""
    a = list(style_a.finditer(text))
    b = list(style_b.finditer(text))
    if not a or not b:
        return []
    rarer = a if len(a) < len(b) else b
    first = rarer[0]
    start, end = first.start(), first.end()
    if unspaced_is_b and rarer is b:
        # Point at the boundary between the two scripts, not at one letter.
        start, end = max(0, start - 1), min(len(text), end + 1)
    return [(code, message % {"a": len(a), "b": len(b)}, start, end)]


def _unpunctuated_paragraphs(value: str) -> list[tuple[str, str, int, int]]:
    # Decide on the text readers see (emphasis marks aside); point at the end of the source.
    paragraphs = [b for b in blocks.split_blocks(value) if b.kind == blocks.PARAGRAPH and b.text.strip()]
    if not any(b.text.rstrip()[-1] in _ENDS_SENTENCE for b in paragraphs):
        return []
    found = []
    for block in paragraphs:
        if _JAPANESE_CHAR.match(block.text.rstrip()[-1]):
            end = block.start + len(block.source.rstrip())
            found.append(("no_full_stop", gettext("段落が句点なしで終わっています（ほかの段落には句点があります）。"),
                          end - 1, end))
    return found


def check_part(part: TextPart) -> list[TypographyWarning]:
    """Warnings for one part of the translation, with its label and the paragraph number."""
    value = part.text
    warnings = []
    for code, message, start, end in check_text(value, markdown=part.markdown):
        paragraph = blocks.block_at(value, start) if part.markdown else None
        warnings.append(TypographyWarning(part.key, part.label, code, message, snippet(value, start, end), paragraph))
    return warnings


def check_article(article) -> list[TypographyWarning]:
    """Every typography warning in the article's translation (title, lead, key points, analysis, comment, body)."""
    return [warning for part in translation_parts(article) for warning in check_part(part)]
