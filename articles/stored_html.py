"""Keeping what an article's page shows of its key points, corrections and figures (RenderedParts) in step.

An article renders its own Markdown whenever it is saved (`Article.fill_derived_fields`).
Its key points, corrections and figures are rows of their own, written by many paths (the
admin's inlines, imports, restores, the glossary's replacements, renditions rebuilt, a
shell), some in bulk, which sends no signals. So RenderedParts is written again from the rows:

- when a key point, correction or figure is saved or deleted (the receivers, connected in
  apps.py);
- once at the end of a block that writes the parts of given stories (`rendered_once`):
  every story save (`stories.save_story`) and an import's new stories, whatever wrote the
  rows, which covers the bulk writes too. Inside the block the receivers only note the
  story, so a save of ten rows renders once.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction

from articles import changes, page_keys
from articles.models import PUBLIC_STATUSES, Article, Correction, Figure, KeyPoint, RenderedParts
from articles.models.article import MARKDOWN_HTML, STORED_HTML
from articles.models.parts import SHOWN_FIGURE_FIELDS

CHUNK = 500

_deferred: ContextVar[set[int] | None] = ContextVar("newsdesk_stored_html_deferred", default=None)


def refresh_parts(article_ids: Iterable[int]) -> None:
    """Write the articles' RenderedParts again from their rows: a few queries for a chunk of articles."""
    ids = sorted(set(article_ids))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        points, corrections = defaultdict(list), defaultdict(list)
        for article_id, heading, body in KeyPoint.objects.filter(article_id__in=chunk).order_by(
            "article_id", "position", "id",
        ).values_list("article_id", "heading", "body"):
            points[article_id].append((heading, body))
        for article_id, noted_at, body in Correction.objects.filter(article_id__in=chunk).order_by(
            "article_id", "noted_at", "id",
        ).values_list("article_id", "noted_at", "body"):
            corrections[article_id].append((noted_at, body))
        figures = _shown_figures(chunk)
        RenderedParts.objects.bulk_create(
            [
                RenderedParts.of(n, key_points=points[n], corrections=corrections[n], figures=figures[n])
                for n in chunk
            ],
            update_conflicts=True, unique_fields=["article"], update_fields=["key_points", "corrections", "figures"],
        )


def refresh_figures(article_ids: Iterable[int]) -> None:
    """Write only the figures of the articles' RenderedParts again from their rows, when nothing else changed.

    For a change to figures alone (an image's renditions made, for the
    thousands of stories showing it): the key points' and corrections'
    Markdown is not rendered again. An article without RenderedParts yet
    gets them whole.
    """
    ids = sorted(set(article_ids))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        figures = _shown_figures(chunk)
        stored = set(RenderedParts.objects.filter(article_id__in=chunk).values_list("article_id", flat=True))
        RenderedParts.objects.bulk_update(
            [RenderedParts(article_id=n, figures=figures[n]) for n in sorted(stored)],
            ["figures"],
        )
        refresh_parts(n for n in chunk if n not in stored)


def _shown_figures(article_ids: list[int]) -> dict[int, list[dict]]:
    """The articles' figures in page order, as dicts of the SHOWN_FIGURE_FIELDS, by article id."""
    figures = defaultdict(list)
    for figure in Figure.objects.filter(article_id__in=article_ids).order_by(
        "article_id", "position", "id",
    ).values("article_id", *SHOWN_FIGURE_FIELDS):
        figures[figure.pop("article_id")].append(figure)
    return figures


@contextmanager
def rendered_once(article_ids: Iterable[int]) -> Iterator[None]:
    """Write the parts of these (saved) articles inside this block; their RenderedParts follow at its end.

    Run it inside the writer's transaction: nothing is written when the
    block raises, as the transaction rolls back. A block inside another
    renders at the end of the outer one.
    """
    pending = _deferred.get()
    if pending is not None:
        yield
        pending.update(article_ids)
        return
    pending = set(article_ids)
    token = _deferred.set(pending)
    try:
        yield
    finally:
        _deferred.reset(token)
    refresh_parts(pending)


def part_changed(sender, instance, origin=None, raw=False, **kwargs) -> None:
    """post_save/post_delete of a KeyPoint, Correction or Figure: its article's RenderedParts follow."""
    # A fixture being loaded (a restore) brings the RenderedParts it was dumped with.
    if raw:
        return
    # When a whole article is being deleted its parts go first, and nothing of it is left to keep.
    if isinstance(origin, Article) or getattr(origin, "model", None) is Article:
        return
    pending = _deferred.get()
    if pending is not None:
        pending.add(instance.article_id)
    else:
        refresh_parts([instance.article_id])



def render_all() -> int:
    """Render every story's stored HTML again, from its Markdown and its parts; returns how many stories.

    For when the rules of articles/rendering.py change: a sanitizer fix must
    reach the stories saved before it. Readers' copies are told once, after
    the commit.
    """
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    with changes.batched(), transaction.atomic():
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start:start + CHUNK]
            articles = list(Article.objects.filter(pk__in=chunk).only("pk", *MARKDOWN_HTML))
            for article in articles:
                article.render_html()
            Article.objects.bulk_update(articles, STORED_HTML, batch_size=100)
            refresh_parts(chunk)
        public = Article.objects.filter(status__in=PUBLIC_STATUSES).values_list("pk", flat=True)
        changes.announce({key for article_id in public for key in page_keys.content(article_id)})
    return len(ids)
