"""Markdown to safe HTML for everything editors write.

Bodies are CommonMark with tables and strikethrough; raw HTML typed by
an editor is shown as text, and the output goes through a sanitizer as a
second line of defence.

A story's Markdown is rendered when it is saved, not when it is read: the
article stores the HTML of its body, original, analysis and comment
(`Article.fill_derived_fields`), RenderedParts that of its key points and
corrections (`articles/stored_html.py`), and its page shows that HTML
(`page_html`).
"""

import functools
import re
from collections.abc import Iterable
from datetime import UTC, datetime

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
    """Safe HTML for Markdown typed by an editor (cached: a save renders texts its last save rendered)."""
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


def body_blocks(body_html: str, figures: list, *, unplaced: bool = True) -> list[tuple[str, object]]:
    """The body as ("html", safe HTML) and ("figure", Figure) blocks, in reading order.

    `body_html` is the body as `stored_html` made it (the article's
    `body_html`), figures in their order. `[[figure:N]]` places
    figure N (1-based); figures the body never places follow the body, in
    their order (`unplaced=False` leaves them out: the original's section).
    Unknown numbers are dropped (a save refuses them; older stories may hold some).
    """
    blocks: list[tuple[str, object]] = []
    shown: set[int] = set()
    for part in split_figures(body_html):
        if isinstance(part, int):
            if 1 <= part <= len(figures) and part not in shown:
                blocks.append(("figure", figures[part - 1]))
                shown.add(part)
        else:
            # Safe: a piece of render_markdown output, sanitized by nh3.
            blocks.append(("html", mark_safe(part)))  # nosec B308, B703
    if unplaced:
        blocks += [("figure", fig) for n, fig in enumerate(figures, start=1) if n not in shown]
    return blocks


def page_blocks(body_html: str, original_body_html: str, figures: list) -> dict:
    """The bodies as the article page draws them: `body_blocks`, `original_blocks` and the `first_figure` drawn.

    Shared by the reader's page and the editors' live preview, so both place figures alike.
    """
    blocks = body_blocks(body_html, figures)
    return {
        "body_blocks": blocks,
        "original_blocks": body_blocks(original_body_html, figures, unplaced=False),
        "first_figure": next((block for kind, block in blocks if kind == "figure"), None),
    }


def stored_html(source: str | None) -> str:
    """`render_markdown` as a story stores it: without the final newline, which an XML backup would not keep."""
    return render_markdown(source or "").strip()


def key_points_html(points: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Key points as a story stores them: [heading, body as safe HTML] each, from (heading, body) in order."""
    return [[heading, stored_html(body)] for heading, body in points]


def corrections_html(corrections: Iterable[tuple[datetime, str]]) -> list[list[str]]:
    """Corrections as a story stores them: [ISO time, body as safe HTML] each, from (noted_at, body) in order."""
    return [[noted_at.astimezone(UTC).isoformat(), stored_html(body)] for noted_at, body in corrections]


def page_html(article) -> dict:
    """The article's stored HTML as its page shows it, marked safe (the body goes through `body_blocks`).

    Key points are (heading, HTML), corrections (time, HTML) and figures
    unsaved Figures, from the article's `rendered_parts` (none: it has no
    parts); headings are plain text, escaped by the template.
    """
    parts = getattr(article, "rendered_parts", None)
    return {
        "figures": parts.shown_figures() if parts else [],
        "original_body_html": _stored(article.original_body_html),
        "impact_analysis_html": _stored(article.impact_analysis_html),
        "editorial_comment_html": _stored(article.editorial_comment_html),
        "key_points": [(heading, _stored(html)) for heading, html in parts.key_points] if parts else [],
        "corrections": [
            (datetime.fromisoformat(noted_at), _stored(html)) for noted_at, html in parts.corrections
        ] if parts else [],
    }


def _stored(html: str) -> SafeString:
    # Safe: stored HTML is stored_html output (nh3-sanitized), made when the story was saved.
    return mark_safe(html)  # nosec B308, B703
