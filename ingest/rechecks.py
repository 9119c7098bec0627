"""Originals that change: a published story's original is read again for a while, and a change is flagged with its diff.

Outlets correct and update their stories after we translate them. For
NEWSDESK_ORIGINAL_RECHECK_DAYS after a story is published, the periodic
job fetches its original (robots.txt and the per-host pause obeyed),
extracts it as 「翻訳を始める」 does, and compares its text with the
original the story was translated from. A difference marks the story's
`OriginalCheck` changed, with the diff shown in the admin (原文の更新); an
editor marks it handled (adding a correction to the story if needed),
which makes the current original the new baseline.
"""

import difflib
import re
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article
from ingest import extraction, fetching, pacing, robots
from ingest.models import OriginalCheck


def due_stories():
    """Published stories with an original URL, published within the re-check period."""
    since = timezone.now() - timedelta(days=settings.NEWSDESK_ORIGINAL_RECHECK_DAYS)
    return Article.objects.published().filter(published_at__gte=since).exclude(original_url="")


def recheck(article: Article) -> OriginalCheck:
    """Read `article`'s original again and record whether it changed since the version translated."""
    check, _created = OriginalCheck.objects.get_or_create(
        article=article, defaults={"translated_body": article.original_body},
    )
    try:
        if not robots.allowed(article.original_url):
            raise fetching.FetchRefused(_("robots.txt がこのページの取得を許していません。"))
        pacing.wait_for_host(article.original_url)
        response = fetching.fetch(article.original_url)
        if response.status >= 400:
            raise fetching.FetchError(_("ページを取得できませんでした（HTTP %(status)d）。") % {"status": response.status})
        body = extraction.extract(response.text, url=response.url).body
    except fetching.FetchError as exc:
        OriginalCheck.objects.filter(pk=check.pk).update(checked_at=timezone.now(), last_error=str(exc))
        check.refresh_from_db()
        return check
    now = timezone.now()
    changed = bool(body) and _normal(body) != _normal(check.translated_body)
    fields = {"checked_at": now, "last_error": "", "current_body": body}
    if changed and (check.state != OriginalCheck.State.CHANGED or _normal(body) != _normal(check.current_body)):
        fields |= {"state": OriginalCheck.State.CHANGED, "changed_at": now}
    OriginalCheck.objects.filter(pk=check.pk).update(**fields)
    check.refresh_from_db()
    return check


@transaction.atomic
def mark_handled(check: OriginalCheck, *, by) -> None:
    """The editor has seen the change (and corrected the story if needed): the current original is the new baseline."""
    OriginalCheck.objects.filter(pk=check.pk).update(
        state=OriginalCheck.State.WATCHING, translated_body=check.current_body, handled_by=by,
        handled_at=timezone.now(),
    )


@dataclass
class DiffLine:
    kind: str  # "same", "added", "removed"
    text: str


def diff(old: str, new: str) -> list[DiffLine]:
    """The original's paragraphs, those removed and added since the version translated marked as such."""
    before, after = _paragraphs(old), _paragraphs(new)
    lines: list[DiffLine] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if op == "equal":
            lines.extend(DiffLine("same", text) for text in before[i1:i2])
            continue
        lines.extend(DiffLine("removed", text) for text in before[i1:i2])
        lines.extend(DiffLine("added", text) for text in after[j1:j2])
    return lines


def _paragraphs(text: str) -> list[str]:
    return [_normal(block) for block in re.split(r"\n\s*\n", text or "") if block.strip()]


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()
