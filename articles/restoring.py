"""Bringing back an old revision of a story, as a new revision (through stories.save_story).

Status and publish time stay as they are; a part that cannot come back
(a slug or original URL another story has now, a figure whose file is
gone, a related story that is gone) is left as it is, with a warning.
"""

from django.core.exceptions import SuspiciousFileOperation
from django.db import router, transaction
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from articles import changes, stories
from articles.models import Article, Category, Figure, RelatedLink, Revision, Source, Tag
from articles.story_data import write_corrections, write_key_points
from images import library


def restore(revision: Revision, *, by=None) -> stories.SaveResult:
    """Save `revision`'s content as the story's new revision, by `by`.

    The result's warnings name what could not come back (e.g. a figure whose
    file is gone); its revision is None when the story already reads so.
    """
    data = revision.data
    original = data.get("original", {})
    warnings: list[str] = []
    # Announced once, after the commit; the row stays locked from this read to the save.
    with changes.batched(), transaction.atomic():
        article = Article.objects.select_for_update().get(pk=revision.article_id)
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
        result = stories.save_story(
            article, by=by, summary=_("第%(version)s版を復元") % {"version": revision.version},
            parts=[
                lambda a: a.tags.set([Tag.objects.get_or_create(name=name)[0] for name in data.get("tags", [])]),
                lambda a: write_key_points(a, data.get("key_points", [])),
                lambda a: write_corrections(a, [
                    {"noted_at": parse_datetime(c["noted_at"]), "body": c["body"]}
                    for c in data.get("corrections", [])
                ]),
                lambda a: warnings.extend(_restore_figures(a, data.get("figures", []))),
                lambda a: warnings.extend(_restore_related(a, data.get("related", []))),
            ],
        )
    result.warnings[:0] = warnings
    return result


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
    article.translation_status = status  # stories.save_story moves it, clearing the reviewer


def _restore_figures(article: Article, figures: list[dict]) -> list[str]:
    """The revision's figures, on the library images they showed; one whose file is gone is left out with a warning."""
    warnings = []
    existing = {f.image.name: f for f in article.figures.all()}
    keep = []
    for position, data in enumerate(figures, start=1):
        figure = existing.get(data["image"])
        if figure is None:
            figure, warning = _figure_on_stored_file(article, data, position)
            if warning:
                warnings.append(warning)
                continue
        figure.position = position
        figure.caption = data.get("caption", "")
        figure.original_caption = data.get("original_caption", "")
        figure.credit = data.get("credit", "")
        figure.alt_text = data.get("alt", "")
        figure.video_url = data.get("video_url", "")
        figure.save()
        keep.append(figure.pk)
    article.figures.exclude(pk__in=keep).delete()
    return warnings


def _figure_on_stored_file(article: Article, data: dict, position: int) -> tuple[Figure | None, str]:
    """A new figure of `article` on the library image the revision's figure showed; or a warning.

    The library keeps every image a figure showed (until an editor deletes
    one no figure uses), so the image is found by its stored file or its
    library key. A file from before the library joins it if it is still there.
    """
    try:
        image = library.on_stored_file(
            data["image"], sha256=data.get("library_image", ""), using=router.db_for_write(Figure),
        )
    except (OSError, ValueError, SuspiciousFileOperation):
        return None, _("図%(n)sの画像ファイルが残っていないため、復元できませんでした。") % {"n": position}
    return Figure(article=article, image_item=image), ""


def _restore_related(article: Article, urls: list[str]) -> list[str]:
    targets = {a.original_url: a.pk for a in Article.objects.filter(original_url__in=urls).exclude(pk=article.pk)}
    article.related_links.all().delete()
    RelatedLink.objects.bulk_create(
        RelatedLink(from_article=article, to_article_id=targets[url], position=i)
        for i, url in enumerate((u for u in urls if u in targets), start=1)
    )
    missing = [u for u in urls if u not in targets]
    return [_("関連記事 %(url)s は見つからないため外しました。") % {"url": u} for u in missing]
