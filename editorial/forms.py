"""Forms: validate input, normalise it, hold no workflow rules."""


from django import forms
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from articles import days, figure_markers, publishing, stories, text
from articles.models import Article
from articles.text import join_words
from core.forms import FORM_RENDERER
from editorial import conflicts
from images import checks, pending
from images.encoding import source_digest
from images.models import Image


class NormalizedTextMixin:
    """Browsers send CRLF line breaks; store LF so an unchanged re-save changes nothing."""

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(value, str) and "\r" in value:
                cleaned[name] = text.normalize_newlines(value)
        return cleaned


class TextLimitsMixin:
    """The long text fields hold at most text.MAX_LENGTHS characters; a longer one is an error naming the field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limits = text.MAX_LENGTHS.get(type(self.instance)._meta.model_name, {})
        for name, limit in limits.items():
            if name in self.fields:
                # No maxlength attribute: a browser would cut a long paste short without a word.
                self.fields[name].validators.append(LengthLimit(limit, self.fields[name].label or name))


# How long the parts readers meet first may be before they are cut where they are shown (in
# characters): a title of about 32 shows whole in search results and share cards, a lead of about
# 120 is what search results show of the page's description (its meta and OGP description), and a
# key point reads at a glance. Editors see a live count beside these fields (editorial/story_form.js);
# going past is allowed, the count turns to a warning.
TEXT_BUDGETS = {
    "article": {"title": 32, "lead": 120},
    "keypoint": {"heading": 30, "body": 120},
}


class TextBudgetMixin:
    """The fields with a budget (TEXT_BUDGETS) carry it for the live count, and say it in their help."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        budgets = TEXT_BUDGETS.get(type(self.instance)._meta.model_name, {})
        for name, budget in budgets.items():
            if name in self.fields:
                field = self.fields[name]
                field.widget.attrs["data-nd-budget"] = budget
                hint = _("目安は %(budget)s 字以内です。") % {"budget": budget}
                field.help_text = f"{field.help_text}{hint}"


class StoryTimesMixin:
    """A story's times (publish time, the original's, a correction's) lie within days.EARLIEST_YEAR..LATEST_YEAR."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for formfield in self.fields.values():
            if isinstance(formfield, (forms.DateTimeField, forms.SplitDateTimeField)):
                formfield.validators.append(days.validate_story_time)
            if isinstance(formfield, forms.SplitDateTimeField):
                name_parts(formfield, formfield.label)


def name_parts(formfield, name: str) -> None:
    """Give a date-and-time field's two inputs their own accessible names (one <label> cannot name both)."""
    date, time = formfield.widget.widgets
    date.attrs["aria-label"] = _("%(name)s（日付）") % {"name": name}
    time.attrs["aria-label"] = _("%(name)s（時刻）") % {"name": name}


class StoryPartFormSet(forms.BaseInlineFormSet):
    """The rows of a story's part (key points, figures, …): each input named for its row.

    A table's rows have no <label> per input: 「キーポイント 2: 見出し」 names the
    input for screen readers and voice control alike.
    """

    def add_fields(self, form, index):
        super().add_fields(form, index)
        part = self.model._meta.verbose_name
        row = _("%(part)s %(n)s") % {"part": part, "n": index + 1} if index is not None else _(
            "新しい%(part)s") % {"part": part}
        for formfield in form.fields.values():
            if formfield.widget.is_hidden:
                continue
            label = _("%(row)s: %(field)s") % {"row": row, "field": formfield.label}
            if isinstance(formfield, forms.SplitDateTimeField):
                name_parts(formfield, label)
            else:
                # The admin wraps a related field's widget; the one drawn is inside.
                getattr(formfield.widget, "widget", formfield.widget).attrs["aria-label"] = label


class LengthLimit:
    """A validator for one field's limit; counts characters as stored (LF line breaks)."""

    def __init__(self, limit: int, label: str):
        self.limit = limit
        self.label = label

    def __call__(self, value) -> None:
        length = len(text.normalize_newlines(value))
        if length > self.limit:
            raise forms.ValidationError(
                _lazy("%(field)sは %(limit)s 文字までです（入力は %(length)s 文字）。"),
                code="max_length",
                params={"field": self.label, "limit": f"{self.limit:,}", "length": f"{length:,}"},
            )


class ArticleAdminForm(TextBudgetMixin, StoryTimesMixin, TextLimitsMixin, NormalizedTextMixin, forms.ModelForm):
    """The whole-story form. `form_version` is the version the editor opened (see stories.check_version)."""

    form_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    confirm_machine_translation = forms.BooleanField(
        label=_lazy("機械翻訳のまま公開する"), required=False,
        help_text=_lazy("翻訳の状態が「機械翻訳の下訳」の記事を公開・予約するときに、編集者がチェックします。"),
    )
    default_renderer = FORM_RENDERER
    user = None  # set per request by the admin
    stale = None  # stories.StaleStory, set by the admin: the story was saved since this form was opened
    merge = None  # conflicts.Merge: what was brought into this form from others' saves

    class Meta:
        model = Article
        fields = "__all__"
        # Sized for Japanese: titles take the column's width, and the text areas grow with their text
        # (story_form.js); the bodies keep their height and scroll, beside each other.
        widgets = {
            "original_title": forms.TextInput(attrs={"lang": "en", "class": "nd-wide"}),
            "title": forms.TextInput(attrs={"class": "nd-wide"}),
            "original_body": forms.Textarea(attrs={"rows": 24, "lang": "en", "class": "nd-body"}),
            "body": forms.Textarea(attrs={"rows": 24, "class": "nd-body"}),
            "lead": forms.Textarea(attrs={"rows": 3, "class": "nd-grow"}),
            "impact_analysis": forms.Textarea(attrs={"rows": 6, "class": "nd-grow"}),
            "editorial_comment": forms.Textarea(attrs={"rows": 6, "class": "nd-grow"}),
            "original_authors": forms.Textarea(attrs={"rows": 3, "lang": "en", "class": "nd-grow"}),
            "original_affiliations": forms.Textarea(attrs={"rows": 3, "lang": "en", "class": "nd-grow"}),
        }
        labels = {"original_arxiv_id": _lazy("arXiv ID")}  # not "ArXiv": the model label would be capitalised
        help_texts = {
            "body": _lazy("見出しは「## 」、強調は「**…**」で書けます（Markdown）。図は「図を挿入」で置きます。"),
            "original_body": _lazy("原文を書式ごと貼り付けます（Markdown）。原文の図も「図を挿入」で置けます。"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The original's language drives the lang attribute of its fields.
        lang = (self.initial.get("original_language") or "en") if self.instance.pk else "en"
        for name in ("original_title", "original_body"):
            if name in self.fields:
                self.fields[name].widget.attrs["lang"] = lang
        if "form_version" in self.fields:
            self.fields["form_version"].initial = self.instance.version
        if "status" in self.fields and not publishing.can_publish(self.user):
            allowed = {Article.Status.DRAFT, Article.Status.REVIEW}
            if self.instance.status not in allowed:
                allowed.add(self.instance.status)
            self.fields["status"].choices = [c for c in self.fields["status"].choices if c[0] in allowed]
        if "translation_status" in self.fields and not publishing.can_publish(self.user):
            # Marking a translation reviewed is an editor's call.
            current = self.instance.translation_status
            self.fields["translation_status"].choices = [
                c for c in self.fields["translation_status"].choices
                if c[0] != Article.TranslationStatus.REVIEWED or c[0] == current
            ]

    def clean(self):
        cleaned = super().clean()
        if self.stale is not None and "form_version" in self.fields:
            self._refuse_stale(self.stale)
        return cleaned

    def _refuse_stale(self, stale: stories.StaleStory):
        """Show both versions: who saved since the form was opened, what both changed, and the diff."""
        later = stale.later
        # Saving again from this form is then a deliberate choice made after seeing the changes.
        self.data = self.data.copy()
        self.data[self.add_prefix("form_version")] = str(stale.current_version)
        names = self.merge.saved_by if self.merge is not None else conflicts.saved_by(later)
        when = timezone.localtime(later[-1].created_at).strftime("%Y-%m-%d %H:%M") if later else ""
        diff_url = reverse("admin:articles_article_revisions", args=[self.instance.pk])
        diff_link = format_html(
            '<a href="{}?a={}&amp;b={}" target="_blank" rel="noopener">{}</a>',
            diff_url, stale.expected_version, stale.current_version, _("変更点を見る"),
        )
        if self.merge is None or not self.merge.clashes:
            raise forms.ValidationError(format_html(
                "{}{} {}",
                _("この記事は、あなたがフォームを開いた後に %(names)s が保存しました（%(when)s）。") % {
                    "names": names, "when": when},
                _("変更された項目: %(fields)s。確認してから、もう一度保存してください。") % {
                    "fields": join_words(stale.changed) or "—"},
                diff_link,
            ), code="stale")
        raise forms.ValidationError(format_html(
            "{}{}{} {}",
            _("%(names)s も同じ項目を変更して保存しました（%(when)s）: %(fields)s。") % {
                "names": names, "when": when, "fields": join_words(c.label for c in self.merge.clashes)},
            format_html_join("", "<br>{}", (
                (_("%(field)s — %(names)s の版: 「%(theirs)s」") % {
                    "field": clash.label, "names": names, "theirs": clash.theirs},)
                for clash in self.merge.clashes
            )),
            format_html("<br>{}", _(
                "フォームにはあなたの版が残っています。どちらを残すか決めて直し、もう一度保存してください"
                "（ほかの項目の変更は取り込み済みです）。"
            )),
            diff_link,
        ), code="stale")


class InlineForm(TextBudgetMixin, StoryTimesMixin, TextLimitsMixin, NormalizedTextMixin, forms.ModelForm):
    """A row of an ordered inline; a new row without a position goes last."""

    default_renderer = FORM_RENDERER

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "position" in self.fields:
            self.fields["position"].required = False
            self.fields["position"].initial = None
            self.fields["position"].widget.attrs.update({"class": "nd-position", "min": 0})

    def clean(self):
        cleaned = super().clean()
        if "position" in self.fields and not cleaned.get("position"):
            cleaned["position"] = LAST_POSITION
        return cleaned


LAST_POSITION = 1_000_000


class CheckedImageField(forms.ImageField):
    """An image upload checked by images.checks first, for precise messages (too many pixels, format)."""

    def to_python(self, data):
        if data is not None and hasattr(data, "read") and getattr(data, "size", 1):
            checks.validate_image(data)  # an empty file gets Django's own "the file is empty"
        return super().to_python(data)


class FigureForm(InlineForm):
    """A figure's row, with two hidden fields.

    `marker` is the number the submitted bodies' `[[figure:N]]` markers use
    for this figure: its place when the form was drawn, or what the
    admin script made it when reordering rewrote the markers. After the
    save the bodies' markers follow it to its new position.

    `kept_upload` refers to an image chosen in this row when the form came
    back with errors, kept by the server (images.pending): a submit without
    a newly chosen image takes that one. The instance's `kept_image` is the
    kept upload, for the row's thumbnail.

    The image is uploaded, or picked from the media library (`image_item`):
    a new upload wins over a pick and joins the library when the figure is
    saved. A pick fills the row's empty alt text, caption and credit with
    what the library remembers of the image.
    """

    marker = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kept_upload = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user=None, number=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.number = number  # the row's place in the form: the figure's number on the reader page
        self.fields["marker"].initial = self.number
        self.kept = None  # the kept upload this row's image comes from
        if "image" in self.fields:
            # An upload, a kept upload or a library image: clean() asks for one of them.
            self.fields["image"].required = False
        picker = self.fields["image_item"].widget if "image_item" in self.fields else None
        picker = getattr(picker, "widget", picker)  # the admin wraps it with its add and change links
        if picker is not None and self.instance.image_item_id and hasattr(picker, "known"):
            picker.known = self.instance.image_item  # read with the figures (FigureInline.get_queryset)

    def clean(self):
        cleaned = super().clean()
        self.instance.added_by = self.user  # who adds its upload to the library
        self._take_library_image(cleaned)
        reference = cleaned.get("kept_upload")
        if reference and not isinstance(cleaned.get("image"), UploadedFile) and not self.has_error("image"):
            try:
                self.kept = pending.claim(reference, by=self.user)
            except pending.Refused as refused:
                self.add_error("image", refused)
            else:
                cleaned["image"] = pending.opened(self.kept)
                self.instance.kept_image = self.kept
        if not (cleaned.get("image") or cleaned.get("image_item") or reference or self.has_error("image")):
            self.add_error("image", forms.ValidationError(
                _("画像をアップロードするか、「ライブラリから選ぶ」で画像ライブラリの画像を選んでください。"), code="no_image",
            ))
        return cleaned

    def _take_library_image(self, cleaned: dict) -> None:
        """A library image picked (and no new upload): the row shows it, its empty texts take what the library remembers."""
        picked = cleaned.get("image_item")
        if picked is None or isinstance(cleaned.get("image"), UploadedFile) or "image_item" not in self.changed_data:
            return
        self.instance.show(picked)
        for name in ("alt_text", "caption", "credit"):
            if name in self.fields and not cleaned.get(name):
                cleaned[name] = getattr(picked, name)

    def marker_number(self) -> int | None:
        """The number the submitted bodies' markers use for this figure."""
        cleaned = getattr(self, "cleaned_data", None) or {}
        return cleaned.get("marker") or self.number

    def hold(self, kept) -> None:
        """Carry `kept` (an upload kept for this row) in the form drawn again."""
        self.kept = kept
        self.instance.kept_image = kept
        self.data = self.data.copy()
        self.data[self.add_prefix("kept_upload")] = pending.reference(kept)


class FigureFormSet(StoryPartFormSet):
    """A story's figures.

    The new images of one save decode no more than NEWSDESK_MAX_PIXELS_PER_SAVE
    pixels; every figure marker of the story's bodies points at a figure.
    """

    def get_form_kwargs(self, index):
        # A row's number in the markers is where it is drawn: the stored figures come first, in
        # their order (the admin script numbers the rows it adds).
        return {**super().get_form_kwargs(index), "number": None if index is None else index + 1}

    def clean(self):
        super().clean()
        uploads = [self._new_upload(form) for form in self.forms]
        pixels = [checks.upload_pixels(upload) if upload else None for upload in uploads]
        for form, over in zip(self.forms, checks.over_save_budget(pixels)):
            if over:
                form.add_error("image", checks.save_budget_error())
        self._check_markers()

    def _new_upload(self, form) -> File | None:
        cleaned = getattr(form, "cleaned_data", None) or {}
        upload = cleaned.get("image")
        if cleaned.get("DELETE") or not isinstance(upload, File) or isinstance(upload, FieldFile):
            return None
        return upload

    def figure_forms(self) -> list:
        """The rows that are figures (existing ones and new ones filled in), deleted ones included."""
        return [form for form in self.forms if getattr(form, "cleaned_data", None)]

    def _check_markers(self) -> None:
        """Refuse a body marker that points at no figure, naming the marker and the body it is in."""
        rows = self.figure_forms()
        known = {form.marker_number() for form in rows}
        count = sum(1 for form in rows if not form.cleaned_data.get("DELETE"))
        errors = []
        for name in MARKED_BODIES:
            unknown = figure_markers.unknown_markers(getattr(self.instance, name, ""), known)
            if unknown:
                errors.append(forms.ValidationError(
                    _lazy("%(field)sの %(markers)s に当たる図がありません（図は %(count)s 点です）。"
                          "「図を挿入」で図を選ぶか、マーカーを直してください。"),
                    code="unknown_figure",
                    params={
                        "field": Article._meta.get_field(name).verbose_name, "field_name": name,
                        "markers": "、".join(unknown), "count": count,
                    },
                ))
        if errors:
            raise forms.ValidationError(errors)

    def marker_moves(self) -> tuple[dict[int, int | None], int]:
        """After the save: each row's marker number → the figure's position now (None: it was removed).

        With it, how many figures the story has.
        """
        positions = dict(self.model.objects.filter(article=self.instance).values_list("pk", "position"))
        moves = {}
        for form in self.figure_forms():
            if form.cleaned_data.get("DELETE") or form.instance.pk not in positions:
                moves[form.marker_number()] = None
            else:
                moves[form.marker_number()] = positions[form.instance.pk]
        return moves, len(positions)

    def keep_uploads(self, *, by) -> None:
        """The form comes back with errors: keep each valid new image, so the next submit brings it back."""
        for form in self.figure_forms():
            upload = form.cleaned_data.get("image")
            if isinstance(upload, UploadedFile) and not form.has_error("image") and not form.cleaned_data.get("DELETE"):
                form.hold(pending.keep(upload, by=by))


# The bodies whose `[[figure:N]]` markers place figures (the reader's body, and the original's).
MARKED_BODIES = ("body", "original_body")


class LibraryImageForm(forms.ModelForm):
    """An image added to the media library by hand: one the library already has is pointed to, not stored twice."""

    class Meta:
        model = Image
        fields = ("file", "title", "keywords", "alt_text", "caption", "credit")
        # The texts are a line of Japanese each: wide enough to read whole.
        widgets = {name: forms.TextInput(attrs={"class": "vLargeTextField"}) for name in fields[1:]}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            same = Image.objects.filter(sha256=source_digest(upload)).first()
            if same is not None:
                raise forms.ValidationError(
                    _("この画像はすでにライブラリにあります（「%(name)s」）。図ではそちらを選んでください。"),
                    code="already_in_library", params={"name": str(same)},
                )
        return upload
