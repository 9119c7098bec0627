"""Forms: validate input, normalise it, hold no workflow rules."""


from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from articles import days, publishing, stories, text
from articles.models import Article
from articles.text import join_words
from core.forms import FORM_RENDERER
from images import checks


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


class StoryTimesMixin:
    """A story's times (publish time, the original's, a correction's) lie within days.EARLIEST_YEAR..LATEST_YEAR."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for formfield in self.fields.values():
            if isinstance(formfield, (forms.DateTimeField, forms.SplitDateTimeField)):
                formfield.validators.append(days.validate_story_time)


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


class ArticleAdminForm(StoryTimesMixin, TextLimitsMixin, NormalizedTextMixin, forms.ModelForm):
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
        widgets = {
            "original_title": forms.TextInput(attrs={"lang": "en", "class": "nd-wide"}),
            "title": forms.TextInput(attrs={"class": "nd-wide"}),
            "original_body": forms.Textarea(attrs={"rows": 24, "lang": "en", "class": "nd-body"}),
            "body": forms.Textarea(attrs={"rows": 24, "class": "nd-body"}),
            "lead": forms.Textarea(attrs={"rows": 3}),
            "impact_analysis": forms.Textarea(attrs={"rows": 6}),
            "editorial_comment": forms.Textarea(attrs={"rows": 6}),
            "original_authors": forms.Textarea(attrs={"rows": 3, "lang": "en"}),
            "original_affiliations": forms.Textarea(attrs={"rows": 3, "lang": "en"}),
        }
        labels = {"original_arxiv_id": _lazy("arXiv ID")}  # not "ArXiv": the model label would be capitalised

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
        """Show both versions: who saved since the form was opened, what they changed, and the diff."""
        later = stale.later
        # Saving again from this form is then a deliberate choice made after seeing the changes.
        self.data = self.data.copy()
        self.data[self.add_prefix("form_version")] = str(stale.current_version)
        names = join_words(dict.fromkeys(
            (rev.created_by.get_username() if rev.created_by else _("インポート")) for rev in later
        )) or _("別の編集者")
        when = timezone.localtime(later[-1].created_at).strftime("%Y-%m-%d %H:%M") if later else ""
        diff_url = reverse("admin:articles_article_revisions", args=[self.instance.pk])
        message = _("この記事は、あなたがフォームを開いた後に %(names)s が保存しました（%(when)s）。") % {
            "names": names, "when": when,
        }
        if self.merge is not None:
            if self.merge.taken:
                message += " " + _("あなたが触れていない %(fields)s は、その変更をフォームに取り込みました。") % {
                    "fields": join_words(self.merge.taken)}
            if self.merge.clashes:
                message += " " + _("%(fields)s は両方が変更しています。フォームにはあなたの内容が残っています。") % {
                    "fields": join_words(self.merge.clashes)}
        else:
            message += " " + _("変更された項目: %(fields)s。") % {"fields": join_words(stale.changed) or "—"}
        message += " " + _("確認してから、もう一度保存してください。")
        raise forms.ValidationError(format_html(
            '{} <a href="{}?a={}&amp;b={}" target="_blank" rel="noopener">{}</a>',
            message, diff_url, stale.expected_version, stale.current_version, _("変更点を見る"),
        ), code="stale")


class InlineForm(StoryTimesMixin, TextLimitsMixin, NormalizedTextMixin, forms.ModelForm):
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


class FigureFormSet(forms.BaseInlineFormSet):
    """A story's figures: the new images of one save decode no more than NEWSDESK_MAX_PIXELS_PER_SAVE pixels."""

    def clean(self):
        super().clean()
        uploads = [self._new_upload(form) for form in self.forms]
        pixels = [checks.upload_pixels(upload) if upload else None for upload in uploads]
        for form, over in zip(self.forms, checks.over_save_budget(pixels)):
            if over:
                form.add_error("image", checks.save_budget_error())

    def _new_upload(self, form) -> UploadedFile | None:
        cleaned = getattr(form, "cleaned_data", None) or {}
        upload = cleaned.get("image")
        if cleaned.get("DELETE") or not isinstance(upload, UploadedFile):
            return None
        return upload
