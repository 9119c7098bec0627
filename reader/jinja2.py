"""The Jinja2 environment for the reader's pages (templates under `jinja2/`).

Readers' pages render through Jinja2, which compiles templates to Python
functions; the Django template language walked the article page's few
hundred nodes on every request and took about a third of an uncached page's
time. The admin keeps Django templates (`templates/`).

The pages keep the message ids they had as Django templates, written so
that `makemessages` still finds them: `{{ _('…') }}`, with placeholders
filled by `|format(name=…)` (never `_('…', name=…)`), and a translated date
format set first with `{% set %}` rather than inside a filter's arguments.
Plurals are worded in the view. `date` is Django's date filter in the
site's time zone; `url()` and `static()` are Django's.
"""

from django.template import defaultfilters, defaulttags
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation

from articles import rendering
from images.renditions import picture
from jinja2 import Environment
from reader import cards, structured_data


def url(name: str, *args, **kwargs) -> str:
    """`url("articles:digest_day", day)`, as `{% url %}`."""
    return reverse(name, args=args or None, kwargs=kwargs or None)


def date(value, format_string: str | None = None) -> str:
    """Django's date filter, in the site's time zone as the Django template language shows times."""
    if format_string == "c" and value:
        # ISO 8601, which is what Django's "c" gives (isoformat), without its format machinery.
        return timezone.template_localtime(value).isoformat()
    return defaultfilters.date(timezone.template_localtime(value), format_string)


def querystring(request, **changes) -> str:
    """`querystring(request, page=2)`: the request's query with `changes`, as `{% querystring %}`."""
    return defaulttags.querystring(None, request.GET, **changes)  # given the query, the tag reads no context


def environment(**options) -> Environment:
    options.pop("autoescape", None)  # always on: editors' text is untrusted on these pages
    env = Environment(autoescape=True, extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_callables(translation.gettext, translation.ngettext)
    env.globals.update(
        url=url,
        static=static,
        querystring=querystring,
        get_language=translation.get_language,
        article_card=cards.article_card,
        figure_picture=picture,
        article_meta=structured_data.page_meta,
    )
    env.filters.update(
        date=date,
        markdown=rendering.markdown_html,
        json_ld=structured_data.json_ld_script,
    )
    return env
