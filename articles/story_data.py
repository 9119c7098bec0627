"""A story as plain data, in the shape of the interchange format, and its parts written back.

Revisions keep a story so, the API shows it so and the export writes it
so; one function makes it for all three.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from articles.models import Article, Correction, Figure, KeyPoint, split_lines


def _iso(value: datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


@dataclass
class StoryParts:
    """A story's parts held apart from its article, each list in the order the database lists them.

    For a story just written in bulk, whose parts are known without reading them back.
    """

    tags: list[str]  # names
    key_points: list[dict]  # {"heading", "body"}
    figures: list[Figure]
    related: list[str]  # the original URLs of the related articles
    corrections: list[dict]  # {"noted_at", "body"}


def parts_of(article: Article) -> StoryParts:
    """The article's parts as the database has them (or as they were prefetched)."""
    return StoryParts(
        tags=[tag.name for tag in article.tags.all()],
        key_points=[{"heading": kp.heading, "body": kp.body} for kp in article.key_points.all()],
        figures=list(article.figures.all()),
        related=[link.to_article.original_url for link in article.related_links.all()],
        corrections=[{"noted_at": c.noted_at, "body": c.body} for c in article.corrections.all()],
    )


def story_data(article: Article, *, image_names: list[str], parts: StoryParts | None = None) -> dict:
    """The article and its parts as the interchange format has them; figures name `image_names`."""
    parts = parts if parts is not None else parts_of(article)
    return {
        "status": article.status,
        "published_at": _iso(article.published_at),
        "category": article.category.name if article.category else None,
        "tags": list(parts.tags),
        "title": article.title,
        "lead": article.lead,
        "body": article.body,
        "key_points": [{"heading": kp["heading"], "body": kp["body"]} for kp in parts.key_points],
        "impact_analysis": article.impact_analysis,
        "editorial_comment": article.editorial_comment,
        "translation_status": article.translation_status,
        "reviewed_by": article.reviewed_by.get_username() if article.reviewed_by_id else None,
        "reviewed_at": _iso(article.reviewed_at),
        "original": {
            "title": article.original_title,
            "body": article.original_body,
            "url": article.original_url,
            "source": article.source.name,
            "kind": article.source.kind,
            "author": article.original_author,
            "published_at": _iso(article.original_published_at),
            "language": article.original_language,
            "arxiv_id": article.original_arxiv_id,
            "authors": split_lines(article.original_authors),
            "affiliations": split_lines(article.original_affiliations),
            "pdf_url": article.original_pdf_url,
            "code_url": article.original_code_url,
        },
        "figures": [
            {
                "image": name,
                **({"library_image": fig.source_sha256} if fig.source_sha256 else {}),
                "caption": fig.caption,
                **({"original_caption": fig.original_caption} if fig.original_caption else {}),
                "credit": fig.credit,
                "alt": fig.alt_text,
                **({"video_url": fig.video_url} if fig.video_url else {}),
            }
            for fig, name in zip(parts.figures, image_names)
        ],
        "related": list(parts.related),
        "corrections": [{"noted_at": _iso(c["noted_at"]), "body": c["body"]} for c in parts.corrections],
        "slug": article.slug,
        "reading_minutes": article.reading_minutes,
        "url": article.get_absolute_url(),
    }


def write_key_points(article: Article, key_points: list[dict]) -> None:
    existing = list(article.key_points.all())
    if [(kp.heading, kp.body) for kp in existing] == [(kp["heading"], kp["body"]) for kp in key_points]:
        return
    article.key_points.all().delete()
    KeyPoint.objects.bulk_create(
        KeyPoint(article=article, position=i, **kp) for i, kp in enumerate(key_points, start=1)
    )


def write_corrections(article: Article, corrections: list[dict]) -> None:
    existing = [(c.noted_at, c.body) for c in article.corrections.all()]
    if existing == [(c["noted_at"], c["body"]) for c in corrections]:
        return
    article.corrections.all().delete()
    Correction.objects.bulk_create(Correction(article=article, **c) for c in corrections)
