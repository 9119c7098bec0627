"""Values the models share: field validators and helpers."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DEFERRED_VALUE = object()  # a field not loaded, so unlike any value

ARXIV_ID = re.compile(r"^(?:\d{4}\.\d{4,5}|[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$")


def validate_arxiv_id(value: str) -> None:
    """An arXiv identifier such as 2611.01234, 2611.01234v2 or hep-th/9901001."""
    if value and not ARXIV_ID.match(value):
        raise ValidationError(
            _("arXiv IDの形式が正しくありません（例: 2611.01234、2611.01234v2）: %(value)s"),
            params={"value": value}, code="invalid_arxiv_id",
        )


def split_lines(value: str) -> list[str]:
    """Non-empty, stripped lines of a one-item-per-line field, without repeats."""
    return list(dict.fromkeys(line.strip() for line in (value or "").splitlines() if line.strip()))
