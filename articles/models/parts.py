"""What hangs off an article: key points, figures, related picks and corrections."""

from django.core.exceptions import ValidationError
from django.db import models, router
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles import rendering
from articles.models.article import Article
from images import library
from images.checks import is_new_upload, validate_image
from images.models import Image
from images.names import unique_name
from images.renditions import closest_rendition, rendition_files


class KeyPoint(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="key_points")
    position = models.PositiveIntegerField(_("順番"), default=0)
    heading = models.CharField(_("見出し"), max_length=200)
    body = models.TextField(_("本文"), blank=True)

    class Meta:
        ordering = ("position", "id")
        verbose_name = _("キーポイント")
        verbose_name_plural = _("キーポイント")

    def __str__(self):
        return self.heading


def figure_upload_to(instance, filename):
    """figures/YYYY/MM/<name>-<random>.<ext>: never a name another upload had (images.storage.unique_name)."""
    folder = timezone.now().strftime("figures/%Y/%m/")
    return unique_name(filename, folder=folder, max_length=Figure._meta.get_field("image").max_length)


class Figure(models.Model):
    """An image placed in a story, with this story's caption, credit and alt text.

    The image is a library image (`image_item`, images.models.Image), which
    owns the file. The figure names the same stored file and copies its
    size and renditions, so what the page draws of it is read from the
    figure's own row (RenderedParts). A new upload joins the library when
    the figure is saved; picking a library image needs no upload.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="figures")
    position = models.PositiveIntegerField(_("順番"), default=0)
    image_item = models.ForeignKey(
        Image, verbose_name=_("ライブラリから選ぶ"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="figures",
        help_text=_("アップロードの代わりに、画像ライブラリの画像を選べます。代替テキスト・キャプション・クレジットの空欄には、ライブラリに記録された内容が入ります。"),
    )
    image = models.ImageField(
        _("画像"), upload_to=figure_upload_to, width_field="width", height_field="height",
        validators=[validate_image],
        help_text=_("JPEG・PNG・WebP・GIF。"),
    )
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    caption = models.CharField(_("キャプション"), max_length=300, blank=True)
    original_caption = models.CharField(
        _("原文のキャプション"), max_length=300, blank=True,
        help_text=_("原文での説明文。「原文を表示」の図に添えます（空欄なら日本語のキャプション）。"),
    )
    credit = models.CharField(_("クレジット"), max_length=200, blank=True)
    alt_text = models.CharField(
        _("代替テキスト"), max_length=300, blank=True,
        help_text=_("画像が見えない読者のための説明。公開には必須です。"),
    )
    video_url = models.URLField(_("動画URL"), max_length=500, blank=True)
    renditions = models.JSONField(default=dict, blank=True, editable=False)
    source_sha256 = models.CharField(
        max_length=64, blank=True, editable=False,
        help_text="SHA-256 of the file as uploaded, before re-encoding (re-imports compare it).",
    )

    class Meta:
        ordering = ("position", "id")
        verbose_name = _("図")
        verbose_name_plural = _("図")

    def __str__(self):
        return self.caption or self.image.name

    def save(self, *args, **kwargs):
        using = kwargs.get("using") or router.db_for_write(Figure, instance=self)
        if self.has_new_upload():
            # The upload joins the library (re-encoded there), unless the library has the same file.
            self.image_item = library.add_upload(
                self.image.file, by=getattr(self, "added_by", None), using=using,
                **{name: getattr(self, name) for name in library.REMEMBERED},
            )
        elif self.image and self.image_item_id is None:
            # A stored file named without its library image (a revision restored, a row from before the library).
            self.image_item = library.on_stored_file(
                self.image.name, sha256=self.source_sha256, using=using,
                width=self.width, height=self.height, renditions=self.renditions,
                **{name: getattr(self, name) for name in library.REMEMBERED},
            )
        if self.image_item_id is not None:
            if not self.image_item.renditions and not self.image_item._state.adding:
                self.image_item.refresh_from_db(using=using, fields=["renditions"])  # made since it was read?
            self.show(self.image_item)
        super().save(*args, **kwargs)
        self._stored_image = self.image.name or ""

    @classmethod
    def showing(cls, item: Image, **fields) -> "Figure":
        """A new figure showing the library image `item`, as `show` would make it.

        Given all at once, the size is the library image's: the file is not
        opened to measure it again, as assigning a file to a figure does.
        """
        return cls(**fields, **cls.shown_fields(item))

    @staticmethod
    def shown_fields(item: Image) -> dict:
        """What a figure takes of the library image it shows: its stored file, size and renditions."""
        return {
            "image_item": item, "image": item.file.name, "width": item.width, "height": item.height,
            "renditions": item.renditions, "source_sha256": item.sha256,
        }

    def show(self, item: Image) -> None:
        """Show the library image `item`: its stored file, size and renditions (texts stay this figure's own)."""
        for name, value in self.shown_fields(item).items():
            setattr(self, name, value)

    def fill_remembered(self) -> None:
        """Give this figure's empty alt text, caption and credit what the library remembers of its image."""
        for name in library.REMEMBERED:
            if not getattr(self, name):
                setattr(self, name, getattr(self.image_item, name))

    def has_new_upload(self) -> bool:
        """Whether `image` holds a file just given to it (an editor's upload, an import's file), not yet stored.

        A stored file keeps the name it was loaded with; a figure restored on a
        stored file has a new name but holds no open file (images.checks.is_new_upload).
        """
        return bool(self.image) and self.image.name != getattr(self, "_stored_image", "") and is_new_upload(self.image)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._stored_image = instance.image.name or ""
        return instance

    def files(self) -> list[str]:
        """Every stored file of this figure: the image and its renditions."""
        return ([self.image.name] if self.image else []) + rendition_files(self.renditions)

    def rendition(self, width: int) -> dict | None:
        """The largest rendition no wider than `width` (or the smallest there is)."""
        return closest_rendition(self.renditions, width)


class RelatedLink(models.Model):
    """An editor's pick: read this next."""

    from_article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="related_links")
    to_article = models.ForeignKey(
        Article, verbose_name=_("関連記事"), on_delete=models.CASCADE, related_name="picked_by",
    )
    position = models.PositiveIntegerField(_("順番"), default=0)

    class Meta:
        ordering = ("position", "id")
        verbose_name = _("関連記事（編集部選定）")
        verbose_name_plural = _("関連記事（編集部選定）")
        constraints = [
            models.UniqueConstraint(fields=("from_article", "to_article"), name="unique_related_pick"),
            models.CheckConstraint(condition=~Q(from_article=models.F("to_article")), name="related_not_self"),
        ]

    def __str__(self):
        return str(self.to_article)

    def clean(self):
        if self.from_article_id and self.from_article_id == self.to_article_id:
            raise ValidationError({"to_article": _("記事自身は関連記事にできません。")})


class Correction(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    noted_at = models.DateTimeField(_("日時"), default=timezone.now)
    body = models.TextField(_("訂正・更新の内容"))

    class Meta:
        ordering = ("noted_at", "id")
        verbose_name = _("訂正・更新")
        verbose_name_plural = _("訂正・更新")

    def __str__(self):
        return self.body[:40]


# What the page needs of a figure to draw it (jinja2/partials/_figure.html, reader/structured_data.py).
SHOWN_FIGURE_FIELDS = ("image", "width", "height", "caption", "original_caption", "credit", "alt_text", "video_url", "renditions")


class RenderedParts(models.Model):
    """What an article's page shows of its key points, corrections and figures (articles/stored_html.py).

    The key points' and corrections' Markdown as HTML, and the figures as the
    page draws them, in page order: written again from their rows whenever
    they change, so the page reads one row, not three tables. A row of its
    own, not fields of the article: a save of an article held since before
    its parts changed would write back what it was loaded with.
    """

    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True, related_name="rendered_parts")
    key_points = models.JSONField(default=list, help_text="[heading, body as HTML] per key point, in order.")
    corrections = models.JSONField(default=list, help_text="[noted_at ISO, body as HTML] per correction, in order.")
    figures = models.JSONField(default=list, help_text="The SHOWN_FIGURE_FIELDS of each figure, in order.")

    class Meta:
        verbose_name = _("記事ページの表示用データ")
        verbose_name_plural = _("記事ページの表示用データ")

    def __str__(self):
        return str(self.article)

    @classmethod
    def of(cls, article_id: int, *, key_points, corrections, figures) -> "RenderedParts":
        """The row for its parts, each in page order.

        Key points as (heading, body), corrections as (noted_at, body) and
        figures as dicts holding at least the SHOWN_FIGURE_FIELDS.
        """
        return cls(
            article_id=article_id,
            key_points=rendering.key_points_html(key_points),
            corrections=rendering.corrections_html(corrections),
            figures=[{name: figure[name] for name in SHOWN_FIGURE_FIELDS} for figure in figures],
        )

    def shown_figures(self) -> list[Figure]:
        """The figures as the page shows them: unsaved Figures holding what drawing them needs."""
        return [Figure(**values) for values in self.figures]
