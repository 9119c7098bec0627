"""The newsroom's glossary: how a name or term is written in Japanese."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models.common import split_lines
from articles.models.taxonomy import Tag


class GlossaryTerm(models.Model):
    """How the newsroom writes a name or term in Japanese, and the spellings it does not use."""

    original = models.CharField(
        _("原語"), max_length=200, unique=True, help_text=_("原文での表記。例: Yann LeCun"),
    )
    approved = models.CharField(_("採用する表記"), max_length=200, help_text=_("翻訳で使う表記。例: ヤン・ルカン"))
    variants = models.TextField(
        _("使わない表記"), blank=True,
        help_text=_("翻訳に出てきたら指摘し、ワンクリックで採用する表記に置き換えます。1行に1つ。例: ルコン"),
    )
    notes = models.TextField(_("メモ"), blank=True)
    tag = models.ForeignKey(
        Tag, verbose_name=_("タグ"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="glossary_terms", help_text=_("この用語のタグページ。"),
    )
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        ordering = ("original",)
        verbose_name = _("用語")
        verbose_name_plural = _("用語集")

    def __str__(self):
        return f"{self.original} → {self.approved}"

    def save(self, *args, **kwargs):
        self.variants = "\n".join(self.variant_list)
        super().save(*args, **kwargs)

    def clean(self):
        self.approved = (self.approved or "").strip()
        if self.approved and self.approved in split_lines(self.variants):
            raise ValidationError({"variants": _("採用する表記を「使わない表記」に含めることはできません。")})

    @property
    def variant_list(self) -> list[str]:
        """The rejected spellings, one per line in the field; the approved form never counts as one."""
        return [v for v in split_lines(self.variants) if v != (self.approved or "").strip()]
