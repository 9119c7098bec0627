"""The newsroom's data: sources, articles (original + translation) and what hangs off them.

One module a part; everything is importable from here, as migrations and every app do.
"""

from articles.models.article import (
    CARD_SKIPS,
    PUBLIC_STATUSES,
    Article,
    ArticleEditor,
    ArticleTag,
    ArticleTagQuerySet,
    SlugRedirect,
    tag_links_added,
)
from articles.models.common import DEFERRED_VALUE, split_lines, validate_arxiv_id
from articles.models.digests import DailyDigest, DigestEntry
from articles.models.front_page import FrontPageSlot
from articles.models.glossary import GlossaryTerm
from articles.models.history import Revision
from articles.models.parts import Correction, Figure, KeyPoint, RelatedLink, RenderedParts, figure_upload_to
from articles.models.search_document import SearchDocument
from articles.models.taxonomy import Category, Listed, Source, Tag

__all__ = [
    "CARD_SKIPS", "DEFERRED_VALUE", "PUBLIC_STATUSES", "Article", "ArticleEditor", "ArticleTag", "ArticleTagQuerySet", "Category",
    "Correction", "DailyDigest", "DigestEntry", "Figure", "FrontPageSlot", "GlossaryTerm", "KeyPoint", "Listed", "RelatedLink",
    "RenderedParts", "Revision", "SearchDocument", "SlugRedirect", "Source", "Tag", "figure_upload_to", "split_lines",
    "tag_links_added", "validate_arxiv_id",
]
