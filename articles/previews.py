"""Signed, expiring preview links for articles readers cannot see yet."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from articles.models import Article

SALT = "articles.preview"


def preview_url(article: Article) -> str:
    token = signing.dumps({"article": article.pk}, salt=SALT, compress=True)
    return reverse("articles:preview", args=[token])


def article_for_token(token: str) -> Article | None:
    """The article a token names, or None when it is tampered with, expired or gone."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.NEWSDESK_PREVIEW_MAX_AGE)
    except signing.BadSignature:  # includes SignatureExpired
        return None
    if not isinstance(data, dict):
        return None
    return Article.objects.filter(pk=data.get("article")).first()
