"""A story's text as search reads it: the parts it searches, as plain NFKC-normalised text."""

import re
import unicodedata

# The parts of an article search reads, in the order of the index's columns.
FIELDS = ("title", "lead", "key_points", "body", "original")

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
    """Markdown as the words a reader sees: no figure markers, link targets or markup, whitespace runs as one space."""
    text = _FIGURE_MARKER.sub(" ", markdown_text or "")
    text = _LINK.sub(_link_text, text)
    if _MARKUP_CHARS.search(text):
        text = _MARKUP.sub(r"\1", text)
    return normalize(" ".join(text.split()))  # whitespace runs as one space, none at the ends


def _link_text(match: re.Match) -> str:
    return match.group(1) if match.group(2) else match.group(0)
