import sys

from django.core.management.base import BaseCommand
from django.db import router, transaction

from articles.models import Figure
from images import storage as figure_files


class Command(BaseCommand):
    help = "Rebuild every figure's resized copies (after RENDITION_WIDTHS or quality settings change)."

    def handle(self, *args, **options):
        figures = Figure.objects.order_by("pk")
        total = figures.count()
        failed = 0
        for n, figure in enumerate(figures.iterator(chunk_size=100), start=1):
            try:
                with transaction.atomic():
                    figure_files.rebuild_renditions(figure, using=router.db_for_write(Figure, instance=figure))
                    figure.save(update_fields=["renditions"])
            except FileNotFoundError:
                failed += 1
                self.stderr.write(f"\nfigure {figure.pk} ({figure.image.name}): the image file is missing")
            except (OSError, ValueError) as exc:
                failed += 1
                self.stderr.write(f"\nfigure {figure.pk} ({figure.image.name}): {exc}")
            finally:
                figure_files.discard_uncommitted()  # the new copies of a figure that failed
            sys.stderr.write(f"\r{n}/{total} figures")
            sys.stderr.flush()
        if total:
            sys.stderr.write("\n")
        self.stdout.write(f"Rebuilt renditions for {total - failed} figure(s); {failed} failed.")
