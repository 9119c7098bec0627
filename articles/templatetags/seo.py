"""Template tags for what an article page tells search engines and social sites."""

from django import template

from articles import structured_data

register = template.Library()


@register.simple_tag(takes_context=True)
def article_meta(context, article, figure=None) -> dict:
    """OGP/Twitter values and the JSON-LD dict: `{% article_meta article first_figure as meta %}`."""
    return structured_data.page_meta(article, request=context["request"], figure=figure)


@register.filter
def json_ld(data: dict):
    """A dict as a `<script type="application/ld+json">` element that editor text cannot break out of."""
    return structured_data.json_ld_script(data)
