"""The media library's images, and uploads kept while their form is corrected (images/pending.py)."""

from pathlib import PurePosixPath

from django.conf import settings
from django.db import models, router
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from images.checks import is_new_upload, validate_image
from images.names import image_name
from images.renditions import closest_rendition, rendition_files
from images.storage import store_upload


class PendingUpload(models.Model):
    """An image chosen in a form that came back with errors, kept so its editor need not choose it again.

    The file is kept as uploaded (it passed images.checks); the figure that
    claims it re-encodes it as any upload. Nobody's claim within a day: it
    goes (pending.clean_pending_uploads).
    """

    file = models.FileField(_("ファイル"), max_length=255)
    thumbnail = models.FileField(_("縮小画像"), max_length=255, blank=True)
    original_name = models.CharField(_("元のファイル名"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("アップロードした人"), on_delete=models.CASCADE, related_name="+",
    )
    uploaded_at = models.DateTimeField(_("アップロード日時"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("保存待ちのアップロード")
        verbose_name_plural = _("保存待ちのアップロード")

    def __str__(self):
        return self.original_name


def library_upload_to(instance, filename):
    """figures/YYYY/MM/<name>-<random>.<ext>: never a name another upload had (images.names)."""
    return image_name(filename, max_length=Image._meta.get_field("file").max_length)


class Image(models.Model):
    """An image of the media library (画像ライブラリ): stored once, shown by any number of figures.

    The library owns the file and its renditions (made once per image,
    jobs/renditions.py). A figure names the same stored file and copies its
    size and renditions, so the page draws a figure from its own row
    (articles.RenderedParts); it copies the remembered alt text, caption and
    credit only as defaults its editor may change for that story.
    """

    file = models.ImageField(
        _("画像"), upload_to=library_upload_to, width_field="width", height_field="height",
        validators=[validate_image], help_text=_("JPEG・PNG・WebP・GIF。"),
    )
    width = models.PositiveIntegerField(_("幅"), editable=False, null=True)
    height = models.PositiveIntegerField(_("高さ"), editable=False, null=True)
    renditions = models.JSONField(default=dict, blank=True, editable=False)
    sha256 = models.CharField(
        _("SHA-256"), max_length=64, blank=True, editable=False,
        help_text="SHA-256 of the file as first given (uploaded or imported): the library's key for the same image.",
    )
    title = models.CharField(
        _("題名"), max_length=200, blank=True, help_text=_("ライブラリで探すときの名前。空欄ならキャプションで表示します。"),
    )
    keywords = models.CharField(
        _("キーワード"), max_length=300, blank=True, help_text=_("検索用の語。人名・地名・出来事など、空白や読点で区切って。"),
    )
    alt_text = models.CharField(
        _("代替テキスト"), max_length=300, blank=True, help_text=_("図に選んだときに最初から入る代替テキスト。図ごとに変えられます。"),
    )
    caption = models.CharField(_("キャプション"), max_length=300, blank=True)
    credit = models.CharField(_("クレジット"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("アップロードした人"), on_delete=models.SET_NULL,
        null=True, blank=True, editable=False, related_name="+",
    )
    uploaded_at = models.DateTimeField(_("アップロード日時"), default=timezone.now, editable=False, db_index=True)

    class Meta:
        ordering = ("-uploaded_at", "-id")
        verbose_name = _("ライブラリの画像")
        verbose_name_plural = _("画像ライブラリ")
        constraints = [
            models.UniqueConstraint(fields=("sha256",), condition=~Q(sha256=""), name="unique_library_image_sha256"),
        ]

    def __str__(self):
        return self.title or self.caption or PurePosixPath(self.file.name).name

    def save(self, *args, **kwargs):
        if self._state.adding and self.file and is_new_upload(self.file):
            # Keep a clean re-encoded copy (and later its resized copies), never the file as it came.
            using = kwargs.get("using") or router.db_for_write(Image, instance=self)
            store_upload(self, self.file.file, using=using)
        super().save(*args, **kwargs)

    def files(self) -> list[str]:
        """Every stored file of this image: the image and its renditions."""
        return ([self.file.name] if self.file else []) + rendition_files(self.renditions)

    def rendition(self, width: int) -> dict | None:
        """The largest rendition no wider than `width` (or the smallest there is)."""
        return closest_rendition(self.renditions, width)

    def thumbnail_url(self) -> str:
        """A small copy's URL for lists and pickers (the image itself until its renditions are made)."""
        small = self.rendition(480)
        return self.file.storage.url(small["jpeg"]) if small else self.file.url
