"""Revisions of whole stories: record after each save, compare two, restore one.

A revision's data is the story in the interchange shape (DESIGN §4),
with figures referring to their stored image files, so the same words
describe a story in a backup, in history and on the wire.
"""

import difflib
from dataclasses import dataclass

from django.core.exceptions import SuspiciousFileOperation
from django.db import router, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from articles import publishing
from articles.field_labels import FIELD_LABELS
from articles.models import Article, Category, Figure, RelatedLink, Revision, Source, Tag
from articles.story_data import story_data, write_corrections, write_key_points
from core.bulk import insert_rows
from images import storage as figure_files


def snapshot(article: Article) -> dict:
    """The whole story as plain data (figures by their stored file name)."""
    figures = list(article.figures.all())
    data = story_data(article, image_names=[f.image.name for f in figures])
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
    with transaction.atomic():
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


def record_created(articles: list[Article], *, by=None, chunk: int = 500) -> None:
    """The first revision of articles just inserted in bulk (at version 1), from the articles in memory.

    Each article must hold its parts (tags, key points, figures, corrections,
    related links) in its prefetch cache, in the order the database lists
    them, so the snapshot is the one `record` would have read back.
    """
    now, summary = timezone.now(), _("作成")
    by_id = by.pk if by is not None else None
    for start in range(0, len(articles), chunk):
        insert_rows(
            Revision, ("article", "version", "created_at", "created_by", "summary", "changed", "data"),
            ((article.pk, article.version, now, by_id, summary, [], snapshot(article))
             for article in articles[start:start + chunk]),
        )


def changes_since(article: Article, version: int) -> tuple[list, list[str]]:
    """Who saved the article after `version`, and which parts they changed."""
    later = list(article.revisions.filter(version__gt=version).select_related("created_by").order_by("version"))
    base = article.revisions.filter(version=version).first()
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


def restore(revision: Revision, *, by=None) -> tuple[Revision | None, list[str]]:
    """Bring back a revision's content as a new revision; status and publish time stay as they are.

    Returns the new revision and warnings (e.g. a figure whose file is gone).
    """
    data = revision.data
    warnings = []
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=revision.article_id)
        original = data.get("original", {})
        for field, value in (
            ("title", data["title"]), ("lead", data["lead"]), ("body", data["body"]),
            ("impact_analysis", data["impact_analysis"]), ("editorial_comment", data["editorial_comment"]),
            ("original_title", original.get("title", "")), ("original_body", original.get("body", "")),
            ("original_author", original.get("author", "")),
            ("original_language", original.get("language", "en")),
        ):
            setattr(article, field, value)
        article.original_published_at = parse_datetime(original["published_at"]) if original.get("published_at") else None
        _restore_later_fields(article, data)
        warnings += _restore_unique_fields(article, data, version=revision.version)
        if original.get("source"):
            article.source = Source.objects.get_or_create(name=original["source"])[0]
        article.category = Category.objects.get_or_create(name=data["category"])[0] if data.get("category") else None
        article.save()
        article.tags.set([Tag.objects.get_or_create(name=name)[0] for name in data.get("tags", [])])
        write_key_points(article, data.get("key_points", []))
        write_corrections(article, [
            {"noted_at": parse_datetime(c["noted_at"]), "body": c["body"]} for c in data.get("corrections", [])
        ])
        warnings += _restore_figures(article, data.get("figures", []))
        warnings += _restore_related(article, data.get("related", []))
        new = record(article, by=by, summary=_("第%(version)s版を復元") % {"version": revision.version})
    return new, warnings


def _restore_unique_fields(article: Article, data: dict, *, version: int) -> list[str]:
    """The revision's slug and original URL, unless another article has taken them since; then a warning.

    A slug another article used before stays that article's too: its old URL
    redirects there.
    """
    warnings = []
    slug = data.get("slug")
    if slug and slug != article.slug:
        if article.slug_is_free(slug):
            article.slug = slug
        else:
            warnings.append(_(
                "第%(version)s版のスラッグ「%(slug)s」は別の記事が使っている（または以前使っていた）ため、"
                "今のスラッグ「%(current)s」のままにしました。"
            ) % {"version": version, "slug": slug, "current": article.slug})
    url = data.get("original", {}).get("url", "")
    if url and url != article.original_url:
        if Article.objects.filter(original_url=url).exclude(pk=article.pk).exists():
            warnings.append(_(
                "第%(version)s版の原文URL %(url)s は別の記事が使っているため、今の原文URLのままにしました。"
            ) % {"version": version, "url": url})
        else:
            article.original_url = url
    return warnings


def _restore_later_fields(article: Article, data: dict) -> None:
    """Fields added to the story after older revisions were kept: restored only when the revision has them."""
    original = data.get("original", {})
    for key, field in (("arxiv_id", "original_arxiv_id"), ("pdf_url", "original_pdf_url"),
                       ("code_url", "original_code_url")):
        if key in original:
            setattr(article, field, original[key] or "")
    for key, field in (("authors", "original_authors"), ("affiliations", "original_affiliations")):
        if key in original:
            setattr(article, field, "\n".join(original[key] or []))
    _restore_translation_status(article, data.get("translation_status"))


def _restore_translation_status(article: Article, status: str | None) -> None:
    """A restore never makes a translation reviewed, and never withdraws a review by itself.

    "Reviewed" vouches for the text an editor read, so it is kept as it is and
    record() withdraws it when the restorer may not review; other statuses
    (machine draft, human edited) come back with their text.
    """
    reviewed = Article.TranslationStatus.REVIEWED
    if not status or status == reviewed or article.translation_status == reviewed:
        return
    article.translation_status = status
    article.reviewed_by = None
    article.reviewed_at = None


def _restore_figures(article: Article, figures: list[dict]) -> list[str]:
    """The revision's figures, on the image files they had; a file that is gone, or now another
    story's, is left out with a warning (never taken from the figure that uses it)."""
    warnings = []
    existing = {f.image.name: f for f in article.figures.all()}
    keep = []
    for position, data in enumerate(figures, start=1):
        figure = existing.get(data["image"])
        if figure is None:
            figure, warning = _figure_on_stored_file(article, data["image"], position)
            if warning:
                warnings.append(warning)
                continue
        figure.position = position
        figure.caption = data.get("caption", "")
        figure.credit = data.get("credit", "")
        figure.alt_text = data.get("alt", "")
        figure.video_url = data.get("video_url", "")
        figure.save()
        keep.append(figure.pk)
    article.figures.exclude(pk__in=keep).delete()
    return warnings


def _figure_on_stored_file(article: Article, name: str, position: int) -> tuple[Figure | None, str]:
    """A new figure of `article` on the stored image `name`, with its renditions made again; or a warning."""
    if Figure.objects.filter(image=name).exclude(article=article).exists():
        # Before stored names were unique, a freed name could be given to another upload.
        return None, _(
            "図%(n)sの画像ファイルは別の記事の図が使っているため、復元できませんでした。画像をアップロードし直してください。"
        ) % {"n": position}
    try:
        figure = Figure(article=article, image=name)  # reads the image's size from the file
        figure_files.rebuild_renditions(figure, using=router.db_for_write(Figure, instance=figure))
    except (OSError, ValueError, SuspiciousFileOperation):
        return None, _("図%(n)sの画像ファイルが残っていないため、復元できませんでした。") % {"n": position}
    return figure, ""


def _restore_related(article: Article, urls: list[str]) -> list[str]:
    targets = {a.original_url: a.pk for a in Article.objects.filter(original_url__in=urls).exclude(pk=article.pk)}
    article.related_links.all().delete()
    RelatedLink.objects.bulk_create(
        RelatedLink(from_article=article, to_article_id=targets[url], position=i)
        for i, url in enumerate((u for u in urls if u in targets), start=1)
    )
    missing = [u for u in urls if u not in targets]
    return [_("関連記事 %(url)s は見つからないため外しました。") % {"url": u} for u in missing]
