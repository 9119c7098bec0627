"""The media library (画像ライブラリ) in the admin: its images with thumbnails, where each is used, and the picker.

Editors add images, correct what the library remembers of them and delete
the ones no story uses; translators see the library and pick from it. A
story's figure picks a library image with `LibraryPicker`, an autocomplete
whose results show thumbnails (static/editorial/library_picker.js); an
image shown by a figure cannot be deleted, and the refusal names its stories.
"""

from django.contrib import admin, messages
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelect
from django.db import models
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from editorial.forms import CheckedImageField, LibraryImageForm
from images.models import Image

THUMBNAIL_WIDTH = 96


def stories_using(image: Image):
    """The stories whose figures show `image`, newest first."""
    return Article.objects.filter(figures__image_item=image).distinct().order_by("-updated_at", "-pk")


class UseFilter(admin.SimpleListFilter):
    title = _("使用状況")
    parameter_name = "used"

    def lookups(self, request, model_admin):
        return (("yes", _("記事で使用中")), ("no", _("未使用")))

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(uses__gt=0)
        if self.value() == "no":
            return queryset.filter(uses=0)
        return queryset


@admin.register(Image)
class LibraryImageAdmin(admin.ModelAdmin):
    form = LibraryImageForm
    list_display = ("thumbnail", "name", "credit", "size", "uses", "uploaded")
    list_display_links = ("thumbnail", "name")
    list_filter = (UseFilter, "uploaded_at")
    search_fields = ("title", "keywords", "caption", "credit", "alt_text")
    ordering = ("-uploaded_at", "-id")  # said again: the count of uses groups the rows, which drops Meta's
    date_hierarchy = "uploaded_at"
    list_per_page = 50
    actions = None  # deleting goes image by image: one in use is refused with the stories it is in
    formfield_overrides = {models.ImageField: {"form_class": CheckedImageField}}
    add_fields = ("file", "title", "keywords", "alt_text", "caption", "credit")
    change_fields = ("preview", "title", "keywords", "alt_text", "caption", "credit", "size", "uploaded", "used_by")
    readonly_fields = ("preview", "size", "uploaded", "used_by")

    def get_queryset(self, request):
        stories = Count("figures__article", distinct=True)  # a story showing it twice counts once
        return super().get_queryset(request).select_related("uploaded_by").annotate(uses=stories)

    def get_fields(self, request, obj=None):
        return self.change_fields if obj is not None else self.add_fields

    def get_urls(self):
        pick = self.admin_site.admin_view(LibraryPickerView.as_view(admin_site=self.admin_site))
        return [path("pick/", pick, name="images_image_pick"), *super().get_urls()]

    # Columns and fields ----------------------------------------------------------------

    @admin.display(description=_("画像"))
    def thumbnail(self, image):
        return format_html(
            '<img src="{}" alt="" class="nd-thumb" width="{}" height="{}" loading="lazy">',
            image.thumbnail_url(), THUMBNAIL_WIDTH, _height(image, THUMBNAIL_WIDTH),
        )

    @admin.display(description=_("題名・キャプション"), ordering="title")
    def name(self, image):
        return str(image)

    @admin.display(description=_("大きさ"))
    def size(self, image):
        return f"{image.width}×{image.height}" if image.width else "—"

    @admin.display(description=_("使用中の記事数"), ordering="uses")
    def uses(self, image):
        return image.uses

    @admin.display(description=_("プレビュー"))
    def preview(self, image):
        return format_html(
            '<img src="{}" alt="" class="nd-thumb" width="320" height="{}">', image.thumbnail_url(), _height(image, 320),
        )

    @admin.display(description=_("アップロード"), ordering="uploaded_at")
    def uploaded(self, image):
        """Who added the image and when, in the site's time ("—" for one that came with an import)."""
        who = image.uploaded_by.get_username() if image.uploaded_by else "—"
        return f"{who} · {timezone.localtime(image.uploaded_at):%Y-%m-%d %H:%M}"

    @admin.display(description=_("この画像を使っている記事"))
    def used_by(self, image):
        stories = list(stories_using(image))
        if not stories:
            return _("どの記事でも使われていません。")
        return format_html(
            '<ul class="nd-used-by">{}</ul>',
            format_html_join(
                "", '<li><a href="{}">{}</a> <span class="nd-muted">（{}）</span></li>',
                ((reverse("admin:articles_article_change", args=[a.pk]), a.title, a.get_status_display()) for a in stories),
            ),
        )

    # Saving and deleting ---------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    def delete_view(self, request, object_id, extra_context=None):
        image = self.get_object(request, object_id)
        if image is not None and self.has_delete_permission(request, image):
            titles = [f"「{story.title}」" for story in stories_using(image)]
            if titles:
                self.message_user(request, _in_use_message(titles), messages.ERROR)
                return redirect("admin:images_image_change", image.pk)
        return super().delete_view(request, object_id, extra_context)


def _in_use_message(titles: list[str]) -> str:
    return gettext(
        "この画像は次の記事の図で使われているため、削除できません：%(stories)s。先にそれぞれの記事で図を外すか、別の画像に替えてください。"
    ) % {"stories": "、".join(titles)}


def _height(image: Image, width: int) -> int:
    return round(width * (image.height or 9) / (image.width or 16))


class LibraryPickerView(AutocompleteJsonView):
    """Django's autocomplete for a figure's library image, each result with its thumbnail and what it remembers."""

    def serialize_result(self, obj, to_field_name):
        return {
            **super().serialize_result(obj, to_field_name),
            "thumbnail": obj.thumbnail_url(),
            "size": f"{obj.width}×{obj.height}" if obj.width else "",
            **{name: getattr(obj, name) for name in ("alt_text", "caption", "credit")},
        }


class LibraryPicker(AutocompleteSelect):
    """A figure's 「ライブラリから選ぶ」: an autocomplete over the library, showing thumbnails.

    `known` holds the row's library image when the form has it already
    (editorial.forms.FigureForm), so drawing a story's figures reads no
    image again, row by row.
    """

    known: Image | None = None

    def optgroups(self, name, value, attr=None):
        selected = [str(v) for v in value if v]
        if self.known is None or selected != [str(self.known.pk)]:
            return super().optgroups(name, value, attr)
        option = self.create_option(name, selected[0], str(self.known), True, 0)
        return [(None, [option], 0)]

    def get_url(self):
        return reverse("admin:images_image_pick")

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        # Not Django's class: library_picker.js starts it, with thumbnails in the results.
        attrs["class"] = attrs["class"].replace("admin-autocomplete", "nd-library-picker")
        attrs["data-placeholder"] = gettext("題名・キャプション・クレジットで検索")
        return attrs

    @property
    def media(self):
        return super().media + admin.widgets.forms.Media(js=["editorial/library_picker.js"])
