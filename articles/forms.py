"""Forms: validate input, normalise it, hold no workflow rules."""

from django import forms

from . import text
from .models import Article


class NormalizedTextMixin:
    """Browsers send CRLF line breaks; store LF so an unchanged re-save changes nothing."""

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(value, str) and "\r" in value:
                cleaned[name] = text.normalize_newlines(value)
        return cleaned


class ArticleAdminForm(NormalizedTextMixin, forms.ModelForm):
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
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The original's language drives the lang attribute of its fields.
        lang = (self.initial.get("original_language") or "en") if self.instance.pk else "en"
        for name in ("original_title", "original_body"):
            if name in self.fields:
                self.fields[name].widget.attrs["lang"] = lang


class InlineForm(NormalizedTextMixin, forms.ModelForm):
    """A row of an ordered inline; a new row without a position goes last."""

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
