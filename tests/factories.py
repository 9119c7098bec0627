"""Plain helpers that make valid objects with sensible defaults."""

import io
import itertools
from datetime import datetime
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from PIL import Image

from articles.models import Article, Category, Correction, Figure, KeyPoint, RelatedLink, Source, Tag

JST = ZoneInfo("Asia/Tokyo")
_counter = itertools.count(1)


def at(*args) -> datetime:
    """A fixed JST datetime: at(2026, 11, 27, 9, 30)."""
    return datetime(*args, tzinfo=JST)


def make_source(name="Harbor Ledger", **overrides) -> Source:
    return Source.objects.get_or_create(name=name, defaults=overrides)[0]


def make_category(name="ビジネス") -> Category:
    return Category.objects.get_or_create(name=name)[0]


def make_tag(name="AI") -> Tag:
    return Tag.objects.get_or_create(name=name)[0]


def make_article(*, tags=(), key_points=1, **overrides) -> Article:
    n = next(_counter)
    fields = {
        "original_title": f"Original headline {n}",
        "original_body": "First paragraph.\n\nSecond paragraph.",
        "original_url": f"https://news.example/story-{n}",
        "original_author": "A. Writer",
        "original_language": "en",
        "title": f"翻訳された見出し{n}",
        "lead": "これはリードの段落です。",
        "body": "最初の段落です。\n\n二つ目の段落です。",
        "impact_analysis": "影響の分析です。",
        "editorial_comment": "編集部のコメントです。",
        "status": Article.Status.PUBLISHED,
        "published_at": at(2026, 11, 27, 9, 30),
    }
    fields.update(overrides)
    if "source" not in fields:
        fields["source"] = make_source()
    if "category" not in fields:
        fields["category"] = make_category()
    article = Article.objects.create(**fields)
    article.tags.set([make_tag(t) if isinstance(t, str) else t for t in tags])
    for i in range(1, key_points + 1):
        KeyPoint.objects.create(article=article, position=i, heading=f"要点{i}", body=f"要点{i}の説明。")
    return article


def image_bytes(size=(64, 48), fmt="JPEG", color=(30, 90, 160)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, fmt)
    return buf.getvalue()


def after_commit():
    """Run what the block leaves for after its commit, as if it committed: the jobs it queued too (renditions…).

    Inside a test's transaction nothing commits; in the embedded default a
    job runs in the process that queued it, right after the commit.
    """
    return TestCase.captureOnCommitCallbacks(execute=True)


def image_upload(name="photo.jpg", **kwargs) -> SimpleUploadedFile:
    fmt = kwargs.pop("fmt", "JPEG")
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png"}.get(fmt, "application/octet-stream")
    return SimpleUploadedFile(name, image_bytes(fmt=fmt, **kwargs), content_type=content_type)


def make_figure(article, *, position=1, alt_text="説明", **overrides) -> Figure:
    figure = Figure(article=article, position=position, alt_text=alt_text, **overrides)
    figure.image.save(f"fig-{next(_counter)}.jpg", image_upload(), save=False)
    figure.save()
    return figure


def make_staff(role: str, name: str | None = None, *, password: str = "pw", **extra):
    """A staff account in one of the newsroom's roles (Translator, Editor, Chief editor)."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(
        name or role.lower().replace(" ", "_"), password=password, is_staff=True, **extra,
    )
    user.groups.add(Group.objects.get(name=role))
    return user


def login(role: str, name: str | None = None, **extra):
    """A test client logged in as a new account in `role`: (client, user)."""
    from django.test import Client

    user = make_staff(role, name, **extra)
    client = Client()
    client.force_login(user)
    return client, user


def change_url(article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


# A paragraph of about 100 Japanese characters, and one of the original in English.
_JA_PARAGRAPH = (
    "港湾当局は来年から岸壁のクレーンを順次電動化し、荷役にかかる燃料費と排出量を大きく減らす計画を示した。"
    "関係者によると、投資額は当初の見込みを上回るが、十年で回収できる見通しだという。"
)
_EN_PARAGRAPH = (
    "The port authority will electrify its quayside cranes from next year, cutting the fuel bill and the "
    "emissions of every container it handles, officials said on Thursday."
)


def make_real_story(**overrides) -> Article:
    """A story shaped like the longest real ones, for what the article page costs.

    A body of about 2,000 Japanese characters with subheadings and five figures
    placed in it (three images with renditions, two videos), its English
    original, four key points, an impact analysis and editorial comment, a
    correction, four tags and three editor's picks.
    """
    sections = [_JA_PARAGRAPH]
    for n in range(1, 6):
        sections += [f"## 見出し{n}", _JA_PARAGRAPH, f"[[figure:{n}]]", _JA_PARAGRAPH, _JA_PARAGRAPH, _JA_PARAGRAPH]
    sections.append(_JA_PARAGRAPH)
    original = [f"## Section {n}\n\n" + "\n\n".join([_EN_PARAGRAPH] * 4) for n in range(1, 6)]
    article = make_article(
        tags=["AI", "港湾", "脱炭素", "物流"], key_points=4,
        body="\n\n".join(sections), original_body="\n\n".join(original),
        impact_analysis=_JA_PARAGRAPH * 2, editorial_comment=_JA_PARAGRAPH,
        **overrides,
    )
    for n in range(1, 6):
        video = {"video_url": f"https://video.example/watch/{n}"} if n > 3 else {}
        figure = Figure(article=article, position=n, caption=f"図{n}の説明", credit="写真: 編集部", alt_text=f"図{n}",
                        **video)
        figure.image = image_upload(f"photo-{n}.jpg", size=(960, 540))  # an upload: its renditions follow the commit
        with after_commit():
            figure.save()
    Correction.objects.create(article=article, noted_at=at(2026, 11, 27, 12, 0), body="初出時、投資額を**誤って**記載しました。")
    for n in range(1, 4):
        pick = make_article(tags=["AI"], published_at=at(2026, 11, 20 + n, 9, 0))
        RelatedLink.objects.create(from_article=article, to_article=pick, position=n)
    return article
