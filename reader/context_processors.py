"""Template context every page's frame (base.html) needs."""

import functools

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_info

from articles import page_keys
from articles.models import Category
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


def header_categories() -> list:
    """The categories the header lists: those readers can open, by name (the page shows `taxonomy`)."""
    showing.shows(page_keys.TAXONOMY)
    return list(Category.objects.public().only("name", "slug").order_by("name"))


@receiver(setting_changed)
def _settings_changed(**kwargs):
    _frame.cache_clear()


def frame(request) -> dict:
    """Links, asset URLs and languages for base.html, as `frame`; the language switch as `language_links`
    and the page's `hreflang` alternates as `alternates` (reader/languages.py)."""
    frame = _frame(translation.get_language())
    switch, alternates = languages.links(request, frame["language_names"])
    return {"frame": frame, "language_links": switch, "alternates": alternates, "header_categories": header_categories}
