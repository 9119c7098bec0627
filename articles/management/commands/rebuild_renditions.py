import sys

from django.core.management.base import BaseCommand
from django.db import router, transaction

from articles import changes, stored_html
from articles.models import Figure
from images import storage as image_files
from images.models import Image


class Command(BaseCommand):
    help = "Rebuild every library image's resized copies, and its figures' (after RENDITION_WIDTHS or quality settings change)."

    def handle(self, *args, **options):
        images = Image.objects.order_by("pk")
        total = images.count()
        failed = 0
        for n, image in enumerate(images.iterator(chunk_size=100), start=1):
            try:
                with changes.batched(), transaction.atomic():
                    old = image.files()
                    image.renditions = image_files.rebuild_renditions(
                        image.file, using=router.db_for_write(Image, instance=image),
                    )
                    image.save(update_fields=["renditions"])
                    articles = set(Figure.objects.filter(image_item=image).values_list("article_id", flat=True))
                    Figure.objects.filter(image_item=image).update(renditions=image.renditions)
                    stored_html.refresh_figures(articles)
                    changes.parts_changed(articles)
                    image_files.delete_after_commit(image.file.storage, set(old) - set(image.files()))
            except FileNotFoundError:
                failed += 1
                self.stderr.write(f"\nimage {image.pk} ({image.file.name}): the image file is missing")
            except (OSError, ValueError) as exc:
                failed += 1
                self.stderr.write(f"\nimage {image.pk} ({image.file.name}): {exc}")
            finally:
                image_files.discard_uncommitted()  # the new copies of an image that failed
            sys.stderr.write(f"\r{n}/{total} images")
            sys.stderr.flush()
        if total:
            sys.stderr.write("\n")
        self.stdout.write(f"Rebuilt renditions for {total - failed} image(s); {failed} failed.")
