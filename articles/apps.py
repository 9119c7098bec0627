from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    # Not 「記事」: the admin's sidebar would list 記事 twice (the app, then its stories).
    verbose_name = _("コンテンツ")

    def ready(self):
        from articles import changes, stored_html
        from articles.models import (
            Article,
            ArticleTag,
            Category,
            Correction,
            DailyDigest,
            DigestEntry,
            Figure,
            FrontPageSlot,
            KeyPoint,
            RelatedLink,
            Source,
            Tag,
            tag_links_added,
        )

        m2m_changed.connect(tag_links_added, sender=ArticleTag, dispatch_uid="tag-links-publish-time")

        # What an article's page shows of its key points, corrections and figures follows their rows.
        for signal, event in ((post_save, "save"), (post_delete, "delete")):
            for part in (KeyPoint, Correction, Figure):
                signal.connect(stored_html.part_changed, sender=part, dispatch_uid=f"stored-html-{part.__name__}-{event}")

        # Every change readers could see is announced with its page keys (articles/changes.py).
        pre_save.connect(changes.article_saving, sender=Article, dispatch_uid="changes-article-saving")
        post_save.connect(changes.article_saved, sender=Article, dispatch_uid="changes-article-save")
        pre_delete.connect(changes.article_deleting, sender=Article, dispatch_uid="changes-article-deleting")
        post_delete.connect(changes.article_deleted, sender=Article, dispatch_uid="changes-article-delete")
        for signal, event in ((post_save, "save"), (post_delete, "delete")):
            for part in (KeyPoint, Figure, RelatedLink, Correction):
                signal.connect(changes.article_part_changed, sender=part, dispatch_uid=f"changes-{part.__name__}-{event}")
            for model in (Category, Tag, Source):
                signal.connect(changes.filing_subject_changed, sender=model, dispatch_uid=f"changes-{model.__name__}-{event}")
            signal.connect(changes.front_page_changed, sender=FrontPageSlot, dispatch_uid=f"changes-front-page-{event}")
            for model in (DailyDigest, DigestEntry):
                signal.connect(changes.digest_changed, sender=model, dispatch_uid=f"changes-{model.__name__}-{event}")
        m2m_changed.connect(changes.tags_clearing, sender=ArticleTag, dispatch_uid="changes-article-tags-clearing")
        m2m_changed.connect(changes.tags_changed, sender=ArticleTag, dispatch_uid="changes-article-tags")
        # Before the delete: by its end the reviewer's articles no longer point at the account.
        post_save.connect(changes.person_changed, sender=settings.AUTH_USER_MODEL, dispatch_uid="changes-person-save")
        pre_delete.connect(changes.person_changed, sender=settings.AUTH_USER_MODEL, dispatch_uid="changes-person-delete")
