"""Sources' feeds, and the items they bring into the inbox (入稿候補) until an editor starts or passes them."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Source


class Feed(models.Model):
    source = models.ForeignKey(Source, verbose_name=_("ソース"), on_delete=models.CASCADE, related_name="feeds")
    url = models.URLField(_("フィードURL"), max_length=500, unique=True, help_text=_("RSS または Atom のURL。"))
    title = models.CharField(_("フィード名"), max_length=300, blank=True)
    # What the last answer said, sent back for a conditional GET.
    etag = models.CharField(_("ETag"), max_length=300, blank=True, editable=False)
    last_modified = models.CharField(_("Last-Modified"), max_length=100, blank=True, editable=False)
    last_polled_at = models.DateTimeField(_("最終取得"), null=True, blank=True, editable=False)
    last_error = models.TextField(_("直近のエラー"), blank=True, editable=False)
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    class Meta:
        ordering = ("source__name", "url")
        verbose_name = _("フィード")
        verbose_name_plural = _("フィード")

    def __str__(self):
        return self.title or self.url


class InboxItemQuerySet(models.QuerySet):
    def waiting(self):
        """Items nobody has started or passed yet."""
        return self.filter(state=InboxItem.State.NEW)

    def with_existing_story(self):
        """Each item with `existing_story_id`: the story whose original is this item's URL, if any."""
        stories = Article.objects.filter(Q(original_url=OuterRef("url")) | Q(original_url=OuterRef("canonical_url")))
        return self.annotate(
            has_story=Exists(stories),
            existing_story_id=models.Subquery(stories.values("pk")[:1]),
        )


class InboxItem(models.Model):
    class State(models.TextChoices):
        NEW = "new", _("未対応")
        STARTED = "started", _("翻訳開始")
        PASSED = "passed", _("見送り")

    feed = models.ForeignKey(
        Feed, verbose_name=_("フィード"), on_delete=models.SET_NULL, null=True, blank=True, related_name="items",
    )
    source = models.ForeignKey(Source, verbose_name=_("ソース"), on_delete=models.CASCADE, related_name="inbox_items")
    title = models.CharField(_("見出し"), max_length=500)
    url = models.URLField(_("URL"), max_length=1000)
    canonical_url = models.URLField(
        _("正規化URL"), max_length=1000, unique=True,
        help_text=_("重複を見分けるためのURL（追跡用パラメータや # 以降を除いたもの）。"),
    )
    published_at = models.DateTimeField(_("公開日時"), null=True, blank=True)
    summary = models.TextField(_("概要"), blank=True)
    state = models.CharField(_("状態"), max_length=10, choices=State.choices, default=State.NEW, db_index=True)
    found_at = models.DateTimeField(_("取得日時"), auto_now_add=True, db_index=True)
    article = models.ForeignKey(
        Article, verbose_name=_("記事"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="inbox_items",
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("担当"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("対応日時"), null=True, blank=True)
    # The page's main text as ingest/extraction.py found it, for the preview and the draft.
    extracted_at = models.DateTimeField(_("本文の取得日時"), null=True, blank=True, editable=False)
    extracted = models.JSONField(_("抽出した原文"), default=dict, blank=True, editable=False)

    objects = InboxItemQuerySet.as_manager()

    class Meta:
        ordering = ("-published_at", "-found_at", "-id")
        verbose_name = _("入稿候補")
        verbose_name_plural = _("入稿候補")

    def __str__(self):
        return self.title


class OriginalCheckQuerySet(models.QuerySet):
    def changed(self):
        return self.filter(state=OriginalCheck.State.CHANGED)


class OriginalCheck(models.Model):
    """A published story's original, re-read for a while after publication: has the outlet changed it since?"""

    class State(models.TextChoices):
        WATCHING = "watching", _("変更なし")
        CHANGED = "changed", _("原文に変更あり")

    article = models.OneToOneField(
        Article, verbose_name=_("記事"), on_delete=models.CASCADE, related_name="original_check",
    )
    translated_body = models.TextField(
        _("翻訳した時点の原文"), blank=True, help_text=_("比べる基準。対応済みにすると、その時点の原文が新しい基準になります。"),
    )
    current_body = models.TextField(_("現在の原文"), blank=True)
    state = models.CharField(_("状態"), max_length=10, choices=State.choices, default=State.WATCHING, db_index=True)
    checked_at = models.DateTimeField(_("最終確認"), null=True, blank=True)
    changed_at = models.DateTimeField(_("変更を見つけた日時"), null=True, blank=True)
    last_error = models.TextField(_("直近のエラー"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("対応者"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("対応日時"), null=True, blank=True)

    objects = OriginalCheckQuerySet.as_manager()

    class Meta:
        ordering = ("-changed_at", "-checked_at")
        verbose_name = _("原文の更新")
        verbose_name_plural = _("原文の更新")

    def __str__(self):
        return str(self.article)
