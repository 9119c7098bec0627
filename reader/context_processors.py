"""Template context every page's frame (base.html) needs."""

import functools

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language_info


@functools.cache
def _frame() -> dict:
    # The same for every request of a process: resolving eight {% url %} and {% static %}
    # tags and the language names on each page took a fifth of rendering base.html.
    return {
        "home_url": reverse("articles:home"),
        "digest_url": reverse("articles:digest"),
        "search_url": reverse("articles:search"),
        "rss_url": reverse("articles:feed_rss"),
        "atom_url": reverse("articles:feed_atom"),
        "favicon_url": static("favicon.svg"),
        "touch_icon_url": static("icon-512.png"),
        "stylesheet_url": static("css/site.css"),
        "script_url": static("js/enhance.js"),
        "languages": [
            {"code": code, "name": get_language_info(code)["name_local"],
             "switch_url": reverse("articles:switch_language", args=[code])}
            for code, _name in settings.LANGUAGES
        ],
    }


@receiver(setting_changed)
def _settings_changed(**kwargs):
    _frame.cache_clear()


def frame(request) -> dict:
    """Links, asset URLs and languages for base.html, as `frame`."""
    return {"frame": _frame()}
