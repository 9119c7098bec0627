from django.contrib import admin, messages
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import publishing
from .forms import ArticleAdminForm, InlineForm
from .models import (
    Article, Category, Correction, DailyDigest, DigestEntry, Figure, KeyPoint, RelatedLink, Source, Tag,
)


class OrderedInlineMixin:
    """Inlines ordered by a `position` field, renumbered 1..n on save.

    The admin script adds drag handles and up/down buttons that rewrite the
    position numbers; without JavaScript, editing the numbers works too.
    """

    form = InlineForm
    extra = 0
    classes = ("nd-ordered",)


class KeyPointInline(OrderedInlineMixin, admin.TabularInline):
    model = KeyPoint
    fields = ("position", "heading", "body")
    extra = 1
    formfield_overrides = {models.TextField: {"widget": admin.widgets.AdminTextareaWidget(attrs={"rows": 3})}}


class FigureInline(OrderedInlineMixin, admin.StackedInline):
    model = Figure
    fields = ("position", ("image", "thumbnail"), "alt_text", ("caption", "credit"), "video_url")
    readonly_fields = ("thumbnail",)

    @admin.display(description=_("プレビュー"))
    def thumbnail(self, figure):
        if not figure.image:
            return "—"
        return format_html(
            '<img src="{}" alt="" class="nd-thumb" width="{}" height="{}">',
            figure.image.url, 160, round(160 * (figure.height or 9) / (figure.width or 16)),
        )


class RelatedLinkInline(OrderedInlineMixin, admin.TabularInline):
    model = RelatedLink
    fk_name = "from_article"
    fields = ("position", "to_article")
    autocomplete_fields = ("to_article",)


class CorrectionInline(admin.TabularInline):
    model = Correction
    form = InlineForm
    extra = 0
    fields = ("noted_at", "body")


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
    save_on_top = True
    fieldsets = (
        (_("原文と翻訳"), {
            "fields": ("original_title", "title", "original_body", "body"),
            "classes": ("nd-bilingual",),
            "description": _("左が原文、右が翻訳です。"),
        }),
        (_("要約と分析"), {"fields": ("lead", "impact_analysis", "editorial_comment")}),
        (_("原文の情報"), {
            "fields": ("original_url", "source", "original_author", "original_published_at", "original_language"),
        }),
        (_("分類と公開"), {"fields": ("category", "tags", "status", "published_at", "slug")}),
    )
    inlines = (KeyPointInline, FigureInline, RelatedLinkInline, CorrectionInline)
    autocomplete_fields = ("source", "category", "tags")
    list_display = (
        "title", "status", "is_published", "category", "source", "published_at", "reading_minutes",
    )
    list_filter = ("status", "category", "source", "tags")
    list_select_related = ("category", "source")
    search_fields = ("title", "original_title", "original_url")
    date_hierarchy = "published_at"
    readonly_fields = ()

    @admin.display(boolean=True, description=_("公開中"))
    def is_published(self, article):
        return article.is_published()

    def save_model(self, request, obj, form, change):
        obj._status_before = form.initial.get("status", Article.Status.DRAFT) if change else Article.Status.DRAFT
        super().save_model(request, obj, form, change)
        obj.editors.add(request.user)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if issubclass(formset.model, (KeyPoint, Figure, RelatedLink)):
            renumber(formset)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        if article.status in (Article.Status.PUBLISHED, Article.Status.SCHEDULED):
            missing = publishing.missing_for_publication(article)
            if missing:
                article.status = article._status_before
                if article.status in (Article.Status.PUBLISHED, Article.Status.SCHEDULED):
                    article.status = Article.Status.DRAFT
                article.save(update_fields=["status"])
                self.message_user(
                    request,
                    _("公開できませんでした。不足している項目: %(missing)s。内容は「%(status)s」として保存しました。")
                    % {"missing": "、".join(missing), "status": article.get_status_display()},
                    messages.WARNING,
                )


def renumber(formset) -> None:
    """Give the rows positions 1..n in the order the editor asked for."""
    model = formset.model
    rows = list(model.objects.filter(**{formset.fk.name: formset.instance}).order_by("position", "id"))
    changed = [row for n, row in enumerate(rows, start=1) if row.position != n]
    for n, row in enumerate(rows, start=1):
        row.position = n
    if changed:
        model.objects.bulk_update(changed, ["position"])


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "home_url")
    list_filter = ("kind",)
    search_fields = ("name",)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)


class DigestEntryInline(OrderedInlineMixin, admin.TabularInline):
    model = DigestEntry
    fields = ("position", "article")
    autocomplete_fields = ("article",)


@admin.register(DailyDigest)
class DailyDigestAdmin(admin.ModelAdmin):
    list_display = ("date", "note")
    date_hierarchy = "date"
    inlines = (DigestEntryInline,)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        renumber(formset)
