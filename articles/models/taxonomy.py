"""Sources, categories and tags: the names stories are filed under, each with a public page while a published story carries it."""

from django.db import models
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from articles import links, text


class ListedQuerySet(models.QuerySet):
    """Categories, tags or sources: readers see one only while a published article carries it."""

    article_field = ""  # the Article field that points here

    def public(self, *, now=None):
        """Those with at least one published article (others are 404 to readers: a draft's new tag stays private)."""
        article_model = self.model._meta.get_field("articles").related_model
        carried = article_model.objects.published(now=now).filter(**{self.article_field: OuterRef("pk")})
        return self.filter(Exists(carried))


class SourceQuerySet(ListedQuerySet):
    article_field = "source"


class CategoryQuerySet(ListedQuerySet):
    article_field = "category"


class TagQuerySet(ListedQuerySet):
    article_field = "tags"


class Listed(models.Model):
    """What sources, categories and tags share: a name, a slug made from it, a public page."""

    slug = models.SlugField(_("スラッグ"), max_length=120, unique=True, allow_unicode=True, blank=True)

    url_name = ""  # the reader's URL of one, by its slug

    class Meta:
        abstract = True
        ordering = ("name",)

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = text.unique_slug(self, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return links.slug_url(self.url_name, self.slug)


class Source(Listed):
    class Kind(models.TextChoices):
        NEWS = "news", _("ニュース")
        PAPER = "paper", _("論文")
        BLOG = "blog", _("ブログ・ニュースレター")
        PRESS_RELEASE = "press_release", _("プレスリリース")

    name = models.CharField(_("名前"), max_length=200, unique=True)
    home_url = models.URLField(_("ホームページ"), blank=True)
    kind = models.CharField(_("種別"), max_length=20, choices=Kind.choices, default=Kind.NEWS)

    objects = SourceQuerySet.as_manager()
    url_name = "articles:source"

    class Meta(Listed.Meta):
        verbose_name = _("ソース")
        verbose_name_plural = _("ソース")


class Category(Listed):
    name = models.CharField(_("名前"), max_length=100, unique=True)

    objects = CategoryQuerySet.as_manager()
    url_name = "articles:category"

    class Meta(Listed.Meta):
        verbose_name = _("カテゴリー")
        verbose_name_plural = _("カテゴリー")


class Tag(Listed):
    name = models.CharField(_("名前"), max_length=100, unique=True)

    objects = TagQuerySet.as_manager()
    url_name = "articles:tag"

    class Meta(Listed.Meta):
        verbose_name = _("タグ")
        verbose_name_plural = _("タグ")
