"""Every figure's image joins the media library: one library image per file as first given (its SHA-256).

Figures uploaded twice from the same file (the same SHA-256) share one
library image from now on and show its stored file; the other copy stays
where it is (stored pages may name it until their story is saved again).
A figure whose file was saved before uploads were fingerprinted is matched
by its stored name. The role groups get the library's permissions.
"""

from django.db import migrations

from articles.roles import sync_groups

BATCH = 500


def fill_library(apps, schema_editor):
    Figure = apps.get_model("articles", "Figure")
    Image = apps.get_model("images", "Image")
    alias = schema_editor.connection.alias
    library: dict[str, object] = {}  # SHA-256 (or "file:" + the stored name) -> library image
    changed = []
    for figure in Figure.objects.using(alias).exclude(image="").order_by("pk").iterator(chunk_size=BATCH):
        key = figure.source_sha256 or f"file:{figure.image.name}"
        image = library.get(key)
        if image is None:
            try:
                image = Image.objects.using(alias).create(
                    file=figure.image.name, width=figure.width, height=figure.height,
                    renditions=figure.renditions or {}, sha256=figure.source_sha256,
                    alt_text=figure.alt_text, caption=figure.caption, credit=figure.credit,
                )
            except OSError:
                continue  # its size unknown and its file gone: the figure joins the library when next saved
            library[key] = image
        figure.image_item_id = image.pk
        if figure.image.name != image.file.name:
            figure.image = image.file.name
            figure.width, figure.height, figure.renditions = image.width, image.height, image.renditions
        changed.append(figure)
        if len(changed) >= BATCH:
            Figure.objects.using(alias).bulk_update(changed, ["image_item", "image", "width", "height", "renditions"])
            changed = []
    if changed:
        Figure.objects.using(alias).bulk_update(changed, ["image_item", "image", "width", "height", "renditions"])


def update_roles(apps, schema_editor):
    sync_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0021_figure_image_item"),
        ("images", "0002_library_image"),
    ]

    operations = [
        migrations.RunPython(fill_library, migrations.RunPython.noop),
        migrations.RunPython(update_roles, migrations.RunPython.noop),
    ]
