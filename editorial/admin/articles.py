"""The story's admin: the change form with original and translation side by side, and its saving.

A save is one call to articles.stories.save_story once the form and its
inlines are valid (save_related): the article, its parts, the workflow
moves the editor asked for, one revision.
"""

from django.contrib import admin, messages
from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles import changes, figure_markers, publishing, revisions, stories
from articles.models import PUBLIC_STATUSES, Article, Figure, Source
from editorial import conflicts
from editorial.admin import error_links, layout, outcomes, reports
from editorial.admin.article_actions import ArticleActionsMixin
from editorial.admin.article_list import ArticleListMixin
from editorial.admin.autosave_views import AutosaveMixin
from editorial.admin.desk_panel import DeskPanelMixin
from editorial.admin.inbox import changed_original_notice
from editorial.admin.inlines import (
    ORDERED_PARTS,
    CorrectionInline,
    FigureInline,
    KeyPointInline,
    RelatedLinkInline,
    renumber,
)
from editorial.admin.presence_views import PresenceMixin
from editorial.admin.preview_views import LivePreviewMixin
from editorial.admin.revisions_views import ArticleHistoryMixin
from editorial.admin.view_counts import ViewCountsMixin
from editorial.forms import MARKED_BODIES, ArticleAdminForm
from editorial.new_filing import KnownAutocompleteSelect, KnownAutocompleteSelectMultiple
from images import pending

APPLY_GLOSSARY = "_apply_glossary"
HEADLINE = _("見出しとリード")
ANALYSIS = _("分析とコメント")
BODY = _("本文")


@admin.register(Article)
class ArticleAdmin(
    ArticleActionsMixin, ArticleHistoryMixin, AutosaveMixin, LivePreviewMixin, DeskPanelMixin, PresenceMixin,
    ArticleListMixin, ViewCountsMixin, admin.ModelAdmin,
):
    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
    save_on_top = True
    # The reader's order: headline and lead, key points, analysis and comment, body (with its
    # figures), the original; then classification and publishing. The original's title and body
    # stand beside their translation (left: the original).
    fieldsets = (
        (HEADLINE, {
            "fields": ("original_title", "title", "lead"),
            "classes": ("nd-bilingual",),
            "description": _("左が原文、右が翻訳です。"),
        }),
        (ANALYSIS, {"fields": ("impact_analysis", "editorial_comment")}),
        (BODY, {"fields": ("original_body", "body"), "classes": ("nd-bilingual",)}),
        (_("原文の情報"), {
            "fields": ("original_url", "source", "original_author", "original_published_at", "original_language"),
        }),
        (_("論文の情報"), {
            "fields": ("original_arxiv_id", "original_authors", "original_affiliations",
                       "original_pdf_url", "original_code_url"),
            # Shown only for a paper's source (editorial/story_form.js); without JavaScript, folded.
            "classes": ("collapse", "nd-paper"),
            "description": _("ソースの種別が「論文」のときだけ、読者のページに表示されます。"),
        }),
        (_("分類と公開"), {"fields": (
            "category", "tags", "translation_status", "reviewed_info", "status", "confirm_machine_translation",
            "published_at", "slug", "form_version",
        )}),
    )
    # Which inline rows follow which fieldset (the rest come last): see layout.sections.
    inlines_after = {HEADLINE: (KeyPointInline,), BODY: (FigureInline,)}
    readonly_fields = ("reviewed_info",)
    inlines = (KeyPointInline, FigureInline, RelatedLinkInline, CorrectionInline)
    autocomplete_fields = ("source", "category", "tags")

    @admin.display(description=_("翻訳の確認"))
    def reviewed_info(self, article):
        if not article or not article.reviewed_at:
            if publishing.review_required():
                return _("未確認（レビューで承認されると、承認した編集者と日時が記録されます）")
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

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.autocomplete_fields:
            kwargs.setdefault("widget", KnownAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using")))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name != "tags":
            return super().formfield_for_manytomany(db_field, request, **kwargs)
        # What Django does for a plain many-to-many field in autocomplete_fields (see check()).
        using = kwargs.get("using")
        kwargs.setdefault("widget", KnownAutocompleteSelectMultiple(db_field, self.admin_site, using=using))
        queryset = self.get_field_queryset(using, db_field, request)
        if queryset is not None:
            kwargs.setdefault("queryset", queryset)
        return db_field.formfield(**kwargs)

    def history_view(self, request, object_id, extra_context=None):
        # The admin's record of actions, named apart from the story's versions (「版の履歴」).
        article = self.get_object(request, object_id)
        title = _("操作ログ: %(title)s") % {"title": article.title} if article else None
        return super().history_view(request, object_id, {**({"title": title} if title else {}), **(extra_context or {})})

    def layout_context(self, context) -> dict:
        """The form's blocks in the reader's order, and which sources are papers (for the paper fields)."""
        return {
            "form_sections": layout.sections(
                context["adminform"], context["inline_admin_formsets"], after=self.inlines_after,
            ),
            "paper_sources": list(Source.objects.filter(kind=Source.Kind.PAPER).values_list("pk", flat=True)),
        }

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, FigureInline):
            kwargs["form_kwargs"] = {"user": request.user}  # who may claim a kept upload
        return kwargs

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.user = request.user
        form.stale = getattr(request, "newsdesk_stale", None)
        form.merge = getattr(request, "newsdesk_merge", None)
        return form

    # Saving -------------------------------------------------------------------------

    def check(self, **kwargs):
        """Django's checks, but for the one that keeps `tags` out of the form.

        Django refuses a many-to-many field with its own link model in a form,
        as the link's other columns would stay empty; ArticleTag's only one,
        the publish time, is copied from the article whenever a link is made
        (models.tag_links_added), so the tags are picked on the story's form.
        """
        return [
            message for message in super().check(**kwargs)
            if not (message.id == "admin.E013" and "'tags'" in message.msg)
        ]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        # One transaction from the version check (which locks the story's row) to the save
        # (stories.save_story); readers are told after the commit.
        with changes.batched(), transaction.atomic():
            if object_id:
                self._merge_if_stale(request, object_id)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def _merge_if_stale(self, request, object_id):
        """Whether the story was saved since the form was opened (stories.check_version decides).

        If so, others' saves are brought into the parts of the form its editor
        left alone (see conflicts.py): with nothing else in the way, the save
        goes through as if the form were current. When both changed the same
        part, the form refuses to save, showing both versions.
        """
        submitted = request.POST.get("form_version", "")
        if not str(object_id).isdigit() or not submitted.isdigit():
            return
        try:
            stories.check_version(int(object_id), int(submitted))
            return
        except Article.DoesNotExist:
            return  # Django answers for a story that is gone
        except stories.StaleStory as stale:
            request.newsdesk_stale = stale
        article = (
            Article.objects.select_related("category", "source", "reviewed_by")
            .prefetch_related(*revisions.STORY_PARTS).get(pk=object_id)
        )
        base = article.revisions.filter(version=int(submitted)).first()
        if base is None:
            return
        stale = request.newsdesk_stale
        merge = conflicts.merge_stale(request.POST, article, base.data)
        merge.saved_by = conflicts.saved_by(stale.later)
        if not merge.clashes:
            merge.data["form_version"] = str(stale.current_version)
            request.newsdesk_stale = None
        request.POST = merge.data
        request.newsdesk_merge = merge

    def save_model(self, request, obj, form, change):
        """Nothing yet: save_related saves the story and its parts together (stories.save_story)."""

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if issubclass(formset.model, ORDERED_PARTS):
            renumber(formset)

    def save_related(self, request, form, formsets, change):
        replaced = []  # what the glossary replaced, when the editor asked for it
        parts = [lambda article: form.save_m2m()]
        parts += [lambda article, formset=formset: self.save_formset(request, form, formset, change)
                  for formset in formsets]
        figures = next((formset for formset in formsets if formset.model is Figure), None)
        figure_count = []  # how many figures the story has once they are saved
        if figures is not None:
            parts.append(lambda article: figure_count.append(follow_figures(article, figures)))
        if APPLY_GLOSSARY in request.POST:
            parts.append(lambda article: replaced.append(reports.apply_glossary(article)))
        result = stories.save_story(
            form.instance, by=request.user, parts=parts,
            confirm_machine_translation=bool(form.cleaned_data.get("confirm_machine_translation")),
            expected_version=form.cleaned_data.get("form_version") if change else None,
        )
        self.forget_autosave(request, result.article)
        self.follow_review(request, result)
        self._report_save(request, result, replaced)
        if figure_count:
            self._report_unplaced(request, result.article, figure_count[0])

    def _report_unplaced(self, request, article: Article, count: int) -> None:
        unplaced = figure_markers.unplaced(article.body, count)
        if unplaced:
            self.message_user(request, _(
                "図 %(numbers)s は本文のどこにも置かれていないため、本文の後に表示されます。"
                "置く場所は「図を挿入」で選べます。"
            ) % {"numbers": "、".join(str(n) for n in unplaced)}, messages.WARNING)

    def _report_save(self, request, result: stories.SaveResult, replaced: list) -> None:
        article = result.article
        merge = getattr(request, "newsdesk_merge", None)
        # The save's one outcome, first; it takes the place of Django's "…を変更しました" (message_user).
        outcome = outcomes.of_save(
            result, merged=merge.taken if merge else [], merged_from=merge.saved_by if merge else "",
        )
        if not (replaced and replaced[0] and outcome.plain):
            self.message_user(request, outcome.message, outcome.level)
        # else 「保存し、用語集の表記に統一しました」 (reports.report_glossary) says it
        if result.status_moved:
            self.log_change(request, article, _("ステータスを「%(old)s」から「%(new)s」に変更") % {
                "old": result.status_moved[0], "new": result.status_moved[1],
            })
        if replaced:
            reports.report_glossary(self, request, article, replaced[0])
        if result.review_withdrawn:
            self.message_user(request, reports.WITHDRAWN_REVIEW, messages.WARNING)
        revision = result.revision
        if revision is not None and (not revision.changed or reports.CHECKED_PARTS.intersection(revision.changed)):
            # Findings are told when what they read changed (or the story's first revision), not on every save.
            reports.report_checks(self, request, article)

    def response_add(self, request, obj, post_url_continue=None):
        if APPLY_GLOSSARY in request.POST:
            return redirect("admin:articles_article_change", obj.pk)
        request.newsdesk_saved = True
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if APPLY_GLOSSARY in request.POST:
            return redirect("admin:articles_article_change", obj.pk)
        request.newsdesk_saved = True
        return super().response_change(request, obj)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        if level == messages.SUCCESS and getattr(request, "newsdesk_saved", False):
            return  # Django's "…was changed successfully": the save's outcome was said (_report_save)
        super().message_user(request, message, level, *args, **kwargs)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context.update(self.layout_context(context))
        if request.method == "POST":
            # The form comes back with errors: nothing chosen is lost, and each error can be found.
            formsets = [inline.formset for inline in context["inline_admin_formsets"]]
            for formset in formsets:
                if formset.model is Figure:
                    formset.keep_uploads(by=request.user)
            error_links.show_marker_errors_at_their_bodies(context["adminform"].form, formsets)
            context["error_links"] = error_links.of(context["adminform"].form, context["form_sections"])
        if obj is not None and obj.pk:
            context["translation_checks"] = reports.translation_checks(obj)
            if request.method != "POST" and (notice := changed_original_notice(obj)):
                messages.warning(request, notice)  # the outlet changed the original since it was translated
        context["apply_glossary_name"] = APPLY_GLOSSARY
        context.update(self.autosave_context(request, obj))
        context.update(self.live_preview_context(request, obj))
        context.update(self.desk_context(request, obj))
        context.update(self.presence_context(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)


def follow_figures(article: Article, figures) -> int:
    """Once the figures are saved: the bodies' markers follow their figures, and kept uploads taken up go.

    Returns how many figures the story has.
    """
    moves, count = figures.marker_moves()
    changed = []
    for name in MARKED_BODIES:
        followed = figure_markers.follow(getattr(article, name), moves)
        if followed != getattr(article, name):
            setattr(article, name, followed)
            changed.append(name)
    if changed:
        article.save(update_fields=changed)
    for form in figures.figure_forms():
        if form.kept is not None:
            form.cleaned_data["image"].close()
            pending.release(form.kept)
    return count
