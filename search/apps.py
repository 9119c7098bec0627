"""Japanese and English full-text search over published stories."""

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("検索")

    def ready(self):
        from articles import stories
        from articles.models import Article, KeyPoint
        from search import documents

        # The index follows every save of a story and its key points.
        post_save.connect(documents.article_saved, sender=Article, dispatch_uid="search-article")
        post_save.connect(documents.key_point_changed, sender=KeyPoint, dispatch_uid="search-keypoint-save")
        post_delete.connect(documents.key_point_changed, sender=KeyPoint, dispatch_uid="search-keypoint-delete")
        # A story saved whole (stories.save_story) is indexed once, when all its parts are written,
        # whatever wrote them (bulk inserts of a restore's key points send no signal).
        stories.wrap_every_save(documents.deferred_indexing)
