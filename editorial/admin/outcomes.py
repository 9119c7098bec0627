"""What one save of a story tells its editor: exactly one outcome, in a newsroom's words.

「公開しました」 with a link to the live page, 「2026年12月4日 9:00 に公開予定です」,
a refused workflow move as one error (the content is saved all the same), or
plainly 「保存しました」. Django's own "…を変更しました" is replaced by it
(ArticleAdmin.message_user).
"""

from dataclasses import dataclass

from django.contrib import messages
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from articles import stories
from articles.models import PUBLIC_STATUSES, Article
from articles.text import join_words


@dataclass(frozen=True)
class Outcome:
    level: int
    message: str
    plain: bool = False  # only "saved": another message that says so may stand in for it


def natural_time(moment) -> str:
    """A time as editors say it, in the site's time zone: 「2026年12月4日 9:00」."""
    local = timezone.localtime(moment)
    return _("%(year)s年%(month)s月%(day)s日 %(hour)s:%(minute)02d") % {
        "year": local.year, "month": local.month, "day": local.day, "hour": local.hour, "minute": local.minute,
    }


def of_save(result: stories.SaveResult, *, merged: list[str] = (), merged_from: str = "") -> Outcome:
    """The one message for `result`: the workflow move it made or refused, else what was saved.

    `merged` names the parts others saved meanwhile that this save kept
    (their editors: `merged_from`), see conflicts.py.
    """
    article = result.article
    if result.warnings:
        return Outcome(messages.ERROR, "".join(result.warnings))
    if not result.changed and not result.created:
        return Outcome(messages.INFO, _("変更はありませんでした。"))
    if result.status_moved or (result.created and article.status != Article.Status.DRAFT):
        outcome = _moved(article)
    elif result.created:
        outcome = Outcome(messages.SUCCESS, _("下書きとして保存しました。"))
    elif article.status == Article.Status.PUBLISHED and article.is_published():
        outcome = Outcome(messages.SUCCESS, format_html(
            '{} <a href="{}">{}</a>', _("保存しました。公開中のページにも反映されます。"),
            article.get_absolute_url(), _("公開ページを開く"),
        ))
    else:
        outcome = Outcome(messages.SUCCESS, _("保存しました。"), plain=True)
    if merged:
        note = _("編集中に %(who)s が保存した %(parts)s も残しています。") % {
            "who": merged_from, "parts": join_words(merged),
        }
        outcome = Outcome(outcome.level, format_html("{}{}", outcome.message, note), outcome.plain)
    return outcome


def _moved(article: Article) -> Outcome:
    if article.status == Article.Status.SCHEDULED:
        return Outcome(messages.SUCCESS, _("%(when)s に公開予定です。") % {"when": natural_time(article.published_at)})
    if article.status in PUBLIC_STATUSES:
        return Outcome(messages.SUCCESS, format_html(
            '{} <a href="{}">{}</a>', _("公開しました。"), article.get_absolute_url(), _("公開ページを開く"),
        ))
    if article.status == Article.Status.REVIEW:
        return Outcome(messages.SUCCESS, _("レビューに出しました。"))
    return Outcome(messages.SUCCESS, _("下書きに戻しました。読者には表示されません。"))
