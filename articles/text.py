"""Text helpers for articles: slugs, reading time, language codes, the parts of a translation."""

import math
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

JAPANESE_CHARS_PER_MINUTE = 500
ENGLISH_WORDS_PER_MINUTE = 230
SLUG_MAX_LENGTH = 60

# The most characters an editor may save in each long text field, by model and field: far above
# any real story, and low enough that one save (rendering, search, checks) stays quick. Short
# fields have their max_length on the model.
MAX_LENGTHS = {
    "article": {
        "lead": 10_000, "body": 200_000, "impact_analysis": 50_000, "editorial_comment": 50_000,
        "original_body": 200_000, "original_authors": 20_000, "original_affiliations": 20_000,
    },
    "keypoint": {"body": 10_000},
    "correction": {"body": 10_000},
}

# A paragraph of only this places figure N (1-based) there: the one spelling of the marker,
# which rendering, search, reading time and the translation desk all read through.
FIGURE_MARKER = re.compile(r"\[\[figure:(\d+)\]\]")
# Every "[" is matched as far as a link from it could reach; what is not a link is kept as it is.
# No "[" inside that stretch could start a link either, and scanning on from each of them would
# take quadratic time on "[[[[…" or "[a](" repeated.
_LINK = re.compile(r"\[([^\]]*)(?:\]\([^)]*(\))?)?")
_MARKUP = re.compile(r"(^|\s)(#{1,6}|>|[-*+]|\d+\.)\s|[*_`~]+", re.MULTILINE)
# A character every _MARKUP match needs: text without any has nothing to strip (the common case, quickly).
_MARKUP_CHARS = re.compile(r"[#>*+_`~-]|\d\.")
_LATIN_WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:['’.\-][A-Za-z0-9\u00C0-\u024F]+)*")
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def figure_number(paragraph: str) -> int | None:
    """N when the paragraph is only a `[[figure:N]]` marker, else None."""
    match = FIGURE_MARKER.fullmatch(paragraph.strip())
    return int(match.group(1)) if match else None


def markdown_to_text(markdown_text: str) -> str:
    """Markdown as the words a reader sees: no figure markers, link targets or markup, whitespace runs as one space."""
    text = FIGURE_MARKER.sub(" ", markdown_text or "")
    text = _LINK.sub(_link_text, text)
    if _MARKUP_CHARS.search(text):
        text = _MARKUP.sub(r"\1", text)
    return " ".join(text.split())


def _link_text(match: re.Match) -> str:
    return match.group(1) if match.group(2) else match.group(0)


def reading_minutes(markdown_text: str) -> int:
    """Minutes to read a body: 500 Japanese characters or 230 English words a minute.

    Mixed text counts both: Latin words at the English rate and every
    other visible character at the Japanese rate. Rounded half up, at least 1.
    """
    plain = markdown_to_text(markdown_text)
    words = len(_LATIN_WORD.findall(plain))
    rest = _LATIN_WORD.sub(" ", plain)
    chars = sum(map(len, rest.split()))  # the characters that are not whitespace (str.isspace)
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


@dataclass(frozen=True)
class TextPart:
    """One piece of an article's translation an editor wrote: where it lives and what it is called."""

    key: str  # "title", "body", "key_points.2.heading", "figures.1.alt_text", …
    obj: object  # the Article, KeyPoint or Figure holding it
    attr: str
    markdown: bool
    number: int | None = None  # the key point's or figure's number

    @property
    def text(self) -> str:
        return getattr(self.obj, self.attr) or ""

    @property
    def label(self) -> str:
        if self.key.startswith("key_points."):
            if self.attr == "heading":
                return gettext("キーポイント%(n)sの見出し") % {"n": self.number}
            return gettext("キーポイント%(n)sの本文") % {"n": self.number}
        if self.key.startswith("figures."):
            if self.attr == "caption":
                return gettext("図%(n)sのキャプション") % {"n": self.number}
            return gettext("図%(n)sの代替テキスト") % {"n": self.number}
        return gettext(_TRANSLATION_LABELS[self.key])


_TRANSLATION_LABELS = {
    "title": gettext_noop("タイトル"),
    "lead": gettext_noop("リード"),
    "body": gettext_noop("本文"),
    "impact_analysis": gettext_noop("影響分析"),
    "editorial_comment": gettext_noop("編集コメント"),
}


def translation_parts(article) -> list[TextPart]:
    """The translated text of a story in reading order: title, lead, key points, analysis, comment, body,
    then each figure's caption and alt text (readers and share cards show them too).

    Key points and figures come from `article.key_points.all()` and `article.figures.all()` (prefetched or
    one query each).
    """
    parts = [
        TextPart("title", article, "title", False),
        TextPart("lead", article, "lead", True),
    ]
    for n, point in enumerate(article.key_points.all(), start=1):
        parts.append(TextPart(f"key_points.{n}.heading", point, "heading", False, n))
        parts.append(TextPart(f"key_points.{n}.body", point, "body", True, n))
    parts += [
        TextPart("impact_analysis", article, "impact_analysis", True),
        TextPart("editorial_comment", article, "editorial_comment", True),
        TextPart("body", article, "body", True),
    ]
    for n, figure in enumerate(article.figures.all(), start=1):
        parts.append(TextPart(f"figures.{n}.caption", figure, "caption", False, n))
        parts.append(TextPart(f"figures.{n}.alt_text", figure, "alt_text", False, n))
    return parts


# Spans where editor text is not prose: URLs of links, inline and fenced code. No part scans
# past the start of another match of itself (a link target stops at a second unpaired "(", an
# autolink at "<"), so unclosed ones ("](](](…", "<http://<http://…") cost linear time, not quadratic.
_NOT_PROSE = re.compile(
    r"```.*?```|`[^`\n]*`|\]\((?:[^()\n]|\([^()\n]*\))*\)|<https?://[^<>\s]*>|https?://[^\s)<>]+", re.S,
)


def prose_mask(value: str) -> str:
    """`value` with link targets, URLs and code replaced by NUL characters of the same length.

    Offsets stay valid, and checks that look for words never match inside a URL.
    """
    return _NOT_PROSE.sub(lambda m: "\0" * len(m.group(0)), value or "")


def clause(text: str) -> str:
    """`text` without its closing 「。」, to be set inside a longer sentence or before brackets."""
    return str(text).rstrip().rstrip("。.")


def sentence(text: str) -> str:
    """`text` closed by 「。」 unless it already ends a sentence (。！？ or a closing bracket after one)."""
    text = str(text).rstrip()
    return text if not text or text.endswith(("。", "！", "？", "!", "?")) else f"{text}。"
