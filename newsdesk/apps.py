from django.contrib.admin.apps import AdminConfig


class NewsdeskAdminConfig(AdminConfig):
    """django.contrib.admin, with our admin site (a rate-limited login) as `admin.site`."""

    default_site = "newsdesk.admin_site.NewsdeskAdminSite"
