"""A published story's searchable text, kept by the search app."""

from django.db import models

from articles.models.article import Article
from core.indexes import PostgreSQLGinIndex


class SearchDocument(models.Model):
    """The searchable text of an article readers may see, kept in sync by search.documents.

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

    class Meta:
        # pg_trgm serves `contains` (LIKE '%…%') from these on PostgreSQL; SQLite narrows with its FTS5 table.
        indexes = [
            PostgreSQLGinIndex(fields=[column], opclasses=["gin_trgm_ops"], name=f"articles_search_{column}_trgm")
            for column in ("title", "lead", "key_points", "body", "original")
        ]

    def __str__(self):
        return self.title
