from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = _("記事")

    def ready(self):
        from . import images, search
        from .models import Article, Figure, KeyPoint

        post_save.connect(search.article_saved, sender=Article, dispatch_uid="search-article")
        post_save.connect(search.key_point_changed, sender=KeyPoint, dispatch_uid="search-keypoint-save")
        post_delete.connect(search.key_point_changed, sender=KeyPoint, dispatch_uid="search-keypoint-delete")
        post_save.connect(images.figure_saved, sender=Figure, dispatch_uid="figure-files-save")
        post_delete.connect(images.figure_deleted, sender=Figure, dispatch_uid="figure-files-delete")
