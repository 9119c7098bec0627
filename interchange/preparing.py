"""What an import makes of each story of the file before writing it: a batch ahead, in a second process for a large file.

A new story's stored HTML and reading time (`Article.derived_from_text`)
and its search document (`search.documents.document_fields`) come from
the file's text alone, and are most of an import's Python time. For a
file of at least SECOND_PROCESS_FROM stories a worker process makes them
for the next batches while this one writes the batch before, so that two
cores are at work; a smaller file has them made here, batch by batch (a
process costs more to start than it would save). Either way the same
function makes them, from the same text.

The worker is forked before the import opens its transaction or starts
a thread, and never touches the database.
"""

import multiprocessing
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import NamedTuple

from articles.models import Article
from interchange.schema import ParsedArticle
from search import documents as search

SECOND_PROCESS_FROM = 2000  # stories in a file
AHEAD = 2  # batches the worker is given before they are needed


class SearchPoint(NamedTuple):
    """A key point as the search document reads it, before it is in the database."""

    heading: str
    body: str


class Prepared(NamedTuple):
    """What a story of the file becomes before it is written."""

    from_text: dict  # Article.derived_from_text
    search_fields: dict | None  # search.documents.document_fields; None when search does not index it


def prepare(stories: list[tuple[Article, list[SearchPoint]]]) -> list[Prepared]:
    """Each story's `Prepared`, from its (unsaved) article and its key points."""
    return [
        Prepared(
            article.derived_from_text(),
            search.document_fields(article, points=points) if search.is_searchable(article) else None,
        )
        for article, points in stories
    ]


def _stories(batch: list[ParsedArticle]) -> list[tuple[Article, list[SearchPoint]]]:
    return [(item.candidate, [SearchPoint(kp["heading"], kp["body"]) for kp in item.key_points]) for item in batch]


@contextmanager
def ahead(parsed: list[ParsedArticle], batch_size: int) -> Iterator[Iterator[list[Prepared]]]:
    """Each batch's `Prepared`, in file order, as the import asks for them (a block: the worker ends with it)."""
    batches = [parsed[start:start + batch_size] for start in range(0, len(parsed), batch_size)]
    if len(parsed) < SECOND_PROCESS_FROM or "fork" not in multiprocessing.get_all_start_methods():
        yield (prepare(_stories(batch)) for batch in batches)
        return
    executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    try:
        # The first batches are handed over now, which forks the worker: before any thread or transaction.
        futures = deque(executor.submit(prepare, _stories(batch)) for batch in batches[:AHEAD])
        yield _in_order(executor, futures, iter(batches[AHEAD:]))
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _in_order(executor: ProcessPoolExecutor, futures: deque[Future], rest: Iterator[list[ParsedArticle]]):
    while futures:
        done = futures.popleft().result()
        following = next(rest, None)
        if following is not None:
            futures.append(executor.submit(prepare, _stories(following)))
        yield done
