"""Periodic work, run by Celery beat on the schedule in settings.CELERY_BEAT_SCHEDULE.

- `publish_due_stories` (every minute): scheduled stories whose time has
  come are marked published and announced, so their pages, lists and edge
  copies follow (articles.publishing.publish_due). Readers see a story from
  its time on whether or not this ran (`published()` compares with now);
  this does the side effects.
- `clean_up` (hourly): runs every function registered with `cleanup`,
  the place for removing abandoned work: images kept for a story form that
  came back with errors and nobody saved within a day
  (images.pending.clean_pending_uploads), and autosaves nobody came back to
  (editorial.autosaves.clean_abandoned, registered in EditorialConfig.ready).
"""

import logging
from collections.abc import Callable

from django.utils.translation import gettext_lazy as _

from articles.publishing import publish_due
from images.pending import clean_pending_uploads
from jobs.engine import job

logger = logging.getLogger(__name__)

_cleanups: list[Callable[[], int]] = []


def cleanup(function: Callable[[], int]) -> Callable[[], int]:
    """Register `function` (returns how many things it removed) to run with every `clean_up` job."""
    _cleanups.append(function)
    return function


cleanup(clean_pending_uploads)


@job("jobs.publish_due_stories", label=_("予約記事の公開"))
def publish_due_stories() -> int:
    """Mark due scheduled stories published and announce them; returns how many."""
    count = publish_due()
    if count:
        logger.info("%d scheduled story(ies) went live", count)
    return count


@job("jobs.clean_up", label=_("後片付け"))
def clean_up() -> int:
    """Run the registered cleanups; returns how many things they removed in all."""
    return sum(function() for function in _cleanups)
