"""Template context every page's frame (base.html) needs."""

import functools

from django.conf import settings
from django.core.signals import setting_changed
from django.db import connection
from django.dispatch import receiver
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language_info

from articles import page_keys
from articles.models import PUBLIC_STATUSES, Article, Category
from reader import languages, showing


@functools.cache
def _frame(language: str) -> dict:
    # The same for every request of a process in one language: resolving eight {% url %} and
    # {% static %} tags and the language names on each page took a fifth of rendering base.html.
    with translation.override(language):
        links = {
            "home_url": reverse("articles:home"),
            "latest_url": reverse("articles:latest"),
            "digest_url": reverse("articles:digest"),
            "search_url": reverse("articles:search"),
        }
    # Feeds have one URL in every language (reader/languages.py).
    with translation.override(settings.LANGUAGE_CODE):
        feeds = {"rss_url": reverse("articles:feed_rss"), "atom_url": reverse("articles:feed_atom")}
    return {
        **links, **feeds,
        "favicon_url": static("favicon.svg"),
        "touch_icon_url": static("icon-512.png"),
        "stylesheet_url": static("css/site.css"),
        "script_url": static("js/enhance.js"),
        "language_names": {code: get_language_info(code)["name_local"] for code, _name in settings.LANGUAGES},
    }


# Categories readers can open (Category.objects.public(): one published story at least), by name.
# Written as SQL because every page lists them: building the EXISTS with the ORM cost several
# times what the database spends answering it.
_HEADER_CATEGORIES = """
SELECT c.id, c.name, c.slug FROM {categories} c
 WHERE EXISTS (SELECT 1 FROM {articles} a
                WHERE a.category_id = c.id AND a.status IN ({public}) AND a.published_at <= %s)
 ORDER BY c.name
"""


@functools.cache
def _header_categories_sql() -> str:
    return _HEADER_CATEGORIES.format(
        categories=Category._meta.db_table, articles=Article._meta.db_table,
        public=", ".join(["%s"] * len(PUBLIC_STATUSES)),
    )


def header_categories() -> list:
    """The categories the header lists: those readers can open, by name (the page shows `taxonomy`)."""
    showing.shows(page_keys.TAXONOMY)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    return list(Category.objects.raw(_header_categories_sql(), [*PUBLIC_STATUSES, now]))


@receiver(setting_changed)
def _settings_changed(**kwargs):
    _frame.cache_clear()


def frame(request) -> dict:
    """Links, asset URLs and languages for base.html, as `frame`; the language switch as `language_links`
    and the page's `hreflang` alternates as `alternates` (reader/languages.py)."""
    frame = _frame(translation.get_language())
    switch, alternates = languages.links(request, frame["language_names"])
    return {"frame": frame, "language_links": switch, "alternates": alternates, "header_categories": header_categories}
