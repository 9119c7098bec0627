"""The story list's own filters: by reviewer, by publish date (ahead as well as past), and by a tag typed in.

The tag filter is a text box, not a list: a newsroom's tags run to
thousands. The page never lists them; the box suggests tags as the editor
types (static/admin/newsdesk/story_list.js asks the admin's autocomplete),
and without JavaScript a tag's name typed in full works the same.
"""

from datetime import timedelta
from functools import cached_property

from django.contrib import admin
from django.contrib.admin.views.main import PAGE_VAR
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Tag
from desk import reviews
from editorial import dashboard, story_list


class RelatedOrUnsetFilter(admin.RelatedFieldListFilter):
    """A related field's filter whose choice for stories without one says so (「未設定」), not Django's 「-」."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_value_display = _("未設定")


class ReviewerFilter(admin.SimpleListFilter):
    """Stories whose reviewer (who approved them, else whom their last review round asked) is the one chosen."""

    title = _("レビュー担当")
    parameter_name = "reviewer"

    def lookups(self, request, model_admin):
        return [(str(user.pk), user.get_full_name() or user.get_username()) for user in reviews.reviewers()]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if not value.isdigit():
            return queryset.none()
        return story_list.reviewed_by(queryset, int(value))


class PublishDateFilter(admin.SimpleListFilter):
    """By publish time, in the newsroom's days: what goes out next as well as what went out."""

    title = _("公開日時")
    parameter_name = "published"

    def lookups(self, request, model_admin):
        return (
            ("today", _("今日")),
            ("ahead", _("明日以降（予約）")),
            ("week", _("過去7日間")),
            ("month", _("過去30日間")),
            ("none", _("日時なし")),
        )

    def queryset(self, request, queryset):
        today, _end = dashboard.day_bounds(timezone.localdate())
        tomorrow = today + timedelta(days=1)
        ranges = {
            "today": {"published_at__gte": today, "published_at__lt": tomorrow},
            "ahead": {"published_at__gte": tomorrow},
            "week": {"published_at__gte": tomorrow - timedelta(days=7), "published_at__lt": tomorrow},
            "month": {"published_at__gte": tomorrow - timedelta(days=30), "published_at__lt": tomorrow},
            "none": {"published_at__isnull": True},
        }
        value = self.value()
        if value is None:
            return queryset
        return queryset.filter(**ranges[value]) if value in ranges else queryset.none()


class TagFilter(admin.SimpleListFilter):
    """Stories carrying the tag named in the box (its exact name, else the one name that matches ignoring case)."""

    title = _("タグ")
    parameter_name = "tag"
    template = "admin/articles/article/_tag_filter.html"

    def lookups(self, request, model_admin):
        return ()  # never the list of every tag

    def has_output(self):
        return True

    @cached_property
    def tag(self) -> Tag | None:
        name = (self.value() or "").strip()
        if not name:
            return None
        found = Tag.objects.filter(name=name).first()
        if found is None:
            matches = list(Tag.objects.filter(name__iexact=name)[:2])
            found = matches[0] if len(matches) == 1 else None
        return found

    def queryset(self, request, queryset):
        if not (self.value() or "").strip():
            return queryset
        tag = self.tag
        return queryset.tagged(tag) if tag is not None else queryset.none()

    def choices(self, changelist):
        # One "choice": what the template's form needs. The other filters, the search and the
        # order are carried along; the page number is not (a new filter starts at page 1).
        kept = [
            (name, value) for name, values in self.request.GET.lists()
            if name not in (self.parameter_name, PAGE_VAR) for value in values
        ]
        value = (self.value() or "").strip()
        yield {
            "value": value,
            "kept": kept,
            "unknown": bool(value) and self.tag is None,
            "clear_query_string": changelist.get_query_string(remove=[self.parameter_name, PAGE_VAR]),
            "selected": bool(value),
        }
