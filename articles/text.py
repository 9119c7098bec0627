"""Text helpers for articles: slugs, reading time, language codes."""

import math
import re

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_lazy as _

JAPANESE_CHARS_PER_MINUTE = 500
ENGLISH_WORDS_PER_MINUTE = 230
SLUG_MAX_LENGTH = 60

_FIGURE_MARKER = re.compile(r"\[\[figure:\d+\]\]")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_MARKUP = re.compile(r"[#>*_`~\[\]|\-]+")
_LATIN_WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:['’.\-][A-Za-z0-9\u00C0-\u024F]+)*")
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def reading_minutes(markdown_text: str) -> int:
    """Minutes to read a body: 500 Japanese characters or 230 English words a minute.

    Mixed text counts both: Latin words at the English rate and every
    other visible character at the Japanese rate. Rounded half up, at least 1.
    """
    plain = _FIGURE_MARKER.sub(" ", markdown_text or "")
    plain = _LINK_TARGET.sub("]", plain)
    plain = _MARKUP.sub(" ", plain)
    words = len(_LATIN_WORD.findall(plain))
    rest = _LATIN_WORD.sub(" ", plain)
    chars = sum(1 for ch in rest if not ch.isspace())
    minutes = chars / JAPANESE_CHARS_PER_MINUTE + words / ENGLISH_WORDS_PER_MINUTE
    return max(1, math.floor(minutes + 0.5))


def slug_source(original_title: str, title: str) -> str:
    """Prefer the original's title for slugs: it gives short ASCII URLs."""
    if slugify(original_title or ""):
        return original_title
    return title


def make_slug(value: str, *, max_length: int = SLUG_MAX_LENGTH) -> str:
    slug = slugify(value or "") or slugify(value or "", allow_unicode=True)
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug.strip("-") or "item"


def unique_slug(instance, value: str) -> str:
    """A slug for `instance` that no other row of its model uses."""
    base = make_slug(value)
    model = type(instance)
    others = model._default_manager.exclude(pk=instance.pk) if instance.pk else model._default_manager.all()
    slug, n = base, 2
    while others.filter(slug=slug).exists() or _is_old_slug(model, slug, instance):
        slug = f"{base}-{n}"
        n += 1
    return slug


def _is_old_slug(model, slug, instance) -> bool:
    old_slugs = getattr(model, "old_slugs", None)
    if old_slugs is None:
        return False
    return old_slugs.rel.related_model.objects.filter(old_slug=slug).exclude(article_id=instance.pk).exists()


def validate_language_code(value: str) -> None:
    if not _LANGUAGE_CODE.match(value or ""):
        raise ValidationError(
            _("言語コードが正しくありません（例: en, de, zh-Hant）: %(value)s"),
            params={"value": value},
            code="invalid_language",
        )


def join_words(words) -> str:
    """Join items into one phrase in the active language (「タイトル、リード」 / "Title, Lead")."""
    return gettext("、").join(str(w) for w in words)


def normalize_newlines(value: str) -> str:
    return (value or "").replace("\r\n", "\n").replace("\r", "\n")
