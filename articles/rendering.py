"""Markdown to safe HTML for everything editors write.

Bodies are CommonMark with tables and strikethrough; raw HTML typed by
an editor is shown as text, and the output goes through a sanitizer as a
second line of defence.
"""

import functools
import re

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

from articles import text

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "em", "del", "a", "ul", "ol", "li",
    "blockquote", "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}

# A figure marker's paragraph as Markdown renders it (articles.text.FIGURE_MARKER is the marker).
FIGURE_PARAGRAPH = re.compile(rf"<p>{text.FIGURE_MARKER.pattern}</p>\n?")

# The one parser for editors' Markdown (translation.blocks splits bodies with it too).
md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    ["table", "strikethrough"]
)


def demote_headings(html: str) -> str:
    """`<h1>` becomes `<h2>`: the page's <h1> is the headline, and `#` in a body must not compete with it."""
    return re.sub(r"<(/?)h1>", r"<\1h2>", html)


@functools.lru_cache(maxsize=4096)
def render_markdown(source: str) -> str:
    """Safe HTML for Markdown typed by an editor (cached: bodies repeat on every view)."""
    html = demote_headings(md.render(source or ""))
    return sanitize(html)


def markdown_html(source: str | None) -> SafeString:
    """`render_markdown` for a template: marked safe, as the sanitizer made it (the `markdown` filter)."""
    # Safe: render_markdown sanitizes with nh3.
    return mark_safe(render_markdown(source or ""))  # nosec B308, B703


def sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
    )


def split_figures(html: str) -> list[str | int]:
    """Split rendered HTML at figure placements: strings of HTML and 1-based figure numbers."""
    parts: list[str | int] = []
    pos = 0
    for match in FIGURE_PARAGRAPH.finditer(html):
        if match.start() > pos:
            parts.append(html[pos:match.start()])
        parts.append(int(match.group(1)))
        pos = match.end()
    if pos < len(html):
        parts.append(html[pos:])
    return parts


def body_blocks(body: str, figures: list) -> list[tuple[str, object]]:
    """The body as ("html", safe HTML) and ("figure", Figure) blocks, in reading order.

    `[[figure:N]]` places figure N (1-based); figures the body never
    places come first, at the top of the body. Unknown numbers are dropped.
    """
    parts = split_figures(render_markdown(body))
    placed = {p for p in parts if isinstance(p, int)}
    blocks: list[tuple[str, object]] = [
        ("figure", fig) for n, fig in enumerate(figures, start=1) if n not in placed
    ]
    shown: set[int] = set()
    for part in parts:
        if isinstance(part, int):
            if 1 <= part <= len(figures) and part not in shown:
                blocks.append(("figure", figures[part - 1]))
                shown.add(part)
        else:
            # Safe: a piece of render_markdown output, sanitized by nh3.
            blocks.append(("html", mark_safe(part)))  # nosec B308, B703
    return blocks
