"""The admin site: Django's, with a login that refuses repeated failures (editorial/throttling.py), and an autocomplete
that offers new tags and sources to those who may name them (editorial/new_filing.py)."""

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.urls import path
from django.utils.translation import gettext_lazy as _

from editorial import new_filing
from editorial.throttling import LoginThrottle


class ThrottledAuthenticationForm(AdminAuthenticationForm):
    """Checks the throttle before the password, so a locked login fails even with the right one."""

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "rate_limited": _(
            "ログインの失敗が続いたため、しばらくログインできません。"
            "%(minutes)s 分ほど待ってから、もう一度お試しください。"
        ),
    }

    def clean(self):
        throttle = LoginThrottle.for_request(self.request, self.data.get("username"))
        self.retry_after = throttle.retry_after()
        if self.retry_after:
            raise ValidationError(
                self.error_messages["rate_limited"], code="rate_limited",
                params={"minutes": max(1, round(self.retry_after / 60))},
            )
        try:
            cleaned = super().clean()
        except ValidationError:
            if self.cleaned_data.get("username") and self.cleaned_data.get("password"):
                throttle.failed()
            raise
        throttle.succeeded()
        return cleaned


class NewsdeskAdminSite(admin.AdminSite):
    login_form = ThrottledAuthenticationForm

    def login(self, request, extra_context=None):
        response = super().login(request, extra_context)
        form = (getattr(response, "context_data", None) or {}).get("form")
        if form is not None and form.has_error(NON_FIELD_ERRORS, "rate_limited"):
            # 429 Too Many Requests, with the form and its message, and when to come back.
            response.status_code = 429
            response.headers["Retry-After"] = str(form.retry_after)
        return response

    def autocomplete_view(self, request):
        return new_filing.NamingAutocompleteJsonView.as_view(admin_site=self)(request)

    def get_urls(self):
        return [
            path("articles/name-new/", self.admin_view(new_filing.name_new_view), name="articles_name_new"),
            *super().get_urls(),
        ]
