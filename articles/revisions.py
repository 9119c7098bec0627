"""Revisions of whole stories: record after each save, compare two (restoring.py brings one back).

A revision's data is the story in the interchange shape (DESIGN §4),
with figures referring to their stored image files, so the same words
describe a story in a backup, in history and on the wire.
"""

import difflib
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from articles import publishing
from articles.field_labels import FIELD_LABELS
from articles.models import Article, Revision
from articles.story_data import StoryParts, story_data
from core.bulk import insert_rows


def snapshot(article: Article, parts: StoryParts | None = None) -> dict:
    """The whole story as plain data (figures by their stored file name); `parts` when not read from the database."""
    figures = parts.figures if parts is not None else list(article.figures.all())
    data = story_data(article, image_names=[f.image.name for f in figures], parts=parts)
    for derived in ("url", "reading_minutes"):
        data.pop(derived, None)
    # The kind belongs to the source, shared by many stories: not part of this story's history.
    data["original"].pop("kind", None)
    return data


def flatten(data: dict) -> dict[str, str]:
    """Each labelled part of a snapshot as text, for summaries and diffs."""
    original = data.get("original", {})
    flat = {}
    for key in FIELD_LABELS:
        if key.startswith("original."):
            value = original.get(key.split(".", 1)[1])
        else:
            value = data.get(key)
        flat[key] = _as_text(key, value)
    return flat


def _as_text(key: str, value) -> str:
    if value is None:
        return ""
    if key == "key_points":
        return "\n\n".join(f"{i}. {kp['heading']}\n{kp['body']}".rstrip() for i, kp in enumerate(value, 1))
    if key == "figures":
        return "\n\n".join(
            "\n".join(filter(None, [f"{i}. {f['image']}", f.get("alt", ""), f.get("caption", ""),
                                    f.get("credit", ""), f.get("video_url", "")]))
            for i, f in enumerate(value, 1)
        )
    if key == "corrections":
        return "\n\n".join(f"{c['noted_at']}\n{c['body']}" for c in value)
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return str(value)


def changed_fields(old: dict | None, new: dict) -> list[str]:
    """Keys of the parts that differ, in reading order."""
    if not old:
        return []
    a, b = flatten(old), flatten(new)
    return [key for key in FIELD_LABELS if a[key] != b[key]]


def record(article: Article, *, by=None, summary: str | None = None) -> Revision | None:
    """Keep a revision if the story differs from its last one; bump the article's version.

    A reviewed translation that `by` changed without being allowed to review
    is reviewed no more (publishing.withdraw_review_after_edit), in the same
    revision. Returns the new revision, or None when nothing changed.
    """
    # Part of the save it records: a failure here undoes that whole save, so no savepoint of its own.
    with transaction.atomic(savepoint=False):
        article = (
            Article.objects.select_for_update(of=("self",)).select_related("category", "source", "reviewed_by")
            .prefetch_related(*STORY_PARTS).get(pk=article.pk)
        )
        data = snapshot(article)
        last = article.revisions.order_by("-version").first()
        if last is not None and last.data == data:
            return None
        changed = changed_fields(last.data, data) if last else []
        if publishing.withdraw_review_after_edit(article, by=by, changed=changed):
            data = snapshot(article)
            changed = changed_fields(last.data, data)
        if summary is None and last is None:
            summary = _("作成")
        Article.objects.filter(pk=article.pk).update(version=F("version") + 1)
        article.refresh_from_db(fields=["version"])
        return Revision.objects.create(
            article=article, version=article.version, created_by=by, summary=(summary or "")[:500],
            changed=changed, data=data,
        )


STORY_PARTS = ("tags", "key_points", "figures", "corrections", "related_links__to_article")


def record_many(article_ids: list[int], *, by=None, chunk: int = 500) -> int:
    """`record` for many articles at once (imports): a few queries per chunk, not per article.

    Returns how many new revisions were kept.
    """
    kept = 0
    for start in range(0, len(article_ids), chunk):
        ids = article_ids[start:start + chunk]
        articles = list(
            Article.objects.filter(pk__in=ids).select_for_update(of=("self",))
            .select_related("category", "source", "reviewed_by").prefetch_related(*STORY_PARTS)
        )
        latest = {}
        for revision in Revision.objects.filter(article_id__in=ids).order_by("article_id", "version"):
            latest[revision.article_id] = revision
        new, bumped = [], []
        for article in articles:
            data = snapshot(article)
            last = latest.get(article.pk)
            if last is not None and last.data == data:
                continue
            article.version += 1
            bumped.append(article)
            new.append(Revision(
                article=article, version=article.version, created_by=by, data=data,
                summary="" if last else _("作成"), changed=changed_fields(last.data, data) if last else [],
            ))
        # Every kept revision moves its article up by one version.
        Article.objects.filter(pk__in=[article.pk for article in bumped]).update(version=F("version") + 1)
        Revision.objects.bulk_create(new, batch_size=chunk)
        kept += len(new)
    return kept


def record_created(articles: list[Article], parts: dict[int, StoryParts], *, by=None, chunk: int = 500) -> None:
    """The first revision of articles just inserted in bulk (at version 1), from what is in memory.

    `parts` holds each article's parts by its id, in the order the database
    lists them, so the snapshot is the one `record` would have read back.
    """
    now, summary = timezone.now(), _("作成")
    by_id = by.pk if by is not None else None
    for start in range(0, len(articles), chunk):
        insert_rows(
            Revision, ("article", "version", "created_at", "created_by", "summary", "changed", "data"),
            ((article.pk, article.version, now, by_id, summary, [], snapshot(article, parts[article.pk]))
             for article in articles[start:start + chunk]),
        )


def changes_since(article_id: int, version: int) -> tuple[list, list[str]]:
    """Who saved the article after `version`, and which parts they changed."""
    revisions = Revision.objects.filter(article_id=article_id)
    later = list(revisions.filter(version__gt=version).select_related("created_by").order_by("version"))
    base = revisions.filter(version=version).first()
    if base is not None and later:
        keys = changed_fields(base.data, later[-1].data)
    else:
        keys = [k for k in FIELD_LABELS if any(k in rev.changed for rev in later)]
    return later, [_(FIELD_LABELS[k]) for k in keys]


@dataclass
class FieldDiff:
    key: str
    label: str
    rows: list[tuple[SafeString, SafeString]]


def diff(old: dict, new: dict) -> list[FieldDiff]:
    """Side-by-side rows (old, new) for each part that differs, with changes marked."""
    a, b = flatten(old), flatten(new)
    result = []
    for key in FIELD_LABELS:
        if a[key] != b[key]:
            result.append(FieldDiff(key, _(FIELD_LABELS[key]), _side_by_side(a[key], b[key])))
    return result


def _side_by_side(old: str, new: str) -> list[tuple[SafeString, SafeString]]:
    left, right = old.split("\n"), new.split("\n")
    rows = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, left, right, autojunk=False).get_opcodes():
        if op == "equal":
            # Safe: the line is escaped.
            rows.extend((mark_safe(escape(line)), mark_safe(escape(line))) for line in left[i1:i2])  # nosec B308, B703
            continue
        olds, news = left[i1:i2], right[j1:j2]
        for k in range(max(len(olds), len(news))):
            o = olds[k] if k < len(olds) else None
            n = news[k] if k < len(news) else None
            rows.append(_mark_line(o, n))
    return rows


def _mark_line(old: str | None, new: str | None) -> tuple[SafeString, SafeString]:
    if old is None:
        # Safe: the text is escaped.
        return mark_safe(""), mark_safe(f"<ins>{escape(new)}</ins>")  # nosec B308, B703
    if new is None:
        # Safe: the text is escaped.
        return mark_safe(f"<del>{escape(old)}</del>"), mark_safe("")  # nosec B308, B703
    out_old, out_new = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            out_old.append(escape(old[i1:i2]))
            out_new.append(escape(new[j1:j2]))
        else:
            if i2 > i1:
                out_old.append(f"<del>{escape(old[i1:i2])}</del>")
            if j2 > j1:
                out_new.append(f"<ins>{escape(new[j1:j2])}</ins>")
    # Safe: every piece was escaped as it was added.
    return mark_safe("".join(out_old)), mark_safe("".join(out_new))  # nosec B308, B703
