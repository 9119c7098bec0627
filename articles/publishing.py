"""Editorial workflow steps. Views, admin actions and commands all call these."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Article


def missing_for_publication(article: Article) -> list[str]:
    """What the article lacks before readers may see it, in words an editor understands."""
    missing = []
    if not article.title.strip():
        missing.append(_("タイトル"))
    if not article.lead.strip():
        missing.append(_("リード"))
    if not article.key_points.exists():
        missing.append(_("キーポイント（1つ以上）"))
    if not article.original_url:
        missing.append(_("原文URL"))
    if not article.source_id:
        missing.append(_("ソース"))
    for n, figure in enumerate(article.figures.all(), start=1):
        if not figure.alt_text.strip():
            missing.append(_("図%(n)sの代替テキスト") % {"n": n})
    return missing


def check_complete(article: Article) -> None:
    missing = missing_for_publication(article)
    if missing:
        raise ValidationError(
            _("公開に必要な項目がありません: %(missing)s") % {"missing": "、".join(missing)},
            code="incomplete",
        )


def publish(article: Article, *, by=None, at: datetime | None = None) -> Article:
    """Publish now, or schedule when `at` lies in the future."""
    with transaction.atomic():
        check_complete(article)
        now = timezone.now()
        when = at or article.published_at or now
        if at is None and article.status != Article.Status.SCHEDULED and when > now:
            when = now
        article.published_at = when
        article.status = Article.Status.SCHEDULED if when > now else Article.Status.PUBLISHED
        article.save()
        if by is not None:
            article.editors.add(by)
    return article


def unpublish(article: Article, *, by=None) -> Article:
    """Take an article off the public site; it returns to draft."""
    with transaction.atomic():
        article.status = Article.Status.DRAFT
        article.save()
        if by is not None:
            article.editors.add(by)
    return article
