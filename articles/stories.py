"""The one write path for a story: every writer (the admin, revision restore, an import) saves by `save_story`.

A save is one transaction: the article row, then its parts (tags, key
points, figures, related picks, corrections), then the workflow moves the
writer asked for (through publishing.py, which holds the rules), then one
revision (revisions.record). What its page shows of its key points,
corrections and figures is written once the parts are (stored_html).
Readers' copies are told once, after the commit (changes.batched). Apps
that follow saves wrap every save (`wrap_every_save`): search indexes the
story once, at the save's end, when all its parts are written.

A writer that read the story at some version passes it as
`expected_version`: if someone saved since, nothing is written and
`StaleStory` says who saved and what they changed.
"""

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from articles import changes, publishing, revisions, stored_html
from articles.models import PUBLIC_STATUSES, Article, Revision
from articles.text import sentence

# Writes one part of the story (its tags, the rows of one inline, …) once the article row is saved.
StoryPart = Callable[[Article], object]

# What every save runs inside, registered by the apps that follow saves (from their
# AppConfig.ready): the core calls them without naming any app above it.
_save_wrappers: list[Callable[[], AbstractContextManager]] = []


def wrap_every_save(wrapper: Callable[[], AbstractContextManager]) -> None:
    """Run every story save, inside its transaction, within `wrapper()` (e.g. search's deferred indexing)."""
    if wrapper not in _save_wrappers:
        _save_wrappers.append(wrapper)


class StaleStory(Exception):
    """The story was saved by others since the writer read it at `expected_version`.

    `later` are the revisions saved since (oldest first) and `changed` the
    labels of the parts they changed, for the writer to see both versions.
    """

    def __init__(self, article_id: int, *, expected_version: int, current_version: int):
        self.article_id = article_id
        self.expected_version = expected_version
        self.current_version = current_version
        self.later, self.changed = revisions.changes_since(article_id, expected_version)
        super().__init__(f"article {article_id} is at version {current_version}, not {expected_version}")


@dataclass
class SaveResult:
    """What a save did, for the writer to tell its user."""

    article: Article
    created: bool
    revision: Revision | None  # None: the story was already saved like this
    status_moved: tuple[str, str] | None = None  # (from, to), as editors read the statuses
    warnings: list[str] = field(default_factory=list)  # workflow moves refused; the content is saved
    review_withdrawn: bool = False  # a translation change took "reviewed" away

    @property
    def changed(self) -> bool:
        return self.revision is not None


@dataclass(frozen=True)
class _Workflow:
    status: str
    translation_status: str
    published_at: datetime | None

    @classmethod
    def of(cls, article: Article) -> "_Workflow":
        return cls(article.status, article.translation_status, article.published_at)


def check_version(article_id: int | None, expected_version: int | None) -> None:
    """Refuse with `StaleStory` when the stored story is no longer at `expected_version`.

    Call it inside a transaction: the article's row stays locked until the
    transaction ends, so two saves cannot both pass. A new article, or no
    expected version, passes.
    """
    if article_id is not None:
        _stored_row(article_id, expected_version)


def _stored_row(article_id: int, expected_version: int | None) -> dict:
    """The stored version and workflow fields, the row locked; `StaleStory` if not at `expected_version`."""
    row = (
        Article.objects.select_for_update()
        .values("version", "status", "translation_status", "published_at").get(pk=article_id)
    )
    if expected_version is not None and row["version"] != expected_version:
        raise StaleStory(article_id, expected_version=expected_version, current_version=row["version"])
    return row


def save_story(
    article: Article,
    *,
    by,
    parts: Iterable[StoryPart] = (),
    confirm_machine_translation: bool = False,
    expected_version: int | None = None,
    summary: str | None = None,
    workflow_as_given: bool = False,
) -> SaveResult:
    """Save `article` (new or changed) with its parts, move its workflow, keep one revision.

    The article's `status`, `translation_status` and `published_at` are what
    the writer asks for: the row keeps the stored ones and they move by
    publishing.py's steps, as `by` may (a publish time of a public story is
    a reschedule). A move that is refused leaves the content saved and is a
    warning in the result. `parts` run in order once the row is saved.
    `summary` describes the revision (e.g. a restore). Raises `StaleStory`.

    `workflow_as_given=True` saves the workflow fields (with the reviewer
    and review time) as they are on `article`, past publishing.py's steps
    and their checks: for trusted writers with no user only, an import run
    from a shell, whose file states them. Editors' saves never pass it.
    """
    with changes.batched(), transaction.atomic(), ExitStack() as wrapped:
        for wrapper in _save_wrappers:
            wrapped.enter_context(wrapper())
        created = article.pk is None
        stored = None if created else _stored_row(article.pk, expected_version)
        requested = _Workflow.of(article)
        if workflow_as_given:
            _keep_stored_version(article, stored)
        else:
            _keep_stored_workflow(article, stored)
        article.save()
        if by is not None:
            article.add_editor(by)
        with stored_html.rendered_once([article.pk]):
            for part in parts:
                part(article)
        result = SaveResult(article=article, created=created, revision=None)
        if not workflow_as_given:
            _move_translation_status(article, requested.translation_status, by=by, result=result)
            _move_status(article, requested, by=by, confirm=confirm_machine_translation, result=result)
        was_reviewed = article.translation_status == Article.TranslationStatus.REVIEWED
        result.revision = revisions.record(article, by=by, summary=summary)
        result.review_withdrawn = (
            was_reviewed and result.revision is not None
            and result.revision.data.get("translation_status") != Article.TranslationStatus.REVIEWED
        )
    return result


def _keep_stored_version(article: Article, stored: dict | None) -> None:
    """The version moves only by revisions.record, however long ago `article` was read."""
    if stored is not None:
        article.version = stored["version"]


def _keep_stored_workflow(article: Article, stored: dict | None) -> None:
    """Put the stored workflow fields and version back on `article` (a new one starts as an unpublished draft)."""
    _keep_stored_version(article, stored)
    if stored is None:
        article.status = Article.Status.DRAFT
        article.translation_status = Article.TranslationStatus.HUMAN_EDITED
        return
    article.status = stored["status"]
    article.translation_status = stored["translation_status"]
    if stored["status"] in PUBLIC_STATUSES:
        # What readers see is published at that time until publishing.publish reschedules it.
        article.published_at = stored["published_at"]


def _move_translation_status(article: Article, requested: str, *, by, result: SaveResult) -> None:
    if requested == article.translation_status:
        return
    try:
        publishing.set_translation_status(article, requested, by=by)
    except (ValidationError, PermissionDenied) as exc:
        result.warnings.append(_problem(exc))


def _move_status(article: Article, requested: _Workflow, *, by, confirm: bool, result: SaveResult) -> None:
    time_changed = requested.published_at != article.published_at
    if requested.status == article.status and not (requested.status in PUBLIC_STATUSES and time_changed):
        return
    before = article.get_status_display()
    try:
        publishing.change_status(
            article, requested.status, by=by, at=requested.published_at, confirm_machine_translation=confirm,
        )
    except (ValidationError, PermissionDenied) as exc:
        result.warnings.append(
            _("%(problem)s内容は「%(status)s」のまま保存しました。") % {"problem": sentence(_problem(exc)), "status": before}
        )
        return
    result.status_moved = (before, article.get_status_display())


def _problem(exc: ValidationError | PermissionDenied) -> str:
    return "".join(sentence(m) for m in exc.messages) if isinstance(exc, ValidationError) else sentence(str(exc))
