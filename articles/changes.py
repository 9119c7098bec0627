"""Changes readers could see, announced to whatever keeps copies of public pages.

The newsroom core knows what is public; it does not know who keeps copies
of public pages (the reader site's page cache, later the edge cache). Any
change a reader could see (an article that is or was public, its parts, a
digest, a category, tag or source, a reviewer's name) is announced with
`public_content_changed`; the reader app connects its renewal to it.
Drafts being edited announce nothing.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.dispatch import Signal

from articles.models import PUBLIC_STATUSES, Article

# Sent with no arguments whenever readers could see a change (once for a batch).
public_content_changed = Signal()

_batched: ContextVar[list | None] = ContextVar("newsdesk_public_changes", default=None)


def announce() -> None:
    """Readers could see a change: say so now, or once at the end of the surrounding `batched()`."""
    pending = _batched.get()
    if pending is not None:
        pending.append(True)
        return
    public_content_changed.send(sender=Article)


@contextmanager
def batched():
    """One announcement for many changes (an admin save with its inlines, an import).

    Use it outside the transaction, so the announcement comes after the commit.
    """
    if _batched.get() is not None:
        yield
        return
    pending: list = []
    token = _batched.set(pending)
    try:
        yield
    finally:
        _batched.reset(token)
        if pending:
            announce()


# Receivers of the models' signals (connected in apps.py) ---------------------------------


def article_changed(sender, instance, **kwargs):
    """post_save and post_delete on Article: a change is public if the article is or was."""
    was_public = getattr(instance, "_loaded_status", None) in PUBLIC_STATUSES
    if was_public or instance.status in PUBLIC_STATUSES:
        announce()
    instance._loaded_status = instance.status


def articles_created(articles: list[Article]) -> None:
    """What the post_save receivers do for articles inserted in bulk (bulk inserts send no signals)."""
    for article in articles:
        article_changed(sender=Article, instance=article, created=True)


def article_part_changed(sender, instance, **kwargs):
    """A key point, figure, related pick or correction: public if its article is (or is gone)."""
    article_id = getattr(instance, "article_id", None) or getattr(instance, "from_article_id", None)
    status = Article.objects.filter(pk=article_id).values_list("status", flat=True).first()
    if status is None or status in PUBLIC_STATUSES:
        announce()


def tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """m2m_changed on article tags: tags added to or taken from a public article, from either side."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        public = instance.status in PUBLIC_STATUSES
    elif pk_set is None:  # a tag cleared of all its articles
        public = True
    else:
        public = Article.objects.filter(pk__in=pk_set, status__in=PUBLIC_STATUSES).exists()
    if public:
        announce()


def site_content_changed(sender, instance, **kwargs):
    """A digest, category, tag or source: shown on public pages whatever it belongs to."""
    announce()


_NAME_FIELDS = frozenset({"first_name", "last_name"})


def person_changed(sender, instance, update_fields=None, **kwargs):
    """post_save and pre_delete on accounts: a name public pages show (a translation's reviewer) changed or goes.

    A login's save of last_login only is not a change readers could see.
    """
    if update_fields is not None and not _NAME_FIELDS & set(update_fields):
        return
    if Article.objects.filter(reviewed_by=instance, status__in=PUBLIC_STATUSES).exists():
        announce()
