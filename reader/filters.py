"""The reader's list filters, shared by home, category, tag, source and search pages."""

import datetime

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from articles import page_keys
from articles.days import start_of_day, validate_day
from articles.models import Article, Category, Source, Tag
from core.forms import FORM_RENDERER


class TagField(forms.CharField):
    """A tag by its slug or name (as readers type it); an unknown one is a form error.

    A tag that only unpublished stories carry is unknown too, with the same
    message, so the filter tells no one what the desk is working on.
    """

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        tags = Tag.objects.public()
        tag = tags.filter(slug=value).first() or tags.filter(name__iexact=value.strip()).first()
        if tag is None:
            raise forms.ValidationError(_("そのタグはありません: %(value)s"), params={"value": value}, code="unknown_tag")
        return tag

    def prepare_value(self, value):
        return value.slug if isinstance(value, Tag) else value


class TagFilter(django_filters.Filter):
    field_class = TagField

    def filter(self, qs, value):
        return qs.tagged(value) if value else qs


def public_categories(request) -> QuerySet:
    """The categories a reader may pick: those of published articles, as of this request."""
    return Category.objects.public()


def public_sources(request) -> QuerySet:
    """The sources a reader may pick: those of published articles, as of this request."""
    return Source.objects.public()


class FilterForm(forms.Form):
    default_renderer = FORM_RENDERER  # Jinja2 widget templates: this form is on every list page


class ArticleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("キーワード"), method="filter_text", max_length=200)
    category = django_filters.ModelChoiceFilter(
        label=_("カテゴリー"), queryset=public_categories, to_field_name="slug", empty_label=_("すべて"),
    )
    # A text field, not a <select>: a newsroom has thousands of tags, and listing them all
    # on every page would make each list page heavier as the archive grows.
    tag = TagFilter(
        label=_("タグ"), field_name="tags",
        widget=forms.TextInput(attrs={"placeholder": _("例: AI"), "autocomplete": "off"}),
    )
    source = django_filters.ModelChoiceFilter(
        label=_("ソース"), queryset=public_sources, to_field_name="slug", empty_label=_("すべて"),
    )
    date_from = django_filters.DateFilter(
        label=_("開始日"), method="filter_date_from", widget=forms.DateInput(attrs={"type": "date"}), validators=[validate_day],
    )
    date_to = django_filters.DateFilter(
        label=_("終了日"), method="filter_date_to", widget=forms.DateInput(attrs={"type": "date"}), validators=[validate_day],
    )

    class Meta:
        model = Article
        fields = ("q", "category", "tag", "source", "date_from", "date_to")
        form = FilterForm

    def filter_text(self, queryset, name, value):
        """The keyword is checked here and searched apart, from the list the other filters give: ranked by the
        search page (search.ranked), the newest matches by the API (search.newest), its work bounded either way."""
        return queryset

    def filter_date_from(self, queryset, name, value):
        return queryset.filter(published_at__gte=start_of_day(value))

    def filter_date_to(self, queryset, name, value):
        return queryset.filter(published_at__lt=start_of_day(value + datetime.timedelta(days=1)))


_SUBJECT_KEYS = (("category", page_keys.category), ("source", page_keys.source), ("tag", page_keys.tag))


def filtered_list_keys(cleaned_data: dict) -> list[str]:
    """The page keys of the lists a filtered page draws from, besides the list of every story.

    A story tagged, filed or moved joins the category's, source's or tag's
    list without joining or leaving the list of every story.
    """
    return [
        page_keys.listing(subject_key(cleaned_data[name].pk))
        for name, subject_key in _SUBJECT_KEYS if cleaned_data.get(name) is not None
    ]
