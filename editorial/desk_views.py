"""The desk's own admin pages: the dashboard (the admin's start page), the week's calendar, notifications and their settings.

Each view reads the request, asks editorial.dashboard or a desk service,
and renders or redirects (POST/redirect/GET, with messages).
"""

from datetime import date, timedelta

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles import publishing
from desk import notifications
from desk.models import Notification
from editorial import dashboard


def works_on_stories(user) -> bool:
    """Whether `user` has an editorial role: they see stories in the admin."""
    return user.is_active and user.is_staff and user.has_perm("articles.view_article")


def dashboard_view(site, request, extra_context=None):
    now = timezone.now()
    today = timezone.localdate(now)
    user = request.user
    context = {
        **site.each_context(request),
        "title": _("デスク"),
        "subtitle": None,
        "app_list": site.get_app_list(request),
        "drafts": dashboard.my_drafts(user),
        "reviews": dashboard.waiting_for_review(user) if publishing.can_review(user) else None,
        "scheduled": dashboard.scheduled_soon(today),
        "published": dashboard.recently_published(now),
        "changed_originals": dashboard.changed_originals(),
        "autosaves": dashboard.unsaved_autosaves(user),
        "notes": dashboard.open_notes(),
        "today": today,
        "week": dashboard.week_of(today),
        **(extra_context or {}),
    }
    request.current_app = site.name
    return TemplateResponse(request, "admin/desk/dashboard.html", context)


def calendar_view(site, request):
    today = timezone.localdate()
    try:
        asked = date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        asked = today
    monday = dashboard.week_of(asked)
    context = {
        **site.each_context(request),
        "title": _("編集カレンダー"),
        "days": dashboard.calendar_week(monday),
        "monday": monday,
        "sunday": monday + timedelta(days=6),
        "previous_week": monday - timedelta(days=7),
        "next_week": monday + timedelta(days=7),
        "this_week": dashboard.week_of(today),
        "today": today,
    }
    request.current_app = site.name
    return TemplateResponse(request, "admin/desk/calendar.html", context)


def notifications_view(site, request):
    if request.method == "POST":
        ids = [int(i) for i in request.POST.getlist("notification") if i.isdigit()]
        count = notifications.mark_read(user=request.user, ids=None if "all" in request.POST else ids)
        if count:
            messages.success(request, _("%(count)s 件を既読にしました。") % {"count": count})
        return redirect(_back(request, "admin:desk_notifications"))
    shown = Notification.objects.for_user(request.user).select_related("article", "actor")
    if request.GET.get("unread"):
        shown = shown.unread()
    page = Paginator(shown, 30).get_page(request.GET.get("page"))
    context = {
        **site.each_context(request),
        "title": _("通知"),
        "page": page,
        "unread_only": bool(request.GET.get("unread")),
        "wants_email": notifications.wants_email(request.user),
    }
    request.current_app = site.name
    return TemplateResponse(request, "admin/desk/notifications.html", context)


def open_notification_view(site, request, pk):
    """Follow a notification to its story, marking it read (a POST, so a link preview cannot read it)."""
    notification = Notification.objects.for_user(request.user).filter(pk=pk).first()
    if notification is None or request.method != "POST":
        return redirect("admin:desk_notifications")
    notifications.mark_read(user=request.user, ids=[notification.pk])
    return redirect("admin:articles_article_change", notification.article_id)


class PreferencesForm(forms.Form):
    address = forms.EmailField(
        label=gettext_lazy("メールアドレス"), required=False, max_length=254,
        help_text=gettext_lazy("通知のメールの送り先。空欄ならメールは届きません。"),
    )
    email = forms.BooleanField(
        label=gettext_lazy("通知をメールでも受け取る"), required=False,
        help_text=gettext_lazy("オフにしても、管理画面の通知には届きます。"),
    )


def preferences_view(site, request):
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            wanted, address = form.cleaned_data["email"], form.cleaned_data["address"]
            notifications.set_email(user=request.user, enabled=wanted, address=address)
            if wanted and address:
                messages.success(request, _("メール通知をオンにしました（送り先: %(address)s）。") % {"address": address})
            elif wanted:
                messages.warning(request, _("メール通知はオンですが、メールアドレスが空欄のため届きません。"))
            else:
                messages.success(request, _("メール通知をオフにしました。"))
            return redirect("admin:desk_preferences")
    else:
        form = PreferencesForm(initial={"email": notifications.wants_email(request.user),
                                        "address": request.user.email})
    context = {
        **site.each_context(request),
        "title": _("通知の設定"),
        "form": form,
    }
    request.current_app = site.name
    return TemplateResponse(request, "admin/desk/preferences.html", context)


def _back(request, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse(fallback)
