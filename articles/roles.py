"""The newsroom's roles as Django groups, with the permissions each one holds."""

TRANSLATOR = "Translator"
EDITOR = "Editor"
CHIEF_EDITOR = "Chief editor"

_STORY_PARTS = ("keypoint", "figure", "relatedlink", "correction")

TRANSLATOR_PERMISSIONS = [
    "articles.add_article", "articles.change_article", "articles.view_article",
    *(f"articles.{action}_{model}" for model in _STORY_PARTS for action in ("add", "change", "delete", "view")),
    "articles.view_category", "articles.add_tag", "articles.view_tag",
    "articles.add_source", "articles.view_source",
    "articles.view_dailydigest", "articles.view_digestentry",
]

EDITOR_PERMISSIONS = [
    *TRANSLATOR_PERMISSIONS,
    "articles.publish_article",
    *(f"articles.{action}_{model}" for model in ("category", "tag", "source", "dailydigest", "digestentry")
      for action in ("add", "change", "delete", "view")),
]

CHIEF_EDITOR_PERMISSIONS = [
    *EDITOR_PERMISSIONS,
    "articles.delete_article",
    *(f"auth.{action}_{model}" for model in ("user", "group") for action in ("add", "change", "delete", "view")),
]

ROLES = {
    TRANSLATOR: TRANSLATOR_PERMISSIONS,
    EDITOR: EDITOR_PERMISSIONS,
    CHIEF_EDITOR: CHIEF_EDITOR_PERMISSIONS,
}
