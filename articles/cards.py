"""The article card that lists, tag pages and search results repeat twenty times a page.

Built in Python rather than included as a template: the same markup from
the template engine cost about a millisecond a card, more than the rest of
the page. Every value is escaped by `format_html`; the strings are the same
message ids as in the templates, so the catalogs translate them.
"""

from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext


def article_card(article, snippet=None) -> SafeString:
    """One `<article class="card">`; `snippet` (search results) takes the lead's place."""
    category = ""
    if article.category_id:
        category = format_html('<a class="card__category" href="{}">{}</a>',
                               article.category.get_absolute_url(), article.category.name)
    published = timezone.localtime(article.published_at) if article.published_at else None
    time = ""
    if published:
        time = format_html('<time datetime="{}">{}</time>', format_date(published, "c"),
                           format_date(published, gettext("Y年n月j日 H:i")))
    if snippet:
        summary = format_html('<p class="card__snippet">{}</p>', snippet.html)
    elif article.lead:
        summary = format_html('<p class="card__lead">{}</p>', article.lead)
    else:
        summary = ""
    tags = list(article.tags.all())
    tag_list = ""
    if tags:
        tag_list = format_html(
            '<ul class="tags" aria-label="{}">{}</ul>', gettext("タグ"),
            format_html_join("", '<li><a href="{}">#{}</a></li>', ((t.get_absolute_url(), t.name) for t in tags)),
        )
    return format_html(
        '<article class="card">\n'
        '  <h2 class="card__title"><a href="{}">{}</a></h2>\n'
        '  <p class="card__meta">{} {} <span class="card__source">{}</span> '
        '<span class="card__reading">{}</span></p>\n'
        "  {}\n  {}\n</article>",
        article.get_absolute_url(), article.title, category, time,
        article.source.name if article.source_id else "",
        gettext("(%(n)s 分読)") % {"n": article.reading_minutes},
        summary, tag_list,
    )
