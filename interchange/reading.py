"""A file in the interchange format, read from disk and checked in full before anything is written.

Each article is checked on its own (schema.parse_article), then against
the articles before it in the same file: one original URL each, one kind
per source.
"""

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from interchange.schema import MAX_FILE_BYTES, InterchangeError, ParsedArticle, parse_article

Progress = Callable[[int, int], None]
PROGRESS_EVERY = 500  # articles checked between two progress reports


def check_file(path: Path, *, progress: Progress | None = None, max_bytes: int = MAX_FILE_BYTES) -> list[ParsedArticle]:
    """Every article of the file, checked; the first problem raises InterchangeError."""
    raw_articles = read_file(path, max_bytes=max_bytes)
    checker = _Checker(path.parent)
    parsed = []
    for index, raw in enumerate(raw_articles):
        parsed.append(checker.check(index, raw))
        if progress and (index + 1) % PROGRESS_EVERY == 0:
            progress(index + 1, len(raw_articles))
    return parsed


def read_file(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> list:
    """The raw articles of the file, as JSON has them; a file that is not one gets a message naming why."""
    try:
        with Path(path).open("rb") as fh:
            content = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise InterchangeError(f"file not found: {path}")
    except OSError as exc:
        raise InterchangeError(f"{path}: cannot be read: {exc.strerror}")
    if len(content) > max_bytes:
        raise InterchangeError(f"{path}: larger than the limit of {max_bytes:,} bytes (import_articles --max-size)")
    try:
        data = json.loads(content.decode("utf-8"), parse_int=_json_int)
    except UnicodeDecodeError:
        raise InterchangeError(f"{path}: not UTF-8 text")
    except json.JSONDecodeError as exc:
        raise InterchangeError(f"{path}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")
    except RecursionError:
        raise InterchangeError(f"{path}: nested too deeply (arrays or objects inside each other)")
    if not isinstance(data, dict) or not isinstance(data.get("articles"), list):
        raise InterchangeError(f'{path}: expected an object with an "articles" list')
    return data["articles"]


def _json_int(digits: str) -> int | Decimal:
    # Python refuses to turn thousands of digits into an int (ValueError); kept as a number
    # no field accepts, it gets a message naming its field instead of stopping the reading.
    try:
        return int(digits)
    except ValueError:
        return Decimal(digits)


class _Checker:
    """Checks the file's articles in order, against what the articles before them said."""

    def __init__(self, base_dir: Path):
        self.base_dir = base_dir
        self.urls: dict[str, int] = {}
        self.source_kinds: dict[str, ParsedArticle] = {}  # source -> the first article giving its kind
        self.images: dict[str, tuple[Path, str]] = {}  # image paths checked so far -> real path, SHA-256

    def check(self, index: int, raw) -> ParsedArticle:
        article = parse_article(index, raw, self.base_dir, checked_images=self.images)
        url = article.fields["original_url"]
        if url in self.urls:
            raise InterchangeError(
                f"article {index + 1} ({article.fields['title']!r}): field 'original.url': "
                f"same URL as article {self.urls[url] + 1}"
            )
        self.urls[url] = index
        if article.source_kind is not None:
            # A source has one kind: two articles of one file may not disagree about it.
            other = self.source_kinds.setdefault(article.source, article)
            if other.source_kind != article.source_kind:
                raise InterchangeError(
                    f"article {index + 1} ({article.fields['title']!r}): field 'original.kind': "
                    f"{article.source_kind!r}, but article {other.index + 1} gives {other.source_kind!r} "
                    f"for the source {article.source!r}"
                )
        return article

