"""A story's text as search reads it: the parts it searches, as plain NFKC-normalised text."""

import unicodedata

from articles.text import markdown_to_text

# The parts of an article search reads, in the order of the index's columns.
FIELDS = ("title", "lead", "key_points", "body", "original")


def normalize(text: str) -> str:
    """NFKC folds full-width Latin and half-width katakana, so ＡＩ finds AI and ｶﾀｶﾅ finds カタカナ."""
    return unicodedata.normalize("NFKC", text or "")


def plain(markdown_text: str) -> str:
    """Markdown as the words a reader sees (articles.text.markdown_to_text), normalised for search."""
    return normalize(markdown_to_text(markdown_text))
