"""Changes readers could see, announced with the page keys they touch (articles/page_keys.py).

The newsroom core knows what is public; it does not know who keeps copies
of public pages (the reader site's page cache, the edge cache in front of
it). Any change a reader could see (a story that is or was public, its
parts, a digest, a category, tag or source, a reviewer's name) is announced
with `public_content_changed` and the keys of the pages it touches; the
reader app renews and purges them. Drafts being edited announce nothing.
"""

from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar

from django.dispatch import Signal

from articles import page_keys
from articles.models import PUBLIC_STATUSES, Article, Category, DailyDigest, Source, Tag

# Sent with `keys` (a frozenset of page keys) whenever readers could see a change (once for a batch).
public_content_changed = Signal()

_batched: ContextVar[set | None] = ContextVar("newsdesk_public_changes", default=None)


def announce(keys: Iterable[str]) -> None:
    """Readers could see a change to `keys`: say so now, or once at the end of the surrounding `batched()`."""
    keys = set(keys)
    if not keys:
        return
    pending = _batched.get()
    if pending is not None:
        pending |= keys
        return
    public_content_changed.send(sender=Article, keys=frozenset(keys))


@contextmanager
def batched():
    """One announcement for many changes (an admin save with its inlines, an import).

    Use it outside the transaction, so the announcement comes after the commit.
    """
    if _batched.get() is not None:
        yield
        return
    pending: set = set()
    token = _batched.set(pending)
    try:
        yield
    finally:
        _batched.reset(token)
        announce(pending)


# What a story was and is --------------------------------------------------------------------


def _state(values: dict) -> page_keys.StoryState:
    return page_keys.StoryState(
        public=values["status"] in PUBLIC_STATUSES,
        card=tuple(values[name] for name in page_keys.CARD_FIELDS),
        published_at=values["published_at"], category_id=values["category_id"], source_id=values["source_id"],
    )


def _shown_values(article: Article) -> dict:
    return {name: getattr(article, name) for name in page_keys.CARD_FIELDS}


def _tag_ids(article_id: int) -> list[int]:
    return list(Article.tags.through.objects.filter(article_id=article_id).values_list("tag_id", flat=True))


# Receivers of the models' signals (connected in apps.py) ---------------------------------


def _loaded_whole(instance: Article) -> dict | None:
    """What readers saw of the article as it was loaded, if every field a card shows was loaded."""
    loaded = getattr(instance, "_loaded_card", None)
    return loaded if loaded and len(loaded) == len(page_keys.CARD_FIELDS) else None


def article_saving(sender, instance, **kwargs):
    """pre_save on Article: what readers saw of it, when it was not loaded whole (an import's own instance)."""
    if instance.pk is None or instance._state.adding or _loaded_whole(instance):
        return
    stored = Article.objects.filter(pk=instance.pk).values(*page_keys.CARD_FIELDS).first()
    instance._loaded_card = stored or {}


def _before(instance: Article) -> page_keys.StoryState | None:
    loaded = _loaded_whole(instance)
    return _state(loaded) if loaded else None


def article_saved(sender, instance, created=False, **kwargs):
    """post_save on Article: the keys of the pages it was or is on."""
    before = None if created else _before(instance)
    shown = _shown_values(instance)
    announce(page_keys.story_change(instance.pk, before, _state(shown), lambda: _tag_ids(instance.pk)))
    instance._loaded_card = shown


def article_deleting(sender, instance, **kwargs):
    """pre_delete on Article: what readers saw of it and its tags (its links are gone by post_delete)."""
    article_saving(sender, instance)
    tag_ids = _tag_ids(instance.pk)
    instance._deleted_keys = page_keys.story_change(instance.pk, _before(instance), None, lambda: tag_ids)


def article_deleted(sender, instance, **kwargs):
    """post_delete on Article: the pages it was on."""
    announce(getattr(instance, "_deleted_keys", ()))


def articles_created(created: list[tuple[Article, list[int]]]) -> None:
    """What the post_save receiver does for articles inserted in bulk, each with its tags' ids (bulk inserts send no signals)."""
    keys: set = set()
    for article, tag_ids in created:
        keys |= page_keys.story_change(article.pk, None, _state(_shown_values(article)), lambda tag_ids=tag_ids: tag_ids)
    announce(keys)


def article_part_changed(sender, instance, **kwargs):
    """A key point, figure, related pick or correction: its story's page, if readers can see the story."""
    parts_changed([getattr(instance, "article_id", None) or getattr(instance, "from_article_id", None)])


def parts_changed(article_ids: Iterable[int]) -> None:
    """Parts of these stories were written (in bulk too): the pages of those readers can see."""
    public = Article.objects.filter(pk__in=set(article_ids), status__in=PUBLIC_STATUSES).values_list("pk", flat=True)
    keys: set = set()
    for article_id in public:
        keys |= page_keys.content(article_id)
    if keys:
        announce(keys | {page_keys.STORIES})


def tags_clearing(sender, instance, action, reverse, **kwargs):
    """m2m_changed pre_clear: which links a clear() is about to remove (post_clear names none)."""
    if action != "pre_clear":
        return
    links = Article.tags.through.objects
    if reverse:
        instance._cleared_ids = list(links.filter(tag=instance).values_list("article_id", flat=True))
    else:
        instance._cleared_ids = list(links.filter(article=instance).values_list("tag_id", flat=True))


def tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """m2m_changed on article tags: tags added to or taken from public stories, from either side."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if action == "post_clear":
        pk_set = getattr(instance, "_cleared_ids", ())
    if not reverse:
        if instance.status in PUBLIC_STATUSES:
            announce(page_keys.tagging_change(instance.pk, pk_set))
        return
    public = Article.objects.filter(pk__in=pk_set, status__in=PUBLIC_STATUSES).values_list("pk", flat=True)
    keys: set = set()
    for article_id in public:
        keys |= page_keys.tagging_change(article_id, [instance.pk])
    announce(keys)


_SUBJECT_KEYS = {Category: page_keys.category, Source: page_keys.source, Tag: page_keys.tag}


def filing_subject_changed(sender, instance, **kwargs):
    """A category, source or tag: its name and address wherever they show (a new one shows nowhere yet)."""
    if kwargs.get("created"):
        return
    subject = _SUBJECT_KEYS[sender](instance.pk)
    announce({subject, page_keys.listing(subject), page_keys.TAXONOMY})


def digest_changed(sender, instance, **kwargs):
    """A digest or one of its entries: that day's digest."""
    digest = instance if isinstance(instance, DailyDigest) else DailyDigest.objects.filter(pk=instance.digest_id).first()
    if digest is not None:
        announce({page_keys.digest(digest.date)})


def front_page_changed(sender, instance, **kwargs):
    """A front page slot pinned, moved or let go: the front page."""
    announce({page_keys.FRONT})


def stories_published_in_place(article_ids: Iterable[int]) -> None:
    """Scheduled stories whose status says published now (a queryset update sends no signals).

    Readers saw them from their time on; only what shows the status changes.
    """
    announce({key for article_id in article_ids for key in (*page_keys.content(article_id), page_keys.card(article_id))})


_NAME_FIELDS = frozenset({"first_name", "last_name"})


def person_changed(sender, instance, update_fields=None, **kwargs):
    """post_save and pre_delete on accounts: a name public pages show (a translation's reviewer) changed or goes.

    A login's save of last_login only is not a change readers could see.
    """
    if update_fields is not None and not _NAME_FIELDS & set(update_fields):
        return
    reviewed = Article.objects.filter(reviewed_by=instance, status__in=PUBLIC_STATUSES).values_list("pk", flat=True)
    announce({page_keys.story(article_id) for article_id in reviewed})

