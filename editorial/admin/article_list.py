"""The story list as a desk reads it: the headline wide, the state as a chip, translator and reviewer, who is on it.

Its columns fit 1280 px without a sideways scroll (static/admin/newsdesk/admin.css).
A page costs the same number of queries however many stories it shows: the
translator and reviewer come with the list's query (editorial.story_list),
their names in one more, presence from the cache (editorial.presence).
"""

from django.contrib import admin
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.views.main import ChangeList
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from editorial import story_list
from editorial.admin.list_filters import PublishDateFilter, RelatedOrUnsetFilter, ReviewerFilter, TagFilter


class StoryChangeList(ChangeList):
    def get_results(self, request):
        super().get_results(request)
        # The page's rows, named and with their presence, in a fixed number of reads.
        self.result_list = story_list.fill_rows(list(self.result_list), viewer=request.user)
        preserved = {"preserved_filters": self.model_admin.get_preserved_filters(request), "opts": self.opts}
        for story in self.result_list:
            story.list_link = add_preserved_filters(
                preserved, reverse("admin:articles_article_change", args=[story.pk]),
            )


class ArticleListMixin:
    """For ArticleAdmin: the list's columns, filters and search."""

    list_display = (
        "headline", "state", "translator", "reviewer", "category", "published", "reading",
        "views_week", "views_total",
    )
    list_display_links = None  # the headline links itself, beside who has the story open
    list_filter = (
        "status", ReviewerFilter, ("category", RelatedOrUnsetFilter), PublishDateFilter, TagFilter,
        "translation_status", "source",
    )
    list_select_related = ("category", "source", "status_changed_by")
    search_fields = ("title", "original_title", "original_url")
    date_hierarchy = "published_at"

    def get_changelist(self, request, **kwargs):
        return StoryChangeList

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        match = request.resolver_match
        if match is not None and match.url_name and match.url_name.endswith("_changelist"):
            queryset = story_list.with_desk_columns(queryset)
            if request.method == "GET":  # actions (POST) work on whole stories
                queryset = queryset.defer(*LONG_TEXTS)
        return queryset

    @admin.display(description=_("見出し"), ordering="title")
    def headline(self, article):
        link = getattr(article, "list_link", None) or reverse("admin:articles_article_change", args=[article.pk])
        meta = " · ".join(str(part) for part in (article.source, article.get_translation_status_display()) if part)
        desk = getattr(article, "desk", None)
        editing = format_html_join(
            "", '<span class="nd-editing">{}</span>', ((person.notice(),) for person in desk.editing),
        ) if desk else ""
        return format_html(
            '<a href="{}" class="nd-headline">{}</a><span class="nd-muted nd-headline-meta">{}</span>{}',
            link, article.title, meta, editing,
        )

    @admin.display(description=_("ステータス"), ordering="status")
    def state(self, article):
        label = article.get_status_display()
        if article.status == Article.Status.SCHEDULED and article.is_published():
            label = _("公開（予約の時刻を過ぎました）")
        chip = format_html('<span class="nd-chip nd-chip-{}">{}</span>', article.status, label)
        if not article.status_changed_at:
            return chip
        who = article.status_changed_by.get_username() if article.status_changed_by else _("システム")
        when = timezone.localtime(article.status_changed_at).strftime("%m/%d %H:%M")
        return format_html('{}<span class="nd-muted nd-changed">{} · {}</span>', chip, who, when)

    @admin.display(description=_("翻訳者"))
    def translator(self, article):
        desk = getattr(article, "desk", None)
        return desk.translator if desk and desk.translator else "—"

    @admin.display(description=_("レビュー担当"))
    def reviewer(self, article):
        desk = getattr(article, "desk", None)
        if not desk or not desk.reviewer:
            return "—"
        if not desk.review_state:
            return desk.reviewer
        return format_html('{}<span class="nd-muted nd-changed">{}</span>', desk.reviewer, desk.review_state)

    @admin.display(description=_("公開日時"), ordering="published_at")
    def published(self, article):
        if article.published_at is None:
            return "—"
        when = timezone.localtime(article.published_at)
        return format_html(
            '<time datetime="{}">{}<br>{}</time>', when.isoformat(), when.strftime("%Y/%m/%d"), when.strftime("%H:%M"),
        )

    @admin.display(description=_("読了"), ordering="reading_minutes")
    def reading(self, article):
        return _("%(minutes)d分") % {"minutes": article.reading_minutes}


# What the list never shows: left in the database.
LONG_TEXTS = (
    "original_body", "body", "impact_analysis", "editorial_comment", "body_html", "original_body_html",
    "impact_analysis_html", "editorial_comment_html", "lead",
)
