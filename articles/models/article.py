"""The article: the original and its translation, its workflow state, and its tag links and former slugs."""


from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles import links, rendering, text
from articles.models.common import DEFERRED_VALUE, split_lines, validate_arxiv_id
from articles.models.taxonomy import Category, Source, Tag
from articles.page_keys import CARD_FIELDS

# The article's Markdown fields and the fields holding them as HTML, for its own page only.
MARKDOWN_HTML = {
    "body": "body_html",
    "original_body": "original_body_html",
    "impact_analysis": "impact_analysis_html",
    "editorial_comment": "editorial_comment_html",
}
STORED_HTML = tuple(MARKDOWN_HTML.values())
# Long texts of an article that a card does not show.
CARD_SKIPS = ("body", "original_body", "impact_analysis", "editorial_comment", "original_authors",
              "original_affiliations", *STORED_HTML)
# The fields save() derives from each field an editor writes (see with_derived_fields).
DERIVED_FROM = {source: (html,) for source, html in MARKDOWN_HTML.items()} | {"body": ("reading_minutes", "body_html")}


class ArticleQuerySet(models.QuerySet):
    def published(self, *, now=None):
        """Articles the public may see: published or scheduled, with a publish time already past.

        Deciding by time here is what makes a scheduled article go live
        at its time without any job having to run.
        """
        now = now or timezone.now()
        return self.filter(status__in=PUBLIC_STATUSES, published_at__lte=now)

    def in_category(self, category):
        return self.filter(category=category)

    def tagged(self, tag):
        """Articles carrying `tag`, for a list in any order (a filter among others).

        EXISTS rather than a join: a list then walks the publish-time index
        newest first and stops after a page, where the join would read all
        of the tag's articles and sort them. The tag's own list is quicker
        still with newest_tagged().
        """
        return self.filter(Exists(ArticleTag.objects.filter(article_id=OuterRef("pk"), tag_id=tag.pk)))

    def newest_tagged(self, tag):
        """Articles carrying `tag`, newest first (publish time, then id), read from the tag's links.

        Each link holds a copy of its article's publish time, indexed with the
        tag, so a list reads the tag's newest links straight from that index
        and stops after a page, whatever the size of the archive. (Walking the
        articles newest first and probing each for the tag reads hundreds of
        other tags' articles for every one shown.)
        """
        return self.filter(tag_links__tag=tag).order_by("-tag_links__published_at", "-tag_links__article_id")

    def with_card_data(self, *, full_text: bool = False):
        """Everything an article card shows, in a constant number of queries.

        The long texts a card never shows are left in the database unless
        `full_text` (search results quote passages of the body and original).
        Sources come in a query of their own: joined (an inner join, as every
        article has one), they let SQLite's planner start from the sources
        and sort every article instead of reading the newest few.
        """
        cards = self.select_related("category").prefetch_related("source", "tags")
        return cards.defer(*STORED_HTML) if full_text else cards.defer(*CARD_SKIPS)


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("下書き")
        REVIEW = "review", _("レビュー待ち")
        SCHEDULED = "scheduled", _("予約公開")
        PUBLISHED = "published", _("公開")

    class TranslationStatus(models.TextChoices):
        MACHINE_DRAFT = "machine_draft", _("機械翻訳の下訳")
        HUMAN_EDITED = "human_edited", _("人が翻訳・編集")
        REVIEWED = "reviewed", _("確認済み")

    # The original.
    original_title = models.CharField(_("原題"), max_length=300)
    original_body = models.TextField(_("原文本文"), blank=True, help_text=_("Markdown。"))
    original_url = models.URLField(
        _("原文URL"), max_length=500, unique=True,
        help_text=_("記事を識別するキー。インポートはこのURLで既存の記事を更新します。"),
    )
    original_author = models.CharField(_("原文の著者"), max_length=200, blank=True)
    original_published_at = models.DateTimeField(_("原文の公開日時"), null=True, blank=True)
    original_language = models.CharField(
        _("原文の言語"), max_length=12, default="en",
        validators=[text.validate_language_code],
        help_text=_("言語コード（例: en, de, zh-Hant）。"),
    )
    source = models.ForeignKey(
        Source, verbose_name=_("ソース"), on_delete=models.PROTECT, related_name="articles",
    )
    # What a research paper adds (blank for other kinds of source).
    original_arxiv_id = models.CharField(
        _("arXiv ID"), max_length=40, blank=True, validators=[validate_arxiv_id],
        help_text=_("論文のとき。例: 2611.01234"),
    )
    original_authors = models.TextField(
        _("著者（論文）"), blank=True, help_text=_("論文の著者。1行に1人。"),
    )
    original_affiliations = models.TextField(
        _("所属機関（論文）"), blank=True, help_text=_("1行に1つ。"),
    )
    original_pdf_url = models.URLField(_("PDFのURL"), max_length=500, blank=True)
    original_code_url = models.URLField(_("コードのURL"), max_length=500, blank=True)

    # The translation.
    title = models.CharField(_("タイトル"), max_length=300)
    slug = models.SlugField(
        _("スラッグ"), max_length=120, unique=True, allow_unicode=True, blank=True,
        help_text=_("記事URLの一部。空欄なら原題から作られます。変更すると古いURLは新しいURLへ転送されます。"),
    )
    lead = models.TextField(_("リード"), blank=True, help_text=_("一段落の要約。検索結果やSNSの説明文にも使われます。"))
    body = models.TextField(
        _("本文"), blank=True,
        help_text=_("Markdown。[[figure:1]] だけの段落に図1を配置します。"),
    )
    impact_analysis = models.TextField(_("影響分析"), blank=True)
    editorial_comment = models.TextField(_("編集コメント"), blank=True)

    # The Markdown above rendered and sanitized when saved (articles/rendering.py), so that showing
    # the page renders none: derived, never edited. The key points' and corrections' HTML is
    # kept apart, in RenderedParts.
    body_html = models.TextField(blank=True, editable=False, help_text="The body as HTML, figure markers kept.")
    original_body_html = models.TextField(blank=True, editable=False)
    impact_analysis_html = models.TextField(blank=True, editable=False)
    editorial_comment_html = models.TextField(blank=True, editable=False)

    category = models.ForeignKey(
        Category, verbose_name=_("カテゴリー"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="articles",
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("タグ"), through="ArticleTag", blank=True, related_name="articles")
    related = models.ManyToManyField(
        "self", verbose_name=_("関連記事"), through="RelatedLink",
        through_fields=("from_article", "to_article"), symmetrical=False, blank=True,
        related_name="+",
    )

    translation_status = models.CharField(
        _("翻訳の状態"), max_length=20, choices=TranslationStatus.choices, default=TranslationStatus.HUMAN_EDITED,
        help_text=_("読者に表示されます。機械翻訳の下訳のまま公開するには、編集者の確認が必要です。"),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("翻訳の確認者"), on_delete=models.SET_NULL,
        null=True, blank=True, editable=False, related_name="+",
    )
    reviewed_at = models.DateTimeField(_("翻訳の確認日時"), null=True, blank=True, editable=False)

    status = models.CharField(_("ステータス"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        _("公開日時"), null=True, blank=True,
        help_text=_("予約公開ではこの時刻に公開されます。"),
    )
    reading_minutes = models.PositiveSmallIntegerField(_("読了時間（分）"), default=1, editable=False)
    status_changed_at = models.DateTimeField(_("ステータス変更日時"), null=True, blank=True, editable=False)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("ステータス変更者"), on_delete=models.SET_NULL,
        null=True, blank=True, editable=False, related_name="+",
    )
    version = models.PositiveIntegerField(
        _("版"), default=0, editable=False,
        help_text=_("保存のたびに増える番号。古いフォームからの上書きを防ぎます。"),
    )

    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("編集者"), through="ArticleEditor", blank=True,
        related_name="edited_articles", editable=False,
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ("-published_at", "-id")
        verbose_name = _("記事")
        verbose_name_plural = _("記事")
        # Lists, digests and feeds filter on status and time; category and source pages first narrow by those.
        # Lists read newest first: an index on the time alone lets the database walk it in
        # order and stop after a page (status is checked on the way; a (status, time) index
        # would make it sort every public article first).
        indexes = [
            # Lists read newest first; with the status in the index, deciding what is public
            # needs no visit to the (wide) article row, so a tag page reads only the rows it shows.
            models.Index(fields=("published_at", "status"), name="article_published_status_idx"),
            # Search has ids (the index's answer) and needs each one's time and status: this answers
            # that without the row, which on SQLite means reading past the story's whole text.
            models.Index(fields=("id", "published_at", "status"), name="article_id_published_idx"),
            models.Index(fields=("category", "published_at")),
            models.Index(fields=("source", "published_at")),
        ]
        permissions = [("publish_article", _("記事を公開・予約・非公開にできる"))]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = text.unique_slug(self, text.slug_source(self.original_title, self.title))
        self.fill_derived_fields()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = with_derived_fields(kwargs["update_fields"])
        moved = self._publish_time_moved(kwargs.get("update_fields"))
        super().save(*args, **kwargs)
        self._remember_old_slug()
        if moved:
            self.tag_links.update(published_at=self.published_at)
        self._loaded_published_at = self.__dict__.get("published_at", DEFERRED_VALUE)

    def get_absolute_url(self):
        return links.slug_url("articles:detail", self.slug)

    def add_editor(self, user) -> None:
        """Count `user` among the story's editors: one INSERT, ignored when already there."""
        ArticleEditor.objects.bulk_create([ArticleEditor(article=self, user=user)], ignore_conflicts=True)

    def clean(self):
        if self.slug and self.slug_was_anothers(self.slug):
            raise ValidationError({"slug": ValidationError(
                _("このスラッグは別の記事が以前使っていたため使えません（その記事の古いURLからの転送が壊れます）: %(slug)s"),
                params={"slug": self.slug}, code="former_slug",
            )})

    def slug_was_anothers(self, slug: str) -> bool:
        """Whether another article used `slug` before: its old URL redirects there (SlugRedirect), and must keep doing so."""
        return SlugRedirect.objects.filter(old_slug=slug).exclude(article_id=self.pk).exists()

    def slug_is_free(self, slug: str) -> bool:
        """Whether this article may take `slug`: no other article uses it now or used it before."""
        return not (Article.objects.filter(slug=slug).exclude(pk=self.pk).exists() or self.slug_was_anothers(slug))

    def is_published(self, *, now=None):
        now = now or timezone.now()
        return (
            self.status in (self.Status.PUBLISHED, self.Status.SCHEDULED)
            and self.published_at is not None
            and self.published_at <= now
        )

    @property
    def source_kind(self) -> str:
        return self.source.kind if self.source_id else Source.Kind.NEWS

    @property
    def original_author_list(self) -> list[str]:
        """The paper's authors, else the original's single author line."""
        return split_lines(self.original_authors) or ([self.original_author] if self.original_author else [])

    @property
    def original_affiliation_list(self) -> list[str]:
        return split_lines(self.original_affiliations)

    @property
    def arxiv_url(self) -> str:
        return f"https://arxiv.org/abs/{self.original_arxiv_id}" if self.original_arxiv_id else ""

    @property
    def reviewer_name(self) -> str:
        """The reviewer's full name as set on their account (never the login name), or ""."""
        return self.reviewed_by.get_full_name().strip() if self.reviewed_by_id and self.reviewed_by else ""

    def translation_credit(self) -> str:
        """How the translation was made, in the words readers see (meta line, JSON-LD)."""
        if self.translation_status == self.TranslationStatus.MACHINE_DRAFT:
            return gettext("機械翻訳（編集部による編集前）")
        if self.translation_status == self.TranslationStatus.REVIEWED:
            return gettext("編集部が翻訳・編集し、確認済み")
        return gettext("編集部が翻訳・編集")

    def fill_derived_fields(self, *, from_text: dict | None = None):
        """What save() derives from the other fields (bulk inserts, which skip save(), call it too).

        `from_text`: what `derived_from_text` made of this same text elsewhere
        (an import's second process), set as it is.
        """
        if self.published_at is not None:
            # The admin's date/time widgets have no microseconds; keep stored
            # times equal to what the form shows so a re-save changes nothing.
            self.published_at = self.published_at.replace(microsecond=0)
        for name, value in (self.derived_from_text() if from_text is None else from_text).items():
            setattr(self, name, value)

    def derived_from_text(self) -> dict:
        """The fields derived from the article's text alone: its reading time and its Markdown's HTML."""
        return {"reading_minutes": text.reading_minutes(self.body), **self._markdown_html()}

    def render_html(self) -> None:
        """Render the Markdown fields into their HTML fields (MARKDOWN_HTML), sanitized, for the page."""
        for html, value in self._markdown_html().items():
            setattr(self, html, value)

    def _markdown_html(self) -> dict:
        return {html: rendering.stored_html(getattr(self, source)) for source, html in MARKDOWN_HTML.items()}

    def _remember_old_slug(self):
        old = getattr(self, "_loaded_slug", None)
        # A new article has no history (and unique_slug kept it off others' old slugs).
        if old is not None and old != self.slug:
            SlugRedirect.objects.update_or_create(old_slug=old, defaults={"article": self})
            # The new slug may have been one of this article's old ones.
            SlugRedirect.objects.filter(old_slug=self.slug, article=self).delete()
        self._loaded_slug = self.slug

    def _publish_time_moved(self, update_fields) -> bool:
        """Whether this save stores a publish time other than the one loaded (its tag links copy it)."""
        if self._state.adding or "published_at" not in self.__dict__:
            return False  # a new article has no links yet; a deferred time is not saved
        if update_fields is not None and "published_at" not in update_fields:
            return False
        return self.published_at != getattr(self, "_loaded_published_at", DEFERRED_VALUE)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_slug = instance.__dict__.get("slug")
        instance._loaded_status = instance.__dict__.get("status")
        instance._loaded_published_at = instance.__dict__.get("published_at", DEFERRED_VALUE)
        # What readers saw of it as loaded: a save compares against it to name the pages it renews.
        instance._loaded_card = {name: instance.__dict__[name] for name in CARD_FIELDS if name in instance.__dict__}
        return instance


def with_derived_fields(update_fields) -> list[str]:
    """`update_fields` with the fields derived from them: a save of the body saves its HTML too."""
    fields = list(update_fields)
    for name in update_fields:
        fields += [derived for derived in DERIVED_FROM.get(name, ()) if derived not in fields]
    return fields


# The statuses of an article readers may see once its publish time has passed.
PUBLIC_STATUSES = (Article.Status.PUBLISHED, Article.Status.SCHEDULED)


class ArticleTagQuerySet(models.QuerySet):
    def copy_publish_times(self) -> int:
        """Give these links their article's publish time as stored, in one UPDATE."""
        stored = Article.objects.filter(pk=OuterRef("article_id")).values("published_at")[:1]
        return self.update(published_at=Subquery(stored))

    def tags_of(self, article_id: int) -> list[Tag]:
        """The article's tags by name, as `article.tags.all()` lists them.

        Written as SQL because the article page reads them on every view:
        building the join with the ORM cost several times what the database
        spends answering it.
        """
        tags, links = Tag._meta.db_table, ArticleTag._meta.db_table
        sql = (
            f"SELECT t.* FROM {tags} t JOIN {links} l ON l.tag_id = t.id "  # nosec B608 # table names from the models' metadata; the id is a parameter
            "WHERE l.article_id = %s ORDER BY t.name"
        )
        return list(Tag.objects.raw(sql, [article_id]))


class ArticleTag(models.Model):
    """An article's tag, with a copy of the article's publish time.

    The copy lets a tag page read the tag's newest articles from the
    (tag, publish time) index. Article.save() updates it when the time
    moves, and tag_links_added() fills it in for links made by
    article.tags.add()/set() (forms, restores, imports); bulk inserts give
    it themselves, and so must a queryset update() of articles' times.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="tag_links")
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="article_links")
    published_at = models.DateTimeField(null=True, blank=True, editable=False, help_text="The article's publish time.")

    objects = ArticleTagQuerySet.as_manager()

    class Meta:
        db_table = "articles_article_tags"  # the table Django created for the plain many-to-many field
        unique_together = (("article", "tag"),)
        verbose_name = _("記事のタグ")
        verbose_name_plural = _("記事のタグ")
        indexes = [
            # The tag page's order, ids breaking ties as in every article list.
            models.Index(fields=("tag", "-published_at", "-article"), name="article_tag_newest_idx"),
        ]

    def __str__(self):
        return f"{self.tag}（{self.article}）"


class ArticleEditor(models.Model):
    """An editor who moved the story through its workflow (submitted, published, marked reviewed)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)

    class Meta:
        db_table = "articles_article_editors"  # the table Django created for the plain many-to-many field
        unique_together = (("article", "user"),)
        verbose_name = _("記事の編集者")
        verbose_name_plural = _("記事の編集者")

    def __str__(self):
        return f"{self.user}（{self.article}）"


def tag_links_added(sender, instance, action, reverse, pk_set, using, **kwargs):
    """m2m_changed receiver: links just made by tags.add()/set() take their article's publish time."""
    if action != "post_add" or not pk_set:
        return
    links = ArticleTag.objects.using(using)
    if reverse:  # tag.articles.add(...)
        links = links.filter(tag=instance, article_id__in=pk_set)
    else:
        links = links.filter(article=instance, tag_id__in=pk_set)
    links.copy_publish_times()


class SlugRedirect(models.Model):
    """An article's former slug, so links to its old URL keep working."""

    old_slug = models.SlugField(max_length=120, unique=True, allow_unicode=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="old_slugs")

    class Meta:
        verbose_name = _("以前のスラッグ")
        verbose_name_plural = _("以前のスラッグ")

    def __str__(self):
        return self.old_slug
