"""What an import looks up again and again, read once: categories, tags, sources, users, URLs, slugs and images."""

from django.contrib.auth import get_user_model

from articles import text
from articles.models import Article, Category, SlugRedirect, Source, Tag
from images.models import Image
from interchange.schema import InterchangeError, ParsedArticle

User = get_user_model()
LIBRARY_CHUNK = 500


class Lookups:
    """The names an import resolves, each read from the database once, kept up to date as it writes."""

    def __init__(self):
        self.categories: dict[str, Category] = {}
        self.tags: dict[str, Tag] = {}
        self.sources: dict[str, Source] = {}
        self.users: dict[str, object] = {}
        self.article_ids: dict[str, int] = {}  # original URL -> pk, kept up to date as articles are written
        # The media library's images the file's figures may show: library key or SHA-256 of a file -> image.
        self.library: dict[str, Image] = {}
        self.slug_owners: dict[str, str] = {}  # article slug -> original URL of the article using it
        for pk, url, slug in Article.objects.values_list("pk", "original_url", "slug"):
            self.article_ids[url] = pk
            self.slug_owners[slug] = url
        # Former slug -> original URL of the article its old URL redirects to.
        self.old_slugs: dict[str, str] = dict(SlugRedirect.objects.values_list("old_slug", "article__original_url"))

    def load_library(self, parsed: list[ParsedArticle]) -> None:
        """Read the library images the file's figures name or whose files they hold, in a few queries."""
        keys = sorted({
            key for item in parsed for fig in item.figures for key in (fig["library_image"], fig["sha256"]) if key
        })
        for start in range(0, len(keys), LIBRARY_CHUNK):
            for image in Image.objects.filter(sha256__in=keys[start:start + LIBRARY_CHUNK]):
                self.library[image.sha256] = image

    def library_image(self, figure: dict) -> Image | None:
        """The library image a parsed figure shows: named by its library key, or the same file; None if new."""
        return self.library.get(figure["library_image"]) or self.library.get(figure["sha256"])

    def add_library_image(self, image: Image, figure: dict) -> None:
        """An image this import stored: later figures naming it, or holding the same file, show it too."""
        for key in (figure["library_image"], figure["sha256"]):
            if key:
                self.library[key] = image

    def new_slug(self, article: Article) -> str:
        """A slug no article uses, now or formerly (what Article.save() would pick)."""
        base = text.make_slug(text.slug_source(article.original_title, article.title))
        slug, n = base, 2
        while slug in self.slug_owners or slug in self.old_slugs:
            slug = f"{base}-{n}"
            n += 1
        self.slug_owners[slug] = article.original_url
        return slug

    def claim_slug(self, item: ParsedArticle, slug: str, *, previous: str | None = None) -> None:
        """Give the file's slug to the article, unless another article has it."""
        url = item.fields["original_url"]
        owner = self.slug_owners.get(slug)
        if owner is not None and owner != url:
            raise InterchangeError(
                f"article {item.index + 1} ({item.fields['title']!r}): field 'slug': already used by {owner}"
            )
        former = self.old_slugs.get(slug)
        if former is not None and former != url:
            raise InterchangeError(
                f"article {item.index + 1} ({item.fields['title']!r}): field 'slug': used before by {former},"
                " whose old URL redirects there"
            )
        self.slug_owners[slug] = url
        if previous and previous != slug and self.slug_owners.get(previous) == url:
            # The article's old slug becomes a redirect (Article.save), free for no one else.
            del self.slug_owners[previous]
            self.old_slugs[previous] = url

    def category(self, name: str) -> Category:
        if name not in self.categories:
            self.categories[name] = Category.objects.get_or_create(name=name)[0]
        return self.categories[name]

    def source(self, item: ParsedArticle) -> Source:
        if item.source not in self.sources:
            self.sources[item.source] = _source(item)
        return self.sources[item.source]

    def tag(self, name: str) -> Tag:
        if name not in self.tags:
            self.tags[name] = Tag.objects.get_or_create(name=name)[0]
        return self.tags[name]

    def user(self, username: str):
        # Accounts are never created by an import; a reviewer unknown here is left out.
        if username not in self.users:
            self.users[username] = User.objects.filter(username=username).first()
        return self.users[username]

    def tag_order(self) -> dict[int, int]:
        """Each tag's place in the order the database lists them (Tag.Meta.ordering, its collation)."""
        return {pk: i for i, pk in enumerate(Tag.objects.values_list("pk", flat=True))}


def _source(item: ParsedArticle) -> Source:
    """The source the article names, made if new; the file's kind, when it gives one, becomes its kind."""
    kind = item.source_kind or Source.Kind.NEWS
    source, created = Source.objects.get_or_create(name=item.source, defaults={"kind": kind})
    if item.source_kind and not created and source.kind != item.source_kind:
        source.kind = item.source_kind
        source.save(update_fields=["kind"])
    return source

