"""The newsroom's roles as Django groups, with the permissions each one holds."""

TRANSLATOR = "Translator"
EDITOR = "Editor"
CHIEF_EDITOR = "Chief editor"

_STORY_PARTS = ("keypoint", "figure", "relatedlink", "correction")

TRANSLATOR_PERMISSIONS = [
    "articles.add_article", "articles.change_article", "articles.view_article",
    *(f"articles.{action}_{model}" for model in _STORY_PARTS for action in ("add", "change", "delete", "view")),
    # Tags and sources are picked from those there are: editors name new ones (articles.filing).
    "articles.view_category", "articles.view_tag", "articles.view_source",
    "articles.view_dailydigest", "articles.view_digestentry",
    "articles.view_glossaryterm",
    # The media library: pick its images for figures (an upload in a figure joins it as well).
    "images.view_image",
    # The inbox (ingest/): read it, start a translation or pass an item; see the feeds.
    "ingest.view_inboxitem", "ingest.change_inboxitem", "ingest.view_feed", "ingest.view_originalcheck",
]

EDITOR_PERMISSIONS = [
    *TRANSLATOR_PERMISSIONS,
    "articles.publish_article",
    *(f"articles.{action}_{model}"
      for model in ("category", "tag", "source", "dailydigest", "digestentry", "glossaryterm", "frontpageslot")
      for action in ("add", "change", "delete", "view")),
    # The media library: add images, correct what it remembers of them, delete those no story uses.
    *(f"images.{action}_image" for action in ("add", "change", "delete")),
    # Failed background jobs: seen and retried from the admin (jobs/models.py).
    "jobs.view_failedjob", "jobs.change_failedjob",
    # Feeds: which sources' feeds the inbox polls.
    "ingest.add_feed", "ingest.change_feed", "ingest.delete_feed",
    # Originals that changed after translation: marked handled by an editor.
    "ingest.change_originalcheck",
]

CHIEF_EDITOR_PERMISSIONS = [
    *EDITOR_PERMISSIONS,
    "articles.delete_article",
    # A story's inbox item and original check go with it; chiefs may also remove items themselves.
    "ingest.delete_inboxitem", "ingest.delete_originalcheck",
    *(f"auth.{action}_{model}" for model in ("user", "group") for action in ("add", "change", "delete", "view")),
]

ROLES = {
    TRANSLATOR: TRANSLATOR_PERMISSIONS,
    EDITOR: EDITOR_PERMISSIONS,
    CHIEF_EDITOR: CHIEF_EDITOR_PERMISSIONS,
}


def sync_groups(apps) -> None:
    """Create the role groups and give each exactly the permissions of ROLES that exist so far.

    Migrations call this with their historical `apps`. A permission whose
    model a later migration creates is skipped here; that migration calls
    this again, so the groups end up matching ROLES (a test checks it).
    """
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; roles need them now. create_permissions
    # skips an app without a models module, which every app of a migration's `apps` lacks. Each
    # app gets its own back: with Django's registry (tests call this too), None would hide every
    # app from dumpdata, the backup command.
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    available = {
        f"{app_label}.{codename}": pk
        for pk, app_label, codename in Permission.objects.values_list("pk", "content_type__app_label", "codename")
    }
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set([available[dotted] for dotted in codenames if dotted in available])
