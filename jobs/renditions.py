"""Renditions are made after the save that stored a library image, as a job: the save never waits for them.

They are made once per library image, and every figure showing it takes
them. Until they exist the page shows the stored image itself
(images.renditions.picture falls back to it), so a story is complete from
its first save.
"""

import logging

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from articles import changes, stored_html
from articles.models import Figure
from images.encoding import renditions_of_stored
from images.models import Image
from images.storage import store_renditions
from jobs.engine import enqueue_after_commit, job

logger = logging.getLogger(__name__)


def image_saved(sender, instance, raw=False, **kwargs):
    """post_save on a library image: an image without renditions gets them once the save commits."""
    if raw or not instance.file or instance.renditions:
        return
    enqueue_after_commit(make_renditions, instance.file.name)


@job("jobs.make_renditions", label=_("画像の縮小版の作成"))
def make_renditions(image_name: str) -> int:
    """Make the renditions of the library image stored as `image_name`, and give them to its figures.

    Idempotent: an image that has renditions keeps them (its figures still
    lacking them take those), and a run for an image that is gone does
    nothing. Returns how many figures got them. Their stories' stored parts
    and the pages showing them follow (articles.stored_html,
    articles.changes), once for all of them, as one image may serve
    thousands of figures.
    """
    image = Image.objects.filter(file=image_name).first()
    if image is None:
        return 0
    storage = image.file.storage
    made = image.renditions
    written: list[str] = []
    kept = False
    try:
        if not made:
            made = store_renditions(storage, image_name, renditions_of_stored(storage, image_name), written)
        with changes.batched(), transaction.atomic():
            locked = Image.objects.select_for_update().filter(pk=image.pk).first()
            if locked is None:
                return 0
            if written and locked.renditions:
                made = locked.renditions  # another run was first: its renditions stay
            elif written:
                Image.objects.filter(pk=image.pk).update(renditions=made)
                kept = True
            lacking = {
                pk: article_id
                for pk, article_id, renditions in Figure.objects.select_for_update()
                .filter(image_item=image).values_list("pk", "article_id", "renditions")
                if renditions != made
            }
            Figure.objects.filter(pk__in=lacking).update(renditions=made)
            stored_html.refresh_figures(lacking.values())
            changes.parts_changed(lacking.values())
    finally:
        if written and not kept:  # failed, or another run was first: these files belong to no image
            for name in written:
                storage.delete(name)
    return len(lacking)
