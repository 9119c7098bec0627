"""The front page's composition: editors pin the lead and order the secondary stories, optionally until a time."""

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import PUBLIC_STATUSES, FrontPageSlot


class FrontPageSlotForm(forms.ModelForm):
    class Meta:
        model = FrontPageSlot
        fields = ("position", "article", "until")

    def clean_article(self):
        article = self.cleaned_data["article"]
        if article is not None and article.status not in PUBLIC_STATUSES:
            raise forms.ValidationError(
                _("公開中か予約公開の記事だけを固定できます（「%(title)s」は%(status)s）。"),
                params={"title": article.title, "status": article.get_status_display()}, code="not_public",
            )
        return article

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until is not None and until <= timezone.now():
            raise forms.ValidationError(_("掲載終了は今より後の時刻にしてください。"), code="past")
        return until


@admin.register(FrontPageSlot)
class FrontPageSlotAdmin(admin.ModelAdmin):
    """Saving or deleting a slot announces the front page's key (articles/changes.py): it is renewed and purged at once."""

    form = FrontPageSlotForm
    list_display = ("position", "article", "until", "in_force")
    list_display_links = ("position", "article")
    autocomplete_fields = ("article",)
    ordering = ("position",)

    @admin.display(boolean=True, description=_("固定中"))
    def in_force(self, slot):
        return (slot.until is None or slot.until > timezone.now()) and slot.article.is_published()

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article")
