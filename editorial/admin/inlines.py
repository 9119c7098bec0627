"""The rows of a story in its change form: key points, figures, related picks, corrections."""

from django.contrib import admin
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Correction, Figure, KeyPoint, RelatedLink
from editorial.admin.library import LibraryPicker
from editorial.forms import (
    FORM_RENDERER,
    CheckedImageField,
    FigureForm,
    FigureFormSet,
    InlineForm,
    StoryPartFormSet,
)


class StoryPartMixin:
    """Rows of a story may be edited exactly when the story itself may be."""

    def get_formset(self, request, obj=None, **kwargs):
        # The rows render like the story's own form (forms.FormRenderer).
        return super().get_formset(request, obj, **{"renderer": FORM_RENDERER, **kwargs})

    def _story_editable(self, request, obj):
        return obj is None or self.admin_site.get_model_admin(Article).has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._story_editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._story_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._story_editable(request, obj)


class OrderedInlineMixin:
    """Inlines ordered by a `position` field, renumbered 1..n on save (see `renumber`).

    The admin script adds drag handles and up/down buttons that rewrite the
    position numbers; without JavaScript, editing the numbers works too.
    """

    form = InlineForm
    formset = StoryPartFormSet
    extra = 0
    classes = ("nd-ordered",)


class KeyPointInline(StoryPartMixin, OrderedInlineMixin, admin.TabularInline):
    model = KeyPoint
    fields = ("position", "heading", "body")
    extra = 1
    # A key point's text takes a few lines of Japanese; the area grows with it (story_form.js).
    formfield_overrides = {
        models.TextField: {"widget": admin.widgets.AdminTextareaWidget(attrs={"rows": 5, "class": "vLargeTextField nd-grow"})},
    }


class FigureInline(StoryPartMixin, OrderedInlineMixin, admin.StackedInline):
    model = Figure
    form = FigureForm
    formset = FigureFormSet
    formfield_overrides = {models.ImageField: {"form_class": CheckedImageField}}
    fields = (
        "position", ("image", "thumbnail"), "image_item", "alt_text", "caption", "original_caption", "credit",
        "video_url", ("marker", "kept_upload"),
    )
    readonly_fields = ("thumbnail",)

    def get_queryset(self, request):
        # Each row's 「ライブラリから選ぶ」 names its library image, read with the figures (LibraryPicker.known).
        return super().get_queryset(request).select_related("image_item")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "image_item" and formfield is not None:
            # A story's form never changes or deletes a library image: it only picks one (or adds one).
            formfield.widget.can_change_related = formfield.widget.can_delete_related = False
        return formfield

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "image_item":
            # 「ライブラリから選ぶ」: an autocomplete over the media library, with thumbnails.
            kwargs["widget"] = LibraryPicker(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("プレビュー"))
    def thumbnail(self, figure):
        kept = getattr(figure, "kept_image", None)  # set by FigureForm: an image kept while the form has errors
        if kept is not None:
            return format_html(
                '<img src="{}" alt="" class="nd-thumb" width="160"><span class="nd-kept">{}</span>',
                kept.thumbnail.url,
                _("「%(name)s」を選択済みです。保存すると図になります（選び直す必要はありません）。")
                % {"name": kept.original_name},
            )
        if not figure.image:
            return "—"
        small = figure.rendition(480)
        url = figure.image.storage.url(small["jpeg"]) if small else figure.image.url
        return format_html(
            '<img src="{}" alt="" class="nd-thumb" width="{}" height="{}" data-nd-figure-preview>',
            url, 160, round(160 * (figure.height or 9) / (figure.width or 16)),
        )


class RelatedLinkInline(StoryPartMixin, OrderedInlineMixin, admin.TabularInline):
    model = RelatedLink
    fk_name = "from_article"
    fields = ("position", "to_article")
    autocomplete_fields = ("to_article",)

    def get_queryset(self, request):
        # Each row is titled with the picked article's headline.
        return super().get_queryset(request).select_related("to_article")


class CorrectionInline(StoryPartMixin, admin.TabularInline):
    model = Correction
    form = InlineForm
    formset = StoryPartFormSet
    extra = 0
    fields = ("noted_at", "body")


ORDERED_PARTS = (KeyPoint, Figure, RelatedLink)


def renumber(formset) -> None:
    """Give the rows positions 1..n in the order the editor asked for."""
    model = formset.model
    rows = list(model.objects.filter(**{formset.fk.name: formset.instance}).order_by("position", "id"))
    changed = [row for n, row in enumerate(rows, start=1) if row.position != n]
    for n, row in enumerate(rows, start=1):
        row.position = n
    if changed:
        model.objects.bulk_update(changed, ["position"])
