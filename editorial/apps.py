"""The editors' admin: story forms, stale-form merging, autosave, the admin site and its login limit."""

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("編集")

    def ready(self):
        from editorial import autosaves
        from jobs import periodic

        # Autosaves nobody came back to go with the hourly clean-up job.
        periodic.cleanup(autosaves.clean_abandoned)


class NewsdeskAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin, with our admin site (a rate-limited login) as `admin.site`."""

    default = False  # named in INSTALLED_APPS in place of django.contrib.admin
    default_site = "editorial.admin_site.NewsdeskAdminSite"
