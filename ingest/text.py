"""Fetched HTML as plain text: script, styles and embeds dropped with their content, never kept."""

import re

import lxml.html
from lxml import etree

UNSAFE_ELEMENTS = ("script", "style", "noscript", "iframe", "object", "embed", "template", "svg", "form", "button")


def plain_text(html: str, *, limit: int = 2000) -> str:
    """The text of an HTML fragment (a feed's title or summary), whitespace collapsed, at most `limit` characters."""
    if not html or not html.strip():
        return ""
    if "<" not in html and "&" not in html:
        return _collapse(html)[:limit]
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return _collapse(re.sub(r"<[^>]*>", " ", html))[:limit]
    etree.strip_elements(root, *UNSAFE_ELEMENTS, with_tail=False)
    return _collapse(root.text_content())[:limit]


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
