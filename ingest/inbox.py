"""The inbox's steps, whoever asks (the admin's buttons, the commands): add a feed, read an original, start, pass."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import stories
from articles.models import Article, Source
from ingest import extraction, fetching, robots
from ingest.models import Feed, InboxItem
from ingest.urls import canonical_url, without_tracking

HTML_TYPES = ("text/html", "application/xhtml+xml", "")


class AlreadyTranslated(Exception):
    """The URL is already a story's original: that story, not a second one."""

    def __init__(self, article: Article):
        self.article = article
        super().__init__(_("この原文の記事は既にあります: %(title)s") % {"title": article.title})


def _check_web_url(url: str) -> str:
    url = (url or "").strip()
    try:
        URLValidator(schemes=("http", "https"))(url)
    except ValidationError:
        raise ValidationError(_("http または https のURLを指定してください: %(url)s") % {"url": url[:200]}) from None
    return url


@transaction.atomic
def add_feed(*, source_name: str, url: str) -> tuple[Feed, bool]:
    """The feed `url` of the source named `source_name` (created if new); True when the feed is new.

    The URL is checked as the fetcher will check it (scheme, public address)
    so a feed that could never be polled is refused now.
    """
    url = _check_web_url(url)
    name = source_name.strip()
    if not name:
        raise ValidationError(_("ソース名を指定してください。"))
    fetching.check_url(url)
    source = Source.objects.filter(name=name).first()
    if source is None:
        parts = urlsplit(url)
        source = Source.objects.create(name=name[:200], home_url=f"{parts.scheme}://{parts.netloc}/")
    feed, created = Feed.objects.get_or_create(url=url, defaults={"source": source})
    if not created and feed.source_id != source.pk:
        raise ValidationError(_("このフィードは既に別のソース（%(source)s）に登録されています。")
                              % {"source": feed.source.name})
    return feed, created


def existing_story(url: str) -> Article | None:
    """The story whose original is `url` (as given, without tracking, or in canonical form), if any."""
    candidates = {url, without_tracking(url), canonical_url(url)}
    return Article.objects.filter(original_url__in=candidates).first()


def read_original(item: InboxItem) -> extraction.Extracted:
    """Fetch the item's page (robots.txt permitting) and extract it; the result is kept on the item.

    Raises `FetchError` (with `FetchRefused`) when the page cannot be read.
    """
    if not robots.allowed(item.url):
        raise fetching.FetchRefused(_("robots.txt がこのページの取得を許していません。"))
    response = fetching.fetch(item.url, headers={"Accept": "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"})
    if response.status >= 400:
        raise fetching.FetchError(_("ページを取得できませんでした（HTTP %(status)d）。") % {"status": response.status})
    if response.content_type not in HTML_TYPES:
        raise fetching.FetchError(_("HTMLのページではありません（%(type)s）。") % {"type": response.content_type})
    extracted = extraction.extract(response.text, url=response.url)
    item.extracted = extracted.as_json()
    item.extracted_at = timezone.now()
    InboxItem.objects.filter(pk=item.pk).update(extracted=item.extracted, extracted_at=item.extracted_at)
    return extracted


def start_translation(item: InboxItem, *, by) -> Article:
    """Create the draft story of `item` with its original filled in, assigned to `by`, and link the item to it.

    The page is fetched and extracted now unless that was done already.
    Raises `AlreadyTranslated` when the URL is a story's original, and
    `FetchError` when the page cannot be read.
    """
    story = existing_story(item.url)
    if story is not None:
        _link(item, story, by=by)
        raise AlreadyTranslated(story)
    extracted = extraction.Extracted.from_json(item.extracted) if item.extracted else read_original(item)
    original_title = (extracted.title or item.title)[:300]
    article = Article(
        original_title=original_title,
        original_body=extracted.body,
        original_url=without_tracking(item.url)[:500],
        original_author=extracted.author,
        original_published_at=extracted.published_at or item.published_at,
        original_language=extracted.language or "en",
        source=item.source,
        title=_("【翻訳中】%(title)s") % {"title": original_title},
        status=Article.Status.DRAFT,
    )
    with transaction.atomic():
        locked = InboxItem.objects.select_for_update().get(pk=item.pk)
        if locked.article_id is not None:  # someone started it a moment ago
            return locked.article
        article = stories.save_story(article, by=by, summary=_("入稿候補から翻訳を開始")).article
        _link(item, article, by=by)
    return article


def start_translation_from_url(url: str, *, by, source_name: str = "") -> tuple[Article, InboxItem]:
    """`start_translation` for any page, listed by a feed or not: its inbox item is found or made first.

    The source is `source_name` (created if new), else the source of a feed
    or home page on the same host, else one named after the host.
    """
    url = _check_web_url(url)
    fetching.check_url(url)
    key = canonical_url(url)
    item = InboxItem.objects.filter(canonical_url=key).first()
    if item is None:
        source = _source_for(url, source_name)
        item = InboxItem.objects.create(source=source, url=without_tracking(url), canonical_url=key, title=url[:500])
    return start_translation(item, by=by), item


def pass_item(item: InboxItem, *, by) -> None:
    """Set `item` aside (見送り): it stays in the inbox, out of the waiting list."""
    InboxItem.objects.filter(pk=item.pk).update(
        state=InboxItem.State.PASSED, handled_by=by, handled_at=timezone.now(),
    )


def _link(item: InboxItem, article: Article, *, by) -> None:
    InboxItem.objects.filter(pk=item.pk).update(
        article=article, state=InboxItem.State.STARTED, handled_by=by, handled_at=timezone.now(),
    )
    item.article, item.state = article, InboxItem.State.STARTED


def _source_for(url: str, source_name: str) -> Source:
    name = source_name.strip()
    if name:
        return Source.objects.get_or_create(name=name[:200])[0]
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    for feed in Feed.objects.select_related("source"):
        if (urlsplit(feed.url).hostname or "").lower().removeprefix("www.") == host:
            return feed.source
    for source in Source.objects.exclude(home_url=""):
        if (urlsplit(source.home_url).hostname or "").lower().removeprefix("www.") == host:
            return source
    parts = urlsplit(url)
    return Source.objects.get_or_create(name=host[:200], defaults={"home_url": f"{parts.scheme}://{parts.netloc}/"})[0]
