"""The parts of a story, in reading order, with the words editors use for them."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from articles.text import join_words

# The story's parts in reading order, with the words editors use for them.
FIELD_LABELS = {
    "title": gettext_noop("タイトル"),
    "lead": gettext_noop("リード"),
    "body": gettext_noop("本文"),
    "key_points": gettext_noop("キーポイント"),
    "impact_analysis": gettext_noop("影響分析"),
    "editorial_comment": gettext_noop("編集コメント"),
    "translation_status": gettext_noop("翻訳の状態"),
    "original.title": gettext_noop("原題"),
    "original.body": gettext_noop("原文本文"),
    "original.url": gettext_noop("原文URL"),
    "original.source": gettext_noop("ソース"),
    "original.author": gettext_noop("原文の著者"),
    "original.published_at": gettext_noop("原文の公開日時"),
    "original.language": gettext_noop("原文の言語"),
    "original.arxiv_id": gettext_noop("arXiv ID"),
    "original.authors": gettext_noop("著者（論文）"),
    "original.affiliations": gettext_noop("所属機関（論文）"),
    "original.pdf_url": gettext_noop("PDFのURL"),
    "original.code_url": gettext_noop("コードのURL"),
    "figures": gettext_noop("図"),
    "related": gettext_noop("関連記事"),
    "corrections": gettext_noop("訂正・更新"),
    "category": gettext_noop("カテゴリー"),
    "tags": gettext_noop("タグ"),
    "status": gettext_noop("ステータス"),
    "published_at": gettext_noop("公開日時"),
    "slug": gettext_noop("スラッグ"),
}


def describe(keys: list[str]) -> str:
    """The labels of `keys`, joined as a sentence part: what a revision changed."""
    return join_words(_(FIELD_LABELS[k]) for k in keys if k in FIELD_LABELS)
