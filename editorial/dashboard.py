"""What the desk dashboard shows a person: each section one query or two, however many stories there are."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import OuterRef, Prefetch, Subquery
from django.utils import timezone

from articles.models import PUBLIC_STATUSES, Article, Correction, Revision
from desk.models import Note, ReviewRequest
from editorial.models import Autosave
from ingest.models import OriginalCheck

ROWS = 20  # the longest a section's list gets; older rows are in the story list
SCHEDULE_DAYS = 7  # today and the six days after it
RECENT_DAYS = 7


def _with_last_editor(stories):
    """Stories with the user name of whoever saved each last, and the state of their last review round."""
    last_revision = Revision.objects.filter(article=OuterRef("pk")).order_by("-version")
    last_review = ReviewRequest.objects.filter(article=OuterRef("pk")).order_by("-created_at", "-id")
    return stories.annotate(
        last_editor=Subquery(last_revision.values("created_by__username")[:1]),
        last_review_state=Subquery(last_review.values("state")[:1]),
    )


def my_drafts(user):
    """Unpublished stories `user` has worked on (drafts and stories in review), last changed first."""
    stories = (
        Article.objects.filter(editors=user).exclude(status__in=PUBLIC_STATUSES)
        .only("title", "original_title", "status", "translation_status", "updated_at")
        .order_by("-updated_at", "-id")
    )
    return list(_with_last_editor(stories)[:ROWS])


def waiting_for_review(user):
    """Open review requests addressed to `user` or to a group of theirs, oldest first (the longest waiting on top)."""
    return list(
        ReviewRequest.objects.waiting_for(user)
        .select_related("article", "requested_by", "reviewer", "reviewer_group")
        .order_by("created_at", "id")[:ROWS]
    )


def day_bounds(day: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    start = datetime.combine(day, time.min, tzinfo=tz)
    return start, start + timedelta(days=1)


def scheduled(*, start: datetime, end: datetime):
    """Stories going public between `start` and `end` (scheduled, or already out by their time), by time."""
    return list(
        Article.objects.filter(status__in=PUBLIC_STATUSES, published_at__gte=start, published_at__lt=end)
        .select_related("status_changed_by")
        .only("title", "original_title", "status", "published_at", "status_changed_by__username")
        .order_by("published_at", "id")
    )


def scheduled_soon(today: date) -> "list[CalendarDay]":
    """Scheduled stories from today to SCHEDULE_DAYS later, by day and time (days with none left out)."""
    start, _ = day_bounds(today)
    stories = [
        article for article in scheduled(start=start, end=start + timedelta(days=SCHEDULE_DAYS))
        if article.status == Article.Status.SCHEDULED
    ]
    return [day for day in _by_day(today, SCHEDULE_DAYS, stories) if day.stories]


def _by_day(first: date, count: int, stories) -> "list[CalendarDay]":
    days = [CalendarDay(first + timedelta(days=n), []) for n in range(count)]
    for article in stories:
        days[(timezone.localtime(article.published_at).date() - first).days].stories.append(article)
    return days


def recently_published(now: datetime):
    """Stories published in the last RECENT_DAYS, newest first, with their corrections."""
    return list(
        Article.objects.published(now=now).filter(published_at__gte=now - timedelta(days=RECENT_DAYS))
        .select_related("status_changed_by")
        .only("title", "original_title", "status", "published_at", "status_changed_by__username")
        .prefetch_related(Prefetch("corrections", queryset=Correction.objects.order_by("-noted_at")))
        .order_by("-published_at", "-id")[:ROWS]
    )


def changed_originals():
    """Published stories whose original the outlet changed since it was translated, most recent change first."""
    return list(
        OriginalCheck.objects.changed().select_related("article")
        .only("changed_at", "state", "article__title", "article__original_title", "article__original_url")
        .order_by("-changed_at", "-id")[:ROWS]
    )


def unsaved_autosaves(user):
    """`user`'s autosaved forms not saved since (a save deletes them), newest first."""
    return list(
        Autosave.objects.filter(user=user).select_related("article")
        .defer("data", "article__body", "article__original_body", "article__body_html",
               "article__original_body_html", "article__impact_analysis_html", "article__editorial_comment_html")
        .order_by("-updated_at")[:ROWS]
    )


def open_notes():
    """Open notes on any story, newest first."""
    return list(
        Note.objects.open().select_related("article", "author")
        .defer("article__body", "article__original_body", "article__body_html", "article__original_body_html",
               "article__impact_analysis_html", "article__editorial_comment_html")
        .order_by("-created_at", "-id")[:ROWS]
    )


@dataclass
class CalendarDay:
    day: date
    stories: list


def week_of(day: date) -> date:
    """The Monday starting `day`'s week."""
    return day - timedelta(days=day.weekday())


def calendar_week(monday: date) -> list[CalendarDay]:
    """The seven days from `monday`, each with the stories going public that day, in one query."""
    start, _ = day_bounds(monday)
    return _by_day(monday, 7, scheduled(start=start, end=start + timedelta(days=7)))
