"""The live preview beside the story form: the form as it stands, drawn as the reader page will draw it.

The browser (static/editorial/live_preview.js) posts the whole form a
moment after typing stops; `story_from_form` builds the story from it in
memory (an unsaved Article with its parts as RenderedParts would hold
them) and `render` draws it with the reader's own template
(jinja2/partials/_article.html) and rendering (articles/rendering.py:
the same Markdown, the same sanitizer, figures placed by their markers).
Nothing is written, and nothing here trusts the form: a field it cannot
read is left as the story has it, a row it cannot read is left out.
"""

from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from articles import figure_markers, rendering
from articles.models import Article, Category, RenderedParts, Source, Tag
from images import pending
from images.models import Image

# The story's own fields the page shows, as the form names them.
TEXT_FIELDS = (
    "title", "lead", "body", "impact_analysis", "editorial_comment",
    "original_title", "original_body", "original_url", "original_author", "original_language",
    "original_arxiv_id", "original_authors", "original_affiliations", "original_pdf_url", "original_code_url",
)
CHOICE_FIELDS = ("status", "translation_status")
TIME_FIELDS = ("published_at", "original_published_at")
MAX_ROWS = 100  # rows of one inline read; a story has far fewer
MARKED_BODIES = ("body", "original_body")  # the bodies whose markers place figures (editorial.forms)


@dataclass
class Preview:
    """A story built from a form: the unsaved article (its `rendered_parts` set), its tags, what to tell the editor."""

    article: Article
    tags: list[Tag]
    figure_slots: list[str] = field(default_factory=list)  # each figure's form row ("figures-0"), in page order
    warnings: list[str] = field(default_factory=list)


def story_from_form(data: QueryDict, *, user, article: Article | None = None) -> Preview:
    """The story as the submitted form (`data`, the change form's fields) would save it, without saving anything.

    `article` is the stored story the form edits (None on the add page); the
    fields the form does not carry keep its values. `user` may see the
    images they kept from a form that came back with errors (images.pending).
    """
    story = Article() if article is None else Article.objects.get(pk=article.pk)
    for name in TEXT_FIELDS:
        if name in data:
            setattr(story, name, _text(data, name))
    for name in CHOICE_FIELDS:
        choices = dict(Article._meta.get_field(name).choices)
        if data.get(name) in choices:
            setattr(story, name, data[name])
    for name in TIME_FIELDS:
        if f"{name}_0" in data or name in data:
            setattr(story, name, _time(data, name))
    for name, model in (("category", Category), ("source", Source)):
        if name in data:
            setattr(story, name, _chosen(model, data.get(name)))
    if story.source_id is None:
        story.source = Source(name="")  # none chosen yet: the page draws its name empty and links nowhere
    tag_ids = [int(v) for v in data.getlist("tags") if v.isdigit()]
    tags = sorted(Tag.objects.filter(pk__in=tag_ids), key=lambda tag: tag_ids.index(tag.pk))
    if "tags" not in data and article is not None:
        tags = list(article.tags.all())

    preview = Preview(article=story, tags=tags)
    figures = _figures(data, story=article, user=user, preview=preview)
    for name in MARKED_BODIES:
        preview.warnings += [
            _("%(field)sの %(marker)s に当たる図がありません。保存する前に直してください。") % {
                "field": Article._meta.get_field(name).verbose_name, "marker": marker}
            for marker in figure_markers.unknown_markers(getattr(story, name), figures.known)
        ]
        setattr(story, name, figure_markers.follow(getattr(story, name), figures.moves))
    story.fill_derived_fields()
    key_points = [(row["heading"], row["body"]) for row in _rows(data, "key_points", ("heading", "body"))
                  if row["heading"].strip() or row["body"].strip()]
    corrections = [
        (noted_at, row["body"]) for row in _rows(data, "corrections", ("body",), times=("noted_at",))
        if (noted_at := row["noted_at"]) is not None and row["body"].strip()
    ]
    # What the page draws of its parts, made as a save would store it (articles/stored_html.py).
    story.rendered_parts = RenderedParts.of(
        story.pk, key_points=key_points, corrections=corrections, figures=figures.shown,
    )
    return preview


def render(preview: Preview) -> str:
    """The preview as a page of its own (for the form's preview frame): the reader's article, the reader's stylesheet."""
    story = preview.article
    shown = rendering.page_html(story)
    for figure, slot in zip(shown["figures"], preview.figure_slots):
        figure.preview_slot = slot  # a figure whose image is chosen but not uploaded yet, for the script
    context = {
        "article": story, "tags": preview.tags, **shown,
        **rendering.page_blocks(story.body_html, story.original_body_html, shown["figures"]),
        "live_preview": True, "bilingual": False, "bilingual_rows": None,
    }
    # Safe: the reader's Jinja2 environment escapes everything but HTML the sanitizer made (articles/rendering.py).
    article_html = mark_safe(render_to_string("partials/_article.html", context, using="jinja2"))  # nosec B308, B703
    return render_to_string("admin/articles/article/live_preview_document.html", {
        "article_html": article_html, "title": story.title,
        "stylesheets": [static("css/site.css"), static("editorial/live_preview_frame.css")],
    })


# Reading the form ---------------------------------------------------------------------


def _text(data: QueryDict, name: str) -> str:
    value = data.get(name, "")
    limit = Article._meta.get_field(name).max_length
    value = value.replace("\r\n", "\n")
    return value[:limit] if limit else value


def _time(data: QueryDict, name: str):
    """A time from the admin's split date and time inputs (or one input), None when it cannot be read."""
    parts = [data.get(f"{name}_0", ""), data.get(f"{name}_1", "")] if f"{name}_0" in data else None
    try:
        if parts is not None:
            return forms.SplitDateTimeField(required=False).clean(parts)
        return forms.DateTimeField(required=False).clean(data.get(name, ""))
    except ValidationError:
        return None


def _chosen(model, value):
    return model.objects.filter(pk=int(value)).first() if value and value.isdigit() else None


def _count(data: QueryDict, prefix: str) -> int:
    total = data.get(f"{prefix}-TOTAL_FORMS", "")
    return min(int(total), MAX_ROWS) if total.isdigit() else 0


def _rows(data: QueryDict, prefix: str, names: tuple[str, ...], *, times: tuple[str, ...] = ()) -> list[dict]:
    """An inline's rows that are not marked for deletion, in the order the editor gave them (`position`)."""
    rows = []
    for index in range(_count(data, prefix)):
        key = f"{prefix}-{index}-"
        if data.get(key + "DELETE") in ("on", "true", "1"):
            continue
        row = {name: data.get(key + name, "").replace("\r\n", "\n") for name in names}
        row.update({name: _time(data, key + name) for name in times})
        position = data.get(key + "position", "")
        row["order"] = (int(position) if position.isdigit() else MAX_ROWS + index, index)
        rows.append(row)
    return sorted(rows, key=lambda row: row["order"])


@dataclass
class _Figures:
    shown: list[dict]  # the SHOWN_FIGURE_FIELDS of each figure, in page order
    moves: dict[int, int | None]  # marker number in the form -> the figure's number on the page (None: removed)
    known: set[int]  # the marker numbers the form's figures answer to


def _picked_library_images(data: QueryDict) -> dict[str, Image]:
    """The library images the form's figures picked (「ライブラリから選ぶ」), by the id the form sends."""
    ids = {
        data.get(f"figures-{index}-image_item", "") for index in range(_count(data, "figures"))
    }
    return {str(image.pk): image for image in Image.objects.filter(pk__in=[i for i in ids if i.isdigit()])}


def _figures(data: QueryDict, *, story: Article | None, user, preview: Preview) -> _Figures:
    """The form's figures as the page would draw them, with how the bodies' markers follow them."""
    stored = {figure.pk: figure for figure in story.figures.all()} if story is not None else {}
    picked = _picked_library_images(data)
    rows, moves, known = [], {}, set()
    for index in range(_count(data, "figures")):
        key = f"figures-{index}-"
        value = {name: data.get(key + name, "") for name in ("id", "caption", "original_caption", "credit", "alt_text",
                                                             "video_url", "image", "kept_upload", "marker", "position",
                                                             "image_item")}
        figure = stored.get(int(value["id"])) if value["id"].isdigit() else None
        if figure is None and not any(value[name].strip() for name in ("caption", "original_caption", "credit", "alt_text",
                                                                        "video_url", "image", "kept_upload", "image_item")):
            continue  # an empty row the form offers for a new figure
        marker = int(value["marker"]) if value["marker"].isdigit() else index + 1
        known.add(marker)
        if data.get(key + "DELETE") in ("on", "true", "1"):
            moves[marker] = None
            continue
        shown = {
            "image": "", "width": None, "height": None, "renditions": {},
            "caption": value["caption"], "original_caption": value["original_caption"], "credit": value["credit"],
            "alt_text": value["alt_text"],
            "video_url": value["video_url"] if value["video_url"].startswith(("https://", "http://")) else "",
        }
        if value["image"]:
            pass  # newly chosen in the browser, not uploaded: the script shows it from the file input
        elif value["kept_upload"]:
            try:
                kept = pending.claim(value["kept_upload"], by=user)  # only looks: nothing is taken up
            except pending.Refused:
                kept = None
            if kept is not None:
                shown["image"] = kept.file.name
        elif value["image_item"] in picked:  # picked from the media library
            image = picked[value["image_item"]]
            shown.update(image=image.file.name, width=image.width, height=image.height, renditions=image.renditions or {})
        elif figure is not None:
            shown.update(image=figure.image.name, width=figure.width, height=figure.height,
                         renditions=figure.renditions or {})
        position = value["position"]
        rows.append(((int(position) if position.isdigit() else MAX_ROWS + index, index), marker, key[:-1], shown))
    rows.sort(key=lambda row: row[0])
    for number, (_order, marker, slot, shown) in enumerate(rows, start=1):
        moves[marker] = number
        preview.figure_slots.append(slot)
    return _Figures(shown=[row[3] for row in rows], moves={m: n for m, n in moves.items() if m != n}, known=known)

