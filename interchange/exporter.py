"""Every article written out in the interchange format, with copies of its images: a complete backup."""

import shutil
from pathlib import Path

from articles.models import Article
from articles.story_data import story_data


def export_articles(image_dir: Path | None, *, image_prefix: str = "images") -> dict:
    """Every article, whatever its status; images copied into `image_dir` when given."""
    articles = (
        Article.objects.order_by("id")
        .select_related("category", "source", "reviewed_by")
        .prefetch_related("tags", "key_points", "figures", "corrections", "related_links__to_article")
    )
    out = []
    exported: dict[str, str] = {}  # stored file -> its name in the export: a library image shown twice is copied once
    for article in articles:
        names = []
        for n, fig in enumerate(article.figures.all(), start=1):
            if fig.image.name in exported:
                names.append(exported[fig.image.name])
                continue
            suffix = Path(fig.image.name).suffix.lower() or ".jpg"
            filename = f"{article.slug}-{n}{suffix}"
            names.append(f"{image_prefix}/{filename}")
            exported[fig.image.name] = names[-1]
            if image_dir is not None:
                image_dir.mkdir(parents=True, exist_ok=True)
                with fig.image.storage.open(fig.image.name, "rb") as src, (image_dir / filename).open("wb") as dst:
                    shutil.copyfileobj(src, dst)
        out.append(story_data(article, image_names=names))
    return {"articles": out}
