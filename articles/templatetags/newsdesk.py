from django import template
from django.utils.safestring import mark_safe

from articles import cards, images, rendering

register = template.Library()


@register.filter
def markdown(value: str):
    """Render Markdown an editor wrote as sanitized HTML."""
    # Safe: render_markdown sanitizes with nh3.
    return mark_safe(rendering.render_markdown(value or ""))  # nosec B308, B703


@register.filter
def is_same(value, other) -> bool:
    """Identity, not equality: `figure|is_same:first_figure`."""
    return value is other


@register.simple_tag
def figure_picture(figure) -> dict:
    """`{% figure_picture figure as pic %}`: srcsets and intrinsic size for a figure's <picture>."""
    return images.picture(figure)


@register.simple_tag
def article_card(article, snippet=None):
    """`{% article_card article %}`, or `{% article_card article snippet %}` in search results."""
    return cards.article_card(article, snippet)
