"""A published story's searchable words, kept by the search app."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models.article import Article


class SearchDocument(models.Model):
    """The words search finds an article readers may see by, kept in sync by search.documents.

    One column per part, so title matches can rank above body matches; each
    holds the part's index words (search.text.index_words: the bigrams of
    its Japanese and its Latin words, folded, each with the part's letter),
    separated by spaces; `characters` holds the Japanese characters of every
    part, each once (search.text.character_words), for 1-character terms.
    The search app's migrations index them: on SQLite
    an FTS5 table (unicode61, which reads those words as they are), on
    PostgreSQL a `tsvector` column generated from them (the `simple`
    configuration) under a GIN index. Neither is known to the ORM: queries
    reach them through search.queries only.
    """

    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True, related_name="search_document")
    title = models.TextField(blank=True)
    lead = models.TextField(blank=True)
    key_points = models.TextField(blank=True)
    body = models.TextField(blank=True)
    original = models.TextField(blank=True)
    characters = models.TextField(blank=True, default="")

    class Meta:
        verbose_name = _("検索用の索引")
        verbose_name_plural = _("検索用の索引")

    def __str__(self):
        return str(self.article)  # not the index words its columns hold
