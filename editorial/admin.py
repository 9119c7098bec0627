from django.contrib import admin, messages
from django.contrib.admin.checks import ModelAdminChecks
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles import changes, previews, publishing, revisions
from articles.models import (
    PUBLIC_STATUSES,
    Article,
    Category,
    Correction,
    DailyDigest,
    DigestEntry,
    Figure,
    GlossaryTerm,
    KeyPoint,
    RelatedLink,
    Source,
    Tag,
)
from articles.text import join_words
from editorial import conflicts, users_admin  # noqa: F401  (users_admin: Chief editors manage accounts)
from editorial.forms import FORM_RENDERER, ArticleAdminForm, CheckedImageField, FigureFormSet, InlineForm
from search import index as search
from translation import alignment, glossary, typography


class StoryPartMixin:
    """Rows of a story may be edited exactly when the story itself may be."""

    def get_formset(self, request, obj=None, **kwargs):
        # The rows render like the story's own form (forms.FormRenderer).
        return super().get_formset(request, obj, **{"renderer": FORM_RENDERER, **kwargs})

    def _story_editable(self, request, obj):
        return obj is None or self.admin_site.get_model_admin(Article).has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._story_editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._story_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._story_editable(request, obj)


class OrderedInlineMixin:
    """Inlines ordered by a `position` field, renumbered 1..n on save.

    The admin script adds drag handles and up/down buttons that rewrite the
    position numbers; without JavaScript, editing the numbers works too.
    """

    form = InlineForm
    extra = 0
    classes = ("nd-ordered",)


class KeyPointInline(StoryPartMixin, OrderedInlineMixin, admin.TabularInline):
    model = KeyPoint
    fields = ("position", "heading", "body")
    extra = 1
    formfield_overrides = {models.TextField: {"widget": admin.widgets.AdminTextareaWidget(attrs={"rows": 3})}}


class FigureInline(StoryPartMixin, OrderedInlineMixin, admin.StackedInline):
    model = Figure
    formset = FigureFormSet
    formfield_overrides = {models.ImageField: {"form_class": CheckedImageField}}
    fields = ("position", ("image", "thumbnail"), "alt_text", ("caption", "credit"), "video_url")
    readonly_fields = ("thumbnail",)

    @admin.display(description=_("プレビュー"))
    def thumbnail(self, figure):
        if not figure.image:
            return "—"
        small = figure.rendition(480)
        url = figure.image.storage.url(small["jpeg"]) if small else figure.image.url
        return format_html(
            '<img src="{}" alt="" class="nd-thumb" width="{}" height="{}">',
            url, 160, round(160 * (figure.height or 9) / (figure.width or 16)),
        )


class RelatedLinkInline(StoryPartMixin, OrderedInlineMixin, admin.TabularInline):
    model = RelatedLink
    fk_name = "from_article"
    fields = ("position", "to_article")
    autocomplete_fields = ("to_article",)

    def get_queryset(self, request):
        # Each row is titled with the picked article's headline.
        return super().get_queryset(request).select_related("to_article")


class CorrectionInline(StoryPartMixin, admin.TabularInline):
    model = Correction
    form = InlineForm
    extra = 0
    fields = ("noted_at", "body")


class ArticleAdminChecks(ModelAdminChecks):
    """The admin's own checks, except that the form may include `tags`, which has a link model.

    Django leaves such a field out of forms because the link's other columns
    would stay empty; ArticleTag's only one, the publish time, is copied from
    the article whenever a link is made (models.tag_links_added).
    """

    def _check_field_spec_item(self, obj, field_name, label):
        if field_name == "tags":
            return []
        return super()._check_field_spec_item(obj, field_name, label)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    checks_class = ArticleAdminChecks
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
            "fields": (
                "original_url", "source", "original_author", "original_published_at", "original_language",
                "original_arxiv_id", ("original_authors", "original_affiliations"),
                ("original_pdf_url", "original_code_url"),
            ),
            "description": _("arXiv ID・著者・所属機関・PDF・コードは、ソースの種別が「論文」のときに読者へ表示されます。"),
        }),
        (_("分類と公開"), {"fields": (
            "category", "tags", "translation_status", "reviewed_info", "status", "confirm_machine_translation",
            "published_at", "slug", "form_version",
        )}),
    )
    readonly_fields = ("reviewed_info",)
    inlines = (KeyPointInline, FigureInline, RelatedLinkInline, CorrectionInline)
    autocomplete_fields = ("source", "category", "tags")
    list_display = (
        "title", "status_info", "is_published", "translation_status", "category", "source", "published_at",
        "reading_minutes",
    )
    list_filter = ("status", "translation_status", "category", "source", "tags")
    list_select_related = ("category", "source", "status_changed_by")
    search_fields = ("title", "original_title", "original_url")
    date_hierarchy = "published_at"
    actions = ("publish_selected", "submit_selected", "unpublish_selected")

    @admin.display(boolean=True, description=_("公開中"))
    def is_published(self, article):
        return article.is_published()

    @admin.display(description=_("ステータス"), ordering="status")
    def status_info(self, article):
        if not article.status_changed_at:
            return article.get_status_display()
        who = article.status_changed_by.get_username() if article.status_changed_by else _("システム")
        when = timezone.localtime(article.status_changed_at).strftime("%m/%d %H:%M")
        return format_html(
            '{}<br><span class="nd-muted">{} · {}</span>', article.get_status_display(), who, when,
        )

    @admin.display(description=_("翻訳の確認"))
    def reviewed_info(self, article):
        if not article or not article.reviewed_at:
            return _("未確認（翻訳の状態を「確認済み」にすると、確認した編集者と日時が記録されます）")
        who = article.reviewed_by.get_username() if article.reviewed_by else "—"
        return format_html("{} · {}", who, timezone.localtime(article.reviewed_at).strftime("%Y-%m-%d %H:%M"))

    # Permissions ---------------------------------------------------------------------

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        # Translators work on drafts and stories in review; what readers see is the editors'.
        return obj is None or obj.status not in PUBLIC_STATUSES or publishing.can_publish(request.user)

    def has_publish_permission(self, request):
        return publishing.can_publish(request.user)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if publishing.can_publish(request.user):
            return fieldsets
        # Only editors publish, so only they confirm publishing a machine translation.
        return tuple(
            (name, {**options, "fields": tuple(f for f in options["fields"] if f != "confirm_machine_translation")})
            for name, options in fieldsets
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name != "tags":
            return super().formfield_for_manytomany(db_field, request, **kwargs)
        # What Django does for a plain many-to-many field in autocomplete_fields (see ArticleAdminChecks).
        using = kwargs.get("using")
        kwargs.setdefault("widget", AutocompleteSelectMultiple(db_field, self.admin_site, using=using))
        queryset = self.get_field_queryset(using, db_field, request)
        if queryset is not None:
            kwargs.setdefault("queryset", queryset)
        return db_field.formfield(**kwargs)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.user = request.user
        form.merge = getattr(request, "newsdesk_merge", None)
        return form

    # Saving -------------------------------------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        if object_id:
            self._merge_if_stale(request, object_id)
        # The article and each of its key points are saved one by one: index the story once,
        # in the save's own transaction (one commit), and renew the cache generation after it.
        with changes.batched(), transaction.atomic(), search.deferred_indexing():
            return super().changeform_view(request, object_id, form_url, extra_context)

    def _merge_if_stale(self, request, object_id):
        """Bring others' saves into the parts of a stale form its editor left alone (see conflicts.py)."""
        submitted = request.POST.get("form_version", "")
        if not str(object_id).isdigit() or not submitted.isdigit():
            return
        # Most saves are not stale: compare versions before reading the whole story.
        current = Article.objects.filter(pk=object_id).values_list("version", flat=True).first()
        if current is None or int(submitted) == current:
            return
        article = (
            Article.objects.select_related("category", "source", "reviewed_by")
            .prefetch_related(*revisions.STORY_PARTS).filter(pk=object_id).first()
        )
        base = article.revisions.filter(version=int(submitted)).first() if article else None
        if base is None:
            return
        merge = conflicts.merge_stale(request.POST, article, base.data)
        request.POST = merge.data
        request.newsdesk_merge = merge

    def save_model(self, request, obj, form, change):
        # The status moves only through publishing.py, after the inlines are saved.
        obj._requested_status = obj.status
        obj._requested_time = obj.published_at
        obj._confirm_machine_translation = bool(form.cleaned_data.get("confirm_machine_translation"))
        before = form.initial if change else {}
        # So does the translation status, which records who reviewed.
        obj._requested_translation_status = obj.translation_status
        obj.translation_status = before.get("translation_status", Article.TranslationStatus.HUMAN_EDITED)
        obj._previous_time = before.get("published_at")
        obj.status = before.get("status", Article.Status.DRAFT)
        if change and "published_at" in form.changed_data and obj.status in PUBLIC_STATUSES:
            obj.published_at = obj._previous_time
        super().save_model(request, obj, form, change)
        obj.editors.add(request.user)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if issubclass(formset.model, (KeyPoint, Figure, RelatedLink)):
            renumber(formset)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        self._move_translation_status(request, article)
        self._move_status(request, article)
        if APPLY_GLOSSARY in request.POST:
            self._apply_glossary(request, article)
        was_reviewed = article.translation_status == Article.TranslationStatus.REVIEWED
        revision = revisions.record(article, by=request.user)
        self._report_withdrawn_review(request, was_reviewed, revision)
        if revision is None and change:
            self.message_user(request, _("変更はありませんでした。"), messages.INFO)
            request.newsdesk_nothing_changed = True
        self._report_checks(request, article)

    def _move_translation_status(self, request, article):
        requested = article._requested_translation_status
        if requested == article.translation_status:
            return
        try:
            publishing.set_translation_status(article, requested, by=request.user)
        except (ValidationError, PermissionDenied) as exc:
            text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            self.message_user(request, text, messages.WARNING)

    def _report_withdrawn_review(self, request, was_reviewed: bool, revision) -> None:
        """Say so when a save took "reviewed" away (publishing.withdraw_review_after_edit)."""
        if was_reviewed and revision is not None and revision.data.get("translation_status") != Article.TranslationStatus.REVIEWED:
            self.message_user(request, _(
                "翻訳を変更したため、「確認済み」を外しました。公開前に編集者の確認をもう一度受けてください。"
            ), messages.WARNING)

    def _apply_glossary(self, request, article):
        # Runs on what the editor just saved, inside the same save: one revision, same checks.
        article.refresh_from_db()
        replaced = glossary.apply_approved_forms(article)
        if not replaced:
            self.message_user(request, _("用語集の「使わない表記」は見つかりませんでした。"), messages.INFO)
            return
        details = join_words(
            _("%(variant)s→%(approved)s（%(count)s か所）") % {"variant": variant, "approved": approved, "count": n}
            for (variant, approved), n in replaced.items()
        )
        self.message_user(request, _("用語集の表記に統一しました: %(details)s") % {"details": details}, messages.SUCCESS)
        self.log_change(request, article, _("用語集の表記に統一: %(details)s") % {"details": details})

    def _report_checks(self, request, article):
        """After a save: where alignment breaks, typography warnings and glossary findings, briefly.

        The change form's 翻訳チェック panel has the details; a message also
        reaches an editor whose save took them back to the list.
        """
        _fresh_key_points(article)
        aligned = alignment.align(article.original_body, article.body)
        if aligned.broken_at:
            self.message_user(request, _("段落の対応: %(message)s（原文 %(o)s 段落・翻訳 %(t)s 段落）") % {
                "message": aligned.broken_at.message, "o": aligned.original_count, "t": aligned.translation_count,
            }, messages.WARNING)
        warnings = typography.check_article(article)
        if warnings:
            first = warnings[0]
            self.message_user(request, _(
                "表記の注意が %(count)s 件あります（例: %(field)s「%(snippet)s」: %(message)s）。詳しくは「翻訳チェック」を確認してください。"
            ) % {"count": len(warnings), "field": first.label, "snippet": first.snippet.shown_match, "message": first.message},
                messages.WARNING)
        reports = glossary.check_article(article)
        if reports:
            self.message_user(request, _(
                "用語集で使わない表記が %(count)s か所あります: %(terms)s。「翻訳チェック」から一括で直せます。"
            ) % {
                "count": sum(r.variant_count for r in reports),
                "terms": join_words(dict.fromkeys(o.form for r in reports for o in r.occurrences)),
            }, messages.WARNING)

    def _move_status(self, request, article):
        requested, current = article._requested_status, article.status
        time_changed = article._requested_time != article.published_at
        if requested == current and not (requested in PUBLIC_STATUSES and time_changed):
            return
        before = article.get_status_display()
        try:
            publishing.change_status(
                article, requested, by=request.user, at=article._requested_time,
                confirm_machine_translation=article._confirm_machine_translation,
            )
        except (ValidationError, PermissionDenied) as exc:
            text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            self.message_user(
                request,
                _("%(problem)s 内容は「%(status)s」のまま保存しました。") % {"problem": text, "status": before},
                messages.WARNING,
            )
            return
        self.log_change(request, article, _("ステータスを「%(old)s」から「%(new)s」に変更") % {
            "old": before, "new": article.get_status_display(),
        })

    def response_add(self, request, obj, post_url_continue=None):
        if APPLY_GLOSSARY in request.POST:
            return redirect("admin:articles_article_change", obj.pk)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if APPLY_GLOSSARY in request.POST:
            return redirect("admin:articles_article_change", obj.pk)
        return super().response_change(request, obj)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        if level == messages.SUCCESS and getattr(request, "newsdesk_nothing_changed", False):
            return  # Django's "…was changed successfully" would contradict "変更はありませんでした"
        super().message_user(request, message, level, *args, **kwargs)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context["translation_checks"] = translation_checks(obj)
        context["apply_glossary_name"] = APPLY_GLOSSARY
        return super().render_change_form(request, context, add, change, form_url, obj)

    # Actions ------------------------------------------------------------------------

    def _run_step(self, request, queryset, step, done_message):
        done, problems = 0, []
        for article in queryset:
            try:
                step(article)
            except (ValidationError, PermissionDenied) as exc:
                text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
                problems.append(_("「%(title)s」: %(problem)s") % {"title": article.title, "problem": text})
                continue
            revisions.record(article, by=request.user)
            done += 1
        if done:
            self.message_user(request, done_message % {"count": done}, messages.SUCCESS)
        for problem in problems:
            self.message_user(request, problem, messages.ERROR)

    @admin.action(description=_("選択した記事を公開する"), permissions=("publish",))
    def publish_selected(self, request, queryset):
        self._run_step(
            request, queryset,
            lambda a: publishing.publish(a, by=request.user, at=a.published_at if a.status == a.Status.SCHEDULED else None),
            _("%(count)s 件を公開しました。"),
        )

    @admin.action(description=_("選択した記事を非公開（下書き）に戻す"), permissions=("publish",))
    def unpublish_selected(self, request, queryset):
        self._run_step(request, queryset, lambda a: publishing.unpublish(a, by=request.user),
                       _("%(count)s 件を下書きに戻しました。"))

    @admin.action(description=_("選択した記事をレビューに出す"), permissions=("change",))
    def submit_selected(self, request, queryset):
        self._run_step(request, queryset, lambda a: publishing.submit_for_review(a, by=request.user),
                       _("%(count)s 件をレビューに出しました。"))

    # Extra pages: revisions, preview ------------------------------------------------

    def get_urls(self):
        extra = [
            path("<path:object_id>/revisions/", self.admin_site.admin_view(self.revisions_view),
                 name="articles_article_revisions"),
            path("<path:object_id>/revisions/<int:version>/restore/", self.admin_site.admin_view(self.restore_view),
                 name="articles_article_restore"),
            path("<path:object_id>/preview/", self.admin_site.admin_view(self.preview_view),
                 name="articles_article_preview"),
        ]
        return extra + super().get_urls()

    def _article_or_404(self, request, object_id, *, change=False):
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404
        allowed = self.has_change_permission(request, article) if change else self.has_view_or_change_permission(request, article)
        if not allowed:
            raise PermissionDenied
        return article

    def revisions_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        all_revisions = list(article.revisions.select_related("created_by"))
        by_version = {r.version: r for r in all_revisions}
        a, b = request.GET.get("a"), request.GET.get("b")
        comparison = None
        if a and b:
            try:
                old, new = by_version[int(a)], by_version[int(b)]
            except (KeyError, ValueError):
                raise Http404
            if old.version > new.version:
                old, new = new, old
            comparison = {"old": old, "new": new, "fields": revisions.diff(old.data, new.data)}
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": _("版の履歴: %(title)s") % {"title": article.title},
            "revisions": all_revisions,
            "comparison": comparison,
            "can_restore": self.has_change_permission(request, article),
            "selected": (comparison["old"].version, comparison["new"].version) if comparison else
                        tuple(r.version for r in all_revisions[1::-1]),
        }
        return TemplateResponse(request, "admin/articles/article/revisions.html", context)

    def restore_view(self, request, object_id, version):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id, change=True)
        revision = get_object_or_404(article.revisions, version=version)
        was_reviewed = article.translation_status == Article.TranslationStatus.REVIEWED
        new, warnings = revisions.restore(revision, by=request.user)
        self.log_change(request, article, _("第%(version)s版を復元") % {"version": version})
        self.message_user(request, _("第%(version)s版の内容を新しい版として復元しました。") % {"version": version},
                          messages.SUCCESS)
        for warning in warnings:
            self.message_user(request, warning, messages.WARNING)
        self._report_withdrawn_review(request, was_reviewed, new)
        return redirect("admin:articles_article_change", article.pk)

    def preview_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        return redirect(previews.preview_url(article))


APPLY_GLOSSARY = "_apply_glossary"


def translation_checks(article: Article) -> dict:
    """What the change form's 翻訳チェック panel shows for the saved story."""
    _fresh_key_points(article)
    terms = glossary.all_terms()
    return {
        "alignment": alignment.align(article.original_body, article.body),
        "glossary": glossary.check_article(article, terms=terms),
        "glossary_size": len(terms),
        "typography": typography.check_article(article),
    }


def _fresh_key_points(article: Article) -> None:
    """Read the key points once for the checks that each go through them (as saved just now)."""
    getattr(article, "_prefetched_objects_cache", {}).pop("key_points", None)
    prefetch_related_objects([article], "key_points")


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


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    """The newsroom's glossary: editors keep it, translators read it."""

    list_display = ("original", "approved", "variants_display", "tag")
    list_filter = ("tag",)
    search_fields = ("original", "approved", "variants", "notes")
    autocomplete_fields = ("tag",)
    fields = ("original", "approved", "variants", "notes", "tag")

    @admin.display(description=_("使わない表記"))
    def variants_display(self, term):
        return join_words(term.variant_list) or "—"
