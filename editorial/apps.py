"""The editors' admin: story forms, stale-form merging, autosave, the admin site and its login limit."""

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("編集")


class NewsdeskAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin, with our admin site (a rate-limited login) as `admin.site`."""

    default = False  # named in INSTALLED_APPS in place of django.contrib.admin
    default_site = "editorial.admin_site.NewsdeskAdminSite"
