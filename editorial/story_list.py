"""What the desk's story list shows beyond the story's own fields: translator, reviewer, who has it open.

`with_desk_columns` adds the ids and states the columns read to the list's
one query; `fill_rows` names the people of a whole page in one more query and
reads its presence in two cache round trips, so the list costs the same
whatever the number of stories.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Case, F, IntegerField, OuterRef, Q, Subquery, When
from django.utils.translation import gettext as _

from articles.models import Article, Revision
from desk.models import ReviewRequest
from desk.notifications import display_name
from editorial import presence

User = get_user_model()


def with_desk_columns(stories):
    """`stories` with `translator_id`, the reviewer (`desk_reviewer_id`) and the last review round's state and group.

    The translator wrote the first revision (articles.publishing.translator_id).
    The reviewer is who approved the story, else whom its last review round
    asked (a person, or a group when nobody was named).
    """
    first_revision = Revision.objects.filter(article=OuterRef("pk")).order_by("version")
    last_round = ReviewRequest.objects.filter(article=OuterRef("pk")).order_by("-created_at", "-id")
    approved = Q(translation_status=Article.TranslationStatus.REVIEWED, reviewed_by__isnull=False)
    return stories.annotate(
        translator_id=Subquery(first_revision.values("created_by_id")[:1]),
        review_state=Subquery(last_round.values("state")[:1]),
        review_group=Subquery(last_round.values("reviewer_group__name")[:1]),
        desk_reviewer_id=Case(
            When(approved, then=F("reviewed_by_id")),
            default=Subquery(last_round.values("reviewer_id")[:1]),
            output_field=IntegerField(),
        ),
    )


def reviewed_by(stories, user_id: int):
    """Of `stories` (with_desk_columns), those whose reviewer is the user `user_id`."""
    return stories.filter(desk_reviewer_id=user_id)


@dataclass(frozen=True)
class DeskRow:
    """A row's people by name: its translator, its reviewer (or group) and the review's state, who has it open."""

    translator: str
    reviewer: str
    review_state: str
    editing: list


def fill_rows(stories: list, *, viewer) -> list:
    """Each story of a page with `desk` (a DeskRow): one query for the names, two cache reads for presence.

    Who has a story open leaves out `viewer`: the list tells them about the others.
    """
    ids = {pk for story in stories for pk in (story.translator_id, story.desk_reviewer_id) if pk}
    people = User.objects.only("username", "first_name", "last_name").in_bulk(ids) if ids else {}
    editing = presence.editing(story.pk for story in stories)
    states = dict(ReviewRequest.State.choices)

    def name(pk) -> str:
        return display_name(people[pk]) if pk in people else ""

    for story in stories:
        approved = story.translation_status == Article.TranslationStatus.REVIEWED and story.reviewed_by_id
        story.desk = DeskRow(
            translator=name(story.translator_id),
            reviewer=name(story.desk_reviewer_id) or ("" if approved else _group(story.review_group)),
            review_state=str(ReviewRequest.State.APPROVED.label if approved else states.get(story.review_state, "")),
            editing=[person for person in editing.get(story.pk, []) if person.user_id != viewer.pk],
        )
    return stories


def _group(name: str | None) -> str:
    return _("%(group)sグループ") % {"group": name} if name else ""
