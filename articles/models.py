"""The newsroom's data: sources, articles (original + translation) and what hangs off them."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, router
from django.db.models import Exists, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles import links, text
from articles.field_labels import describe
from images import files as images

DEFERRED_VALUE = object()  # a field not loaded, so unlike any value

ARXIV_ID = re.compile(r"^(?:\d{4}\.\d{4,5}|[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$")


def validate_arxiv_id(value: str) -> None:
    """An arXiv identifier such as 2611.01234, 2611.01234v2 or hep-th/9901001."""
    if value and not ARXIV_ID.match(value):
        raise ValidationError(
            _("arXiv IDの形式が正しくありません（例: 2611.01234、2611.01234v2）: %(value)s"),
            params={"value": value}, code="invalid_arxiv_id",
        )


def split_lines(value: str) -> list[str]:
    """Non-empty, stripped lines of a one-item-per-line field, without repeats."""
    return list(dict.fromkeys(line.strip() for line in (value or "").splitlines() if line.strip()))


class ListedQuerySet(models.QuerySet):
    """Categories, tags or sources: readers see one only while a published article carries it."""

    article_field = ""  # the Article field that points here

    def public(self, *, now=None):
        """Those with at least one published article (others are 404 to readers: a draft's new tag stays private)."""
        carried = Article.objects.published(now=now).filter(**{self.article_field: OuterRef("pk")})
        return self.filter(Exists(carried))


class SourceQuerySet(ListedQuerySet):
    article_field = "source"


class CategoryQuerySet(ListedQuerySet):
    article_field = "category"


class TagQuerySet(ListedQuerySet):
    article_field = "tags"


class Source(models.Model):
    class Kind(models.TextChoices):
        NEWS = "news", _("ニュース")
        PAPER = "paper", _("論文")
        BLOG = "blog", _("ブログ・ニュースレター")
        PRESS_RELEASE = "press_release", _("プレスリリース")

    name = models.CharField(_("媒体名"), max_length=200, unique=True)
    slug = models.SlugField(_("スラッグ"), max_length=120, unique=True, allow_unicode=True, blank=True)
    home_url = models.URLField(_("ホームページ"), blank=True)
    kind = models.CharField(_("種別"), max_length=20, choices=Kind.choices, default=Kind.NEWS)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ("name",)
        verbose_name = _("ソース")
        verbose_name_plural = _("ソース")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = text.unique_slug(self, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return links.slug_url("articles:source", self.slug)


class Category(models.Model):
    name = models.CharField(_("名前"), max_length=100, unique=True)
    slug = models.SlugField(_("スラッグ"), max_length=120, unique=True, allow_unicode=True, blank=True)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ("name",)
        verbose_name = _("カテゴリー")
        verbose_name_plural = _("カテゴリー")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = text.unique_slug(self, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return links.slug_url("articles:category", self.slug)


class Tag(models.Model):
    name = models.CharField(_("名前"), max_length=100, unique=True)
    slug = models.SlugField(_("スラッグ"), max_length=120, unique=True, allow_unicode=True, blank=True)

    objects = TagQuerySet.as_manager()

    class Meta:
        ordering = ("name",)
        verbose_name = _("タグ")
        verbose_name_plural = _("タグ")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = text.unique_slug(self, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return links.slug_url("articles:tag", self.slug)


class GlossaryTerm(models.Model):
    """How the newsroom writes a name or term in Japanese, and the spellings it does not use."""

    original = models.CharField(
        _("原語"), max_length=200, unique=True, help_text=_("原文での表記。例: Yann LeCun"),
    )
    approved = models.CharField(_("採用する表記"), max_length=200, help_text=_("翻訳で使う表記。例: ヤン・ルカン"))
    variants = models.TextField(
        _("使わない表記"), blank=True,
        help_text=_("翻訳に出てきたら指摘し、ワンクリックで採用する表記に置き換えます。1行に1つ。例: ルコン"),
    )
    notes = models.TextField(_("メモ"), blank=True)
    tag = models.ForeignKey(
        Tag, verbose_name=_("タグ"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="glossary_terms", help_text=_("この用語のタグページ。"),
    )
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        ordering = ("original",)
        verbose_name = _("用語")
        verbose_name_plural = _("用語集")

    def __str__(self):
        return f"{self.original} → {self.approved}"

    def save(self, *args, **kwargs):
        self.variants = "\n".join(self.variant_list)
        super().save(*args, **kwargs)

    def clean(self):
        self.approved = (self.approved or "").strip()
        if self.approved and self.approved in split_lines(self.variants):
            raise ValidationError({"variants": _("採用する表記を「使わない表記」に含めることはできません。")})

    @property
    def variant_list(self) -> list[str]:
        """The rejected spellings, one per line in the field; the approved form never counts as one."""
        return [v for v in split_lines(self.variants) if v != (self.approved or "").strip()]


# Long texts of an article that a card does not show.
CARD_SKIPS = ("body", "original_body", "impact_analysis", "editorial_comment", "original_authors",
              "original_affiliations")


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
        return cards if full_text else cards.defer(*CARD_SKIPS)


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
        settings.AUTH_USER_MODEL, verbose_name=_("編集者"), blank=True,
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
        moved = self._publish_time_moved(kwargs.get("update_fields"))
        super().save(*args, **kwargs)
        self._remember_old_slug()
        if moved:
            self.tag_links.update(published_at=self.published_at)
        self._loaded_published_at = self.__dict__.get("published_at", DEFERRED_VALUE)

    def get_absolute_url(self):
        return links.slug_url("articles:detail", self.slug)

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

    def fill_derived_fields(self):
        """What save() derives from the other fields (bulk inserts, which skip save(), call it too)."""
        if self.published_at is not None:
            # The admin's date/time widgets have no microseconds; keep stored
            # times equal to what the form shows so a re-save changes nothing.
            self.published_at = self.published_at.replace(microsecond=0)
        self.reading_minutes = text.reading_minutes(self.body)

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
        return instance


# The statuses of an article readers may see once its publish time has passed.
PUBLIC_STATUSES = (Article.Status.PUBLISHED, Article.Status.SCHEDULED)


class ArticleTagQuerySet(models.QuerySet):
    def copy_publish_times(self) -> int:
        """Give these links their article's publish time as stored, in one UPDATE."""
        stored = Article.objects.filter(pk=OuterRef("article_id")).values("published_at")[:1]
        return self.update(published_at=Subquery(stored))


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
        indexes = [
            # The tag page's order, ids breaking ties as in every article list.
            models.Index(fields=("tag", "-published_at", "-article"), name="article_tag_newest_idx"),
        ]

    def __str__(self):
        return f"{self.article_id} – {self.tag_id}"


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

    def __str__(self):
        return self.old_slug


class KeyPoint(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="key_points")
    position = models.PositiveIntegerField(_("順番"), default=0)
    heading = models.CharField(_("見出し"), max_length=200)
    body = models.TextField(_("本文"), blank=True)

    class Meta:
        ordering = ("position", "id")
        verbose_name = _("キーポイント")
        verbose_name_plural = _("キーポイント")

    def __str__(self):
        return self.heading


def figure_upload_to(instance, filename):
    """figures/YYYY/MM/<name>-<random>.<ext>: never a name another upload had (images.unique_name)."""
    folder = timezone.now().strftime("figures/%Y/%m/")
    return images.unique_name(filename, folder=folder, max_length=Figure._meta.get_field("image").max_length)


class Figure(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="figures")
    position = models.PositiveIntegerField(_("順番"), default=0)
    image = models.ImageField(
        _("画像"), upload_to=figure_upload_to, width_field="width", height_field="height",
        validators=[images.validate_image],
        help_text=_("JPEG・PNG・WebP・GIF。"),
    )
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    caption = models.CharField(_("キャプション"), max_length=300, blank=True)
    credit = models.CharField(_("クレジット"), max_length=200, blank=True)
    alt_text = models.CharField(
        _("代替テキスト"), max_length=300, blank=True,
        help_text=_("画像が見えない読者のための説明。公開には必須です。"),
    )
    video_url = models.URLField(_("動画URL"), max_length=500, blank=True)
    renditions = models.JSONField(default=dict, blank=True, editable=False)
    source_sha256 = models.CharField(
        max_length=64, blank=True, editable=False,
        help_text="SHA-256 of the file as uploaded, before re-encoding (re-imports compare it).",
    )

    class Meta:
        ordering = ("position", "id")
        verbose_name = _("図")
        verbose_name_plural = _("図")

    def __str__(self):
        return self.caption or self.image.name

    def save(self, *args, **kwargs):
        if self.image and not getattr(self.image, "_committed", True):
            # A new upload: keep a clean re-encoded copy and its resized copies.
            using = kwargs.get("using") or router.db_for_write(Figure, instance=self)
            images.store_upload(self, self.image.file, using=using)
        super().save(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance.remember_stored_files()
        return instance

    def remember_stored_files(self) -> None:
        """Note the files the row refers to now, so a later save knows which ones it let go of."""
        self._stored_image = self.image.name or ""
        self._stored_files = self.files()

    def files(self) -> list[str]:
        """Every stored file of this figure: the image and its renditions."""
        return ([self.image.name] if self.image else []) + images.rendition_files(self.renditions)

    def rendition(self, width: int) -> dict | None:
        """The largest rendition no wider than `width` (or the smallest there is)."""
        entries = sorted((self.renditions or {}).values(), key=lambda e: e["width"])
        if not entries:
            return None
        fitting = [e for e in entries if e["width"] <= width]
        return fitting[-1] if fitting else entries[0]


class RelatedLink(models.Model):
    """An editor's pick: read this next."""

    from_article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="related_links")
    to_article = models.ForeignKey(
        Article, verbose_name=_("関連記事"), on_delete=models.CASCADE, related_name="picked_by",
    )
    position = models.PositiveIntegerField(_("順番"), default=0)

    class Meta:
        ordering = ("position", "id")
        verbose_name = _("関連記事（編集部選定）")
        verbose_name_plural = _("関連記事（編集部選定）")
        constraints = [
            models.UniqueConstraint(fields=("from_article", "to_article"), name="unique_related_pick"),
            models.CheckConstraint(condition=~Q(from_article=models.F("to_article")), name="related_not_self"),
        ]

    def __str__(self):
        return str(self.to_article)

    def clean(self):
        if self.from_article_id and self.from_article_id == self.to_article_id:
            raise ValidationError({"to_article": _("記事自身は関連記事にできません。")})


class Correction(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    noted_at = models.DateTimeField(_("日時"), default=timezone.now)
    body = models.TextField(_("訂正・更新の内容"))

    class Meta:
        ordering = ("noted_at", "id")
        verbose_name = _("訂正・更新")
        verbose_name_plural = _("訂正・更新")

    def __str__(self):
        return self.body[:40]


class DailyDigest(models.Model):
    date = models.DateField(_("日付"), unique=True)
    note = models.TextField(_("編集部から"), blank=True, help_text=_("まとめの冒頭に表示されます。"))

    class Meta:
        ordering = ("-date",)
        verbose_name = _("今日のまとめ")
        verbose_name_plural = _("今日のまとめ")

    def __str__(self):
        return str(self.date)

    def get_absolute_url(self):
        return reverse("articles:digest_day", args=[self.date])


class DigestEntry(models.Model):
    digest = models.ForeignKey(DailyDigest, on_delete=models.CASCADE, related_name="entries")
    article = models.ForeignKey(
        Article, verbose_name=_("記事"), on_delete=models.CASCADE, related_name="digest_entries",
    )
    position = models.PositiveIntegerField(_("順番"), default=0)

    class Meta:
        ordering = ("position", "id")
        verbose_name = _("まとめの記事")
        verbose_name_plural = _("まとめの記事")
        constraints = [
            models.UniqueConstraint(fields=("digest", "article"), name="unique_digest_entry"),
        ]

    def __str__(self):
        return str(self.article)


class Revision(models.Model):
    """The whole story (article, key points, figures, related picks) as it was after one save."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField(_("版"))
    created_at = models.DateTimeField(_("日時"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("編集者"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    summary = models.CharField(
        _("変更内容"), max_length=500, blank=True,
        help_text=_("特別な操作（作成・復元）の説明。通常の保存では空で、changed から表示します。"),
    )
    changed = models.JSONField(_("変更された項目"), default=list, blank=True)
    data = models.JSONField()

    class Meta:
        ordering = ("-version",)
        verbose_name = _("版")
        verbose_name_plural = _("版")
        constraints = [models.UniqueConstraint(fields=("article", "version"), name="unique_revision_version")]

    def __str__(self):
        return f"{self.article_id} v{self.version}"

    @property
    def summary_text(self) -> str:
        """What this revision did, in the reader's language."""
        return self.summary or describe(self.changed)


class SearchDocument(models.Model):
    """The searchable text of an article readers may see, kept in sync by search.index.

    NFKC-normalised plain text, one column per part so title matches can
    rank above body matches. On SQLite an FTS5 trigram index mirrors this
    table; on PostgreSQL trigram GIN indexes cover its columns.
    """

    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True, related_name="search_document")
    title = models.TextField(blank=True)
    lead = models.TextField(blank=True)
    key_points = models.TextField(blank=True)
    body = models.TextField(blank=True)
    original = models.TextField(blank=True)

    def __str__(self):
        return self.title
