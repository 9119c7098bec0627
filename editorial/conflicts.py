"""Bringing a stale admin form up to date with what others saved since it was opened.

When an editor saves a form opened at version N while the story is now at
version M, each part the editor left untouched but someone else changed is
replaced by the current content, so the save does not undo the other
editor's work. When that is all, the save goes through (merged silently).
Parts both of them changed are clashes: the save is refused (see
forms.ArticleAdminForm) and the form shows both versions of each, the
editor's input kept, for them to decide.
"""

from dataclasses import dataclass, field

from django.http import QueryDict
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from articles import revisions
from articles.models import Article, Category, Figure, Source, Tag
from articles.text import join_words, normalize_newlines
from images.models import Image

TEXT_FIELDS = {
    "title": ("title",), "lead": ("lead",), "body": ("body",),
    "impact_analysis": ("impact_analysis",), "editorial_comment": ("editorial_comment",),
    "original_title": ("original", "title"), "original_body": ("original", "body"),
    "original_url": ("original", "url"), "original_author": ("original", "author"),
    "original_language": ("original", "language"), "slug": ("slug",), "status": ("status",),
    "translation_status": ("translation_status",), "original_arxiv_id": ("original", "arxiv_id"),
    "original_pdf_url": ("original", "pdf_url"), "original_code_url": ("original", "code_url"),
}
LABEL_KEYS = {  # form field -> revisions.FIELD_LABELS key
    "original_title": "original.title", "original_body": "original.body", "original_url": "original.url",
    "original_author": "original.author", "original_language": "original.language",
    "original_arxiv_id": "original.arxiv_id", "original_pdf_url": "original.pdf_url",
    "original_code_url": "original.code_url",
}


@dataclass(frozen=True)
class Clash:
    """A part both editors changed: its label, and the other editor's version as text to show."""

    label: str
    theirs: str


@dataclass
class Merge:
    data: QueryDict
    taken: list[str] = field(default_factory=list)
    clashes: list[Clash] = field(default_factory=list)
    saved_by: str = ""  # who saved since the form was opened, as one phrase


def _shown(value, limit: int = 300) -> str:
    """A part's value as a line of text for the editor (a list's items one after another)."""
    if isinstance(value, (list, tuple)):
        value = " / ".join(_shown(item, limit) for item in value if item not in ("", None))
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[:limit] + "…"


def saved_by(later) -> str:
    """Who saved the revisions `later`, as one phrase (「bob、carol」)."""
    return join_words(dict.fromkeys(
        (rev.created_by.get_username() if rev.created_by else _("インポート")) for rev in later
    )) or _("別の編集者")


def _at(data: dict, path: tuple) -> str:
    for key in path:
        data = (data or {}).get(key)
    return "" if data is None else str(data)


def _label(key: str) -> str:
    return _(revisions.FIELD_LABELS[LABEL_KEYS.get(key, key)])


def merge_stale(post: QueryDict, article: Article, base: dict) -> Merge:
    """`post` with the other editors' changes brought into the parts this editor did not touch."""
    current = revisions.snapshot(article)
    merge = Merge(post.copy())

    def decide(key: str, mine, base_value, theirs, take):
        if theirs == base_value or mine == theirs:
            return
        if mine == base_value:
            take()
            merge.taken.append(_label(key))
        else:
            merge.clashes.append(Clash(_label(key), _shown(theirs) or _("（空欄）")))

    for name, path in TEXT_FIELDS.items():
        theirs = _at(current, path)
        decide(name, normalize_newlines(post.get(name, "")).strip(), _at(base, path), theirs,
               lambda name=name, theirs=theirs: merge.data.__setitem__(name, theirs))

    decide("published_at", _posted_time(post), _snapshot_time(base.get("published_at")),
           _snapshot_time(current.get("published_at")), lambda: _set_time(merge.data, article.published_at))
    decide("category", _name_of(Category, post.get("category")), base.get("category") or "",
           current.get("category") or "", lambda: merge.data.__setitem__("category", str(article.category_id or "")))
    decide("original.source", _name_of(Source, post.get("source")), _at(base, ("original", "source")),
           _at(current, ("original", "source")), lambda: merge.data.__setitem__("source", str(article.source_id)))
    posted_tags = sorted(Tag.objects.filter(pk__in=[p for p in post.getlist("tags") if p.isdigit()])
                         .values_list("name", flat=True))
    decide("tags", posted_tags, sorted(base.get("tags", [])), sorted(current.get("tags", [])),
           lambda: merge.data.setlist("tags", [str(pk) for pk in article.tags.values_list("pk", flat=True)]))

    decide("key_points", _posted_key_points(post), _key_points(base), _key_points(current),
           lambda: _replace_rows(merge.data, "key_points", "article", article, [
               {"id": kp.pk, "position": kp.position, "heading": kp.heading, "body": kp.body}
               for kp in article.key_points.all()]))
    decide("figures", _posted_figures(post), _figures(base), _figures(current),
           lambda: _replace_rows(merge.data, "figures", "article", article, [
               {"id": f.pk, "position": f.position, "alt_text": f.alt_text, "caption": f.caption,
                "original_caption": f.original_caption, "credit": f.credit, "video_url": f.video_url,
                "image_item": f.image_item_id}
               for f in article.figures.all()]))
    decide("related", _posted_related(post), base.get("related", []), current.get("related", []),
           lambda: _replace_rows(merge.data, "related_links", "from_article", article, [
               {"id": link.pk, "position": link.position, "to_article": link.to_article_id}
               for link in article.related_links.all()]))
    return merge


def _name_of(model, pk) -> str:
    obj = model.objects.filter(pk=pk).first() if pk and str(pk).isdigit() else None
    return obj.name if obj else ""


def _posted_time(post) -> str:
    return f"{post.get('published_at_0', '').strip()} {post.get('published_at_1', '').strip()[:5]}".strip()


def _snapshot_time(value: str | None) -> str:
    moment = parse_datetime(value) if value else None
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _set_time(data: QueryDict, moment) -> None:
    local = timezone.localtime(moment) if moment else None
    data["published_at_0"] = local.strftime("%Y-%m-%d") if local else ""
    data["published_at_1"] = local.strftime("%H:%M:%S") if local else ""


def _rows(post, prefix: str, names: tuple) -> list[dict]:
    try:
        total = int(post.get(f"{prefix}-TOTAL_FORMS", 0))
    except ValueError:
        return []
    rows = []
    for i in range(min(total, 1000)):
        if post.get(f"{prefix}-{i}-DELETE"):
            continue
        row = {name: normalize_newlines(post.get(f"{prefix}-{i}-{name}", "")).strip() for name in names}
        row["position"] = post.get(f"{prefix}-{i}-position", "")
        row["id"] = post.get(f"{prefix}-{i}-id", "")
        if any(row[name] for name in names):
            rows.append(row)
    return sorted(rows, key=lambda r: (int(r["position"]) if r["position"].isdigit() else 10**6))


def _posted_key_points(post) -> list:
    return [(r["heading"], r["body"]) for r in _rows(post, "key_points", ("heading", "body"))]


def _key_points(data: dict) -> list:
    return [(kp["heading"], kp["body"]) for kp in data.get("key_points", [])]


def _posted_figures(post) -> list:
    rows = _rows(post, "figures", ("alt_text", "caption", "original_caption", "credit", "video_url", "image_item"))
    stored = dict(Figure.objects.filter(pk__in=[r["id"] for r in rows if r["id"].isdigit()])
                  .values_list("pk", "image"))
    # A figure given a library image in this form (「ライブラリから選ぶ」) shows that image's file.
    picked = dict(Image.objects.filter(pk__in=[r["image_item"] for r in rows if r["image_item"].isdigit()])
                  .values_list("pk", "file"))

    def shown(row):
        if row["image_item"].isdigit() and int(row["image_item"]) in picked:
            return picked[int(row["image_item"])]
        return stored.get(int(row["id"])) if row["id"].isdigit() else None

    return [(shown(r), r["alt_text"], r["caption"], r["original_caption"], r["credit"], r["video_url"]) for r in rows]


def _figures(data: dict) -> list:
    return [(f["image"], f.get("alt", ""), f.get("caption", ""), f.get("original_caption", ""), f.get("credit", ""),
             f.get("video_url", "")) for f in data.get("figures", [])]


def _posted_related(post) -> list:
    rows = _rows(post, "related_links", ("to_article",))
    urls = dict(Article.objects.filter(pk__in=[r["to_article"] for r in rows if r["to_article"].isdigit()])
                .values_list("pk", "original_url"))
    return [urls.get(int(r["to_article"])) for r in rows if r["to_article"].isdigit()]


def _replace_rows(data: QueryDict, prefix: str, fk: str, article: Article, rows: list[dict]) -> None:
    for key in [k for k in data if k.startswith(f"{prefix}-") and not k.endswith(("MIN_NUM_FORMS", "MAX_NUM_FORMS"))]:
        del data[key]
    data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
    data[f"{prefix}-INITIAL_FORMS"] = str(len(rows))
    for i, row in enumerate(rows):
        data[f"{prefix}-{i}-{fk}"] = str(article.pk)
        for name, value in row.items():
            data[f"{prefix}-{i}-{name}"] = "" if value is None else str(value)
