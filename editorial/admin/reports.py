"""What the story's change form tells its editor about the translation: the 翻訳チェック panel and,
after a save, the same findings briefly as messages."""

from collections import Counter

from django.contrib import messages
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from articles.text import clause, join_words, sentence
from translation import alignment, glossary, typography

# The parts of a story (revision keys) the checks read: a save that changed none of them has
# nothing new to tell.
CHECKED_PARTS = frozenset({
    "title", "lead", "body", "key_points", "impact_analysis", "editorial_comment", "original.body", "figures",
})
WITHDRAWN_REVIEW = _("翻訳を変更したため、「確認済み」を外しました。公開前に編集者の確認をもう一度受けてください。")


def translation_checks(article: Article) -> dict:
    """What the change form's 翻訳チェック panel shows for `article` as just read from the database."""
    # The checks each go through the key points and figures: read them once.
    prefetch_related_objects([article], "key_points", "figures")
    terms = glossary.all_terms()
    return {
        "alignment": alignment.align(article.original_body, article.body),
        "glossary": glossary.check_article(article, terms=terms),
        "untranslated": glossary.check_untranslated(article, terms=terms),
        "glossary_size": len(terms),
        "typography": typography.check_article(article),
    }


def report_checks(model_admin, request, article: Article) -> None:
    """After a save: where alignment breaks, typography warnings and glossary findings, briefly.

    The change form's 翻訳チェック panel has the details; a message also
    reaches an editor whose save took them back to the list.
    """
    # The checks each go through the key points and figures (as saved: nothing read them into `article`
    # before): once.
    prefetch_related_objects([article], "key_points", "figures")
    aligned = alignment.align(article.original_body, article.body)
    if aligned.broken_at:
        model_admin.message_user(request, _("段落の対応: %(message)s（原文 %(o)s 段落・翻訳 %(t)s 段落）。") % {
            "message": clause(aligned.broken_at.message), "o": aligned.original_count, "t": aligned.translation_count,
        }, messages.WARNING)
    warnings = typography.check_article(article)
    if warnings:
        first = warnings[0]
        model_admin.message_user(request, _(
            "表記の注意が %(count)s 件あります。例: %(field)s「%(snippet)s」— %(message)s詳しくは「翻訳チェック」を確認してください。"
        ) % {"count": len(warnings), "field": first.label, "snippet": first.snippet.shown_match,
             "message": sentence(first.message)},
            messages.WARNING)
    terms = glossary.all_terms()
    untranslated = glossary.check_untranslated(article, terms=terms)
    if untranslated:
        model_admin.message_user(request, _(
            "原語の表記のまま残っている用語があります: %(terms)s。意図したものでなければ「翻訳チェック」で確認してください。"
        ) % {
            "terms": join_words(
                _("%(original)s（%(count)s か所、用語集では「%(approved)s」）") % {
                    "original": u.term.original, "count": u.count, "approved": u.term.approved,
                } for u in untranslated
            ),
        }, messages.WARNING)
    reports = glossary.check_article(article, terms=terms)
    if reports:
        model_admin.message_user(request, _(
            "用語集で使わない表記が %(count)s か所あります: %(terms)s。「翻訳チェック」から一括で直せます。"
        ) % {
            "count": sum(r.variant_count for r in reports),
            "terms": join_words(dict.fromkeys(o.form for r in reports for o in r.occurrences)),
        }, messages.WARNING)


def apply_glossary(article: Article) -> Counter:
    """The glossary's approved forms in what the editor just saved (a part of the same save: one revision)."""
    article.refresh_from_db()
    return glossary.apply_approved_forms(article)


def report_glossary(model_admin, request, article: Article, replaced: Counter) -> None:
    """Say what apply_glossary replaced, and keep it in the story's admin history."""
    if not replaced:
        model_admin.message_user(request, _("用語集の「使わない表記」は見つかりませんでした。"), messages.INFO)
        return
    details = join_words(
        _("%(variant)s→%(approved)s（%(count)s か所）") % {"variant": variant, "approved": approved, "count": n}
        for (variant, approved), n in replaced.items()
    )
    model_admin.message_user(request, _("保存し、用語集の表記に統一しました: %(details)s") % {"details": details},
                             messages.SUCCESS)
    model_admin.log_change(request, article, _("用語集の表記に統一: %(details)s") % {"details": details})
