"""Renditions are made after the save that stored a figure's image, as a job: the save never waits for them.

Until they exist the page shows the stored image itself (images.renditions.picture
falls back to it), so a story is complete from its first save.
"""

import logging

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from articles import changes, stored_html
from articles.models import Figure
from images.encoding import renditions_of_stored
from images.storage import store_renditions
from jobs.engine import enqueue_after_commit, job

logger = logging.getLogger(__name__)


def figure_saved(sender, instance, raw=False, **kwargs):
    """post_save on Figure: an image without renditions gets them once the save commits."""
    if raw or not instance.image or instance.renditions:
        return
    enqueue_after_commit(make_renditions, instance.image.name)


@job("jobs.make_renditions", label=_("画像の縮小版の作成"))
def make_renditions(image_name: str) -> int:
    """Make the renditions of the stored image `image_name` for the figures showing it without any.

    Idempotent: a figure that has renditions keeps them, and when none lacks
    them (already made, or the figures are gone) nothing is made. Returns how
    many figures got them. Their stories' stored parts and the pages showing
    them follow (articles.stored_html, articles.changes), once for all of
    them, as one image may serve thousands of figures.
    """
    waiting = [figure.pk for figure in Figure.objects.filter(image=image_name) if not figure.renditions]
    if not waiting:
        return 0
    storage = Figure._meta.get_field("image").storage
    written: list[str] = []
    updated = 0
    try:
        made = store_renditions(storage, image_name, renditions_of_stored(storage, image_name), written)
        with changes.batched(), transaction.atomic():
            lacking = {
                pk: article_id
                for pk, article_id, renditions in Figure.objects.select_for_update()
                .filter(pk__in=waiting, image=image_name).values_list("pk", "article_id", "renditions")
                if not renditions
            }
            updated = Figure.objects.filter(pk__in=lacking).update(renditions=made)
            stored_html.refresh_parts(lacking.values())
            changes.parts_changed(lacking.values())
    finally:
        if not updated:  # failed, or another run was first: these files belong to no figure
            for name in written:
                storage.delete(name)
    return updated
