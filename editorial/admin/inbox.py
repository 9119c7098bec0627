"""The inbox (入稿候補): items the feeds brought, the original's preview, 「翻訳を始める」 and 「見送る」; feeds; changed originals."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ingest import fetching, inbox, jobs, rechecks
from ingest.extraction import Extracted
from ingest.models import Feed, InboxItem, OriginalCheck
from jobs import engine

from .read_only import READ_ONLY_FORM

# Every field of an inbox item and an original check is read-only: their buttons are the actions.

ERROR_EXCERPT = 100


@admin.display(description=_("直近のエラー"))
def error(obj) -> str:
    """The last error in the list, shortened to wrap in its column; the whole of it in the title and on the page."""
    if not obj.last_error:
        return ""
    return format_html('<span class="nd-error-excerpt" title="{}">{}</span>',
                       obj.last_error, Truncator(obj.last_error).chars(ERROR_EXCERPT))


class FeedForm(forms.ModelForm):
    class Meta:
        model = Feed
        fields = ("source", "url", "title")

    def clean_url(self):
        url = self.cleaned_data["url"]
        try:
            fetching.check_url(url)  # a feed the fetcher would refuse is refused now, not at every poll
        except fetching.FetchError as exc:
            raise forms.ValidationError(str(exc)) from None
        return url


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    form = FeedForm
    list_display = ("__str__", "source", "url", "last_polled_at", "error")
    list_filter = ("source",)
    search_fields = ("url", "title", "source__name")
    readonly_fields = ("last_polled_at", "last_error", "etag", "last_modified")
    actions = ("poll_selected",)
    error = staticmethod(error)

    @admin.action(description=_("選択したフィードを今すぐ取得"), permissions=("change",))
    def poll_selected(self, request, queryset):
        feeds = list(queryset.values_list("pk", flat=True))
        for feed_id in feeds:
            engine.enqueue_after_commit(jobs.poll_feed, feed_id)
        self.message_user(request, ngettext(
            "%(count)d 件のフィードの取得を始めました。新しい記事は入稿候補に入ります。",
            "%(count)d 件のフィードの取得を始めました。新しい記事は入稿候補に入ります。",
            len(feeds)) % {"count": len(feeds)}, messages.SUCCESS)


@admin.register(InboxItem)
class InboxItemAdmin(admin.ModelAdmin):
    list_display = ("title", "source", "published_at", "found_at", "state", "story_link")
    list_filter = ("state", "source")
    search_fields = ("title", "url", "summary")
    date_hierarchy = "found_at"
    list_select_related = ("source", "article")
    actions = ("pass_selected",)
    fields = ("title", "source", "feed", "url", "published_at", "summary", "state", "article", "handled_by",
              "handled_at", "found_at")
    readonly_fields = fields
    change_form_template = "admin/ingest/inboxitem/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).with_existing_story()

    def has_add_permission(self, request):
        return False  # the feeds and 「翻訳を始める」 from a URL make items

    @admin.display(description=_("記事"))
    def story_link(self, item):
        story_id = item.article_id or item.existing_story_id
        if story_id is None:
            return "—"
        label = _("翻訳中の記事") if item.article_id else _("既に記事あり")
        return format_html('<a href="{}">{}</a>', reverse("admin:articles_article_change", args=[story_id]), label)

    def may_start(self, request, item=None) -> bool:
        return self.has_change_permission(request, item) and request.user.has_perm("articles.add_article")

    def get_urls(self):
        extra = [
            path("<path:object_id>/start/", self.admin_site.admin_view(self.start_view),
                 name="ingest_inboxitem_start"),
            path("<path:object_id>/pass/", self.admin_site.admin_view(self.pass_view),
                 name="ingest_inboxitem_pass"),
            path("<path:object_id>/read/", self.admin_site.admin_view(self.read_view),
                 name="ingest_inboxitem_read"),
        ]
        return extra + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        item = self.get_object(request, object_id)
        extra = {}
        if item is not None:
            extra = {
                "item": item,
                "extracted": Extracted.from_json(item.extracted) if item.extracted else None,
                "existing_story_id": item.article_id or item.existing_story_id,
                "may_start": self.may_start(request, item),
                "may_pass": self.has_change_permission(request, item) and item.state == InboxItem.State.NEW,
                "title": item.title,
                **READ_ONLY_FORM,
            }
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def _item_for_post(self, request, object_id, *, start=False) -> InboxItem:
        if request.method != "POST":
            raise _NotPost
        item = self.get_object(request, object_id)
        if item is None:
            raise Http404
        if not (self.may_start(request, item) if start else self.has_change_permission(request, item)):
            raise PermissionDenied
        return item

    def start_view(self, request, object_id):
        try:
            item = self._item_for_post(request, object_id, start=True)
        except _NotPost:
            return HttpResponseNotAllowed(["POST"])
        if item.article_id:
            return redirect("admin:articles_article_change", item.article_id)
        try:
            article = inbox.start_translation(item, by=request.user)
        except inbox.AlreadyTranslated as exc:
            self.message_user(request, str(exc), messages.WARNING)
            return redirect("admin:articles_article_change", exc.article.pk)
        except fetching.FetchError as exc:
            self.message_user(request, _("原文を取得できませんでした: %(error)s") % {"error": exc}, messages.ERROR)
            return redirect("admin:ingest_inboxitem_change", item.pk)
        self.log_change(request, item, _("翻訳を開始"))
        self.message_user(request, _("下書きを作りました。原文を確認し、翻訳を始めてください。"), messages.SUCCESS)
        item.refresh_from_db()
        for missing in item.extracted.get("missing", []):
            self.message_user(request, missing, messages.WARNING)
        if images := item.extracted.get("images"):
            self.message_user(request, ngettext(
                "原文には画像が %(count)d 点あります（入稿候補のプレビューにキャプションとクレジットがあります）。",
                "原文には画像が %(count)d 点あります（入稿候補のプレビューにキャプションとクレジットがあります）。",
                len(images)) % {"count": len(images)}, messages.INFO)
        return redirect("admin:articles_article_change", article.pk)

    def pass_view(self, request, object_id):
        try:
            item = self._item_for_post(request, object_id)
        except _NotPost:
            return HttpResponseNotAllowed(["POST"])
        inbox.pass_item(item, by=request.user)
        self.log_change(request, item, _("見送り"))
        self.message_user(request, _("「%(title)s」を見送りました。") % {"title": item.title}, messages.SUCCESS)
        return redirect("admin:ingest_inboxitem_changelist")

    def read_view(self, request, object_id):
        try:
            item = self._item_for_post(request, object_id)
        except _NotPost:
            return HttpResponseNotAllowed(["POST"])
        try:
            inbox.read_original(item)
        except fetching.FetchError as exc:
            self.message_user(request, _("原文を取得できませんでした: %(error)s") % {"error": exc}, messages.ERROR)
        return redirect("admin:ingest_inboxitem_change", item.pk)

    @admin.action(description=_("選択した候補を見送る"), permissions=("change",))
    def pass_selected(self, request, queryset):
        waiting = list(queryset.waiting())
        for item in waiting:
            inbox.pass_item(item, by=request.user)
        self.message_user(request, ngettext("%(count)d 件を見送りました。", "%(count)d 件を見送りました。", len(waiting))
                          % {"count": len(waiting)}, messages.SUCCESS)


class _NotPost(Exception):
    pass


@admin.register(OriginalCheck)
class OriginalCheckAdmin(admin.ModelAdmin):
    """Published stories whose original changed since it was translated, with the diff; 「対応済みにする」."""

    list_display = ("article", "state", "changed_at", "checked_at", "error")
    list_filter = ("state",)
    search_fields = ("article__title", "article__original_title", "article__original_url")
    list_select_related = ("article",)
    fields = ("article", "state", "changed_at", "checked_at", "last_error", "handled_by", "handled_at")
    readonly_fields = fields
    change_form_template = "admin/ingest/originalcheck/change_form.html"
    error = staticmethod(error)

    def has_add_permission(self, request):
        return False  # the re-check job makes them

    def get_urls(self):
        extra = [path("<path:object_id>/handled/", self.admin_site.admin_view(self.handled_view),
                      name="ingest_originalcheck_handled")]
        return extra + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        check = self.get_object(request, object_id)
        extra = {}
        if check is not None:
            extra = {
                "check": check,
                "diff": rechecks.diff(check.translated_body, check.current_body),
                "may_handle": (self.has_change_permission(request, check)
                               and check.state == OriginalCheck.State.CHANGED),
                "title": _("原文の更新: %(title)s") % {"title": check.article.title},
                **READ_ONLY_FORM,
            }
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def handled_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        check = self.get_object(request, object_id)
        if check is None:
            raise Http404
        if not self.has_change_permission(request, check):
            raise PermissionDenied
        rechecks.mark_handled(check, by=request.user)
        self.log_change(request, check, _("対応済み"))
        self.message_user(request, _("対応済みにしました。今の原文をこれからの比較の基準にします。"), messages.SUCCESS)
        return redirect("admin:ingest_originalcheck_changelist")


def changed_original_notice(article) -> str | None:
    """For the story's form: a warning linking to its changed original's diff, when the outlet changed it."""
    check = OriginalCheck.objects.changed().filter(article=article).only("pk").first()
    if check is None:
        return None
    return format_html(
        '{} <a href="{}">{}</a>', _("翻訳した後に原文が更新されています。"),
        reverse("admin:ingest_originalcheck_change", args=[check.pk]), _("変更を見る"),
    )
