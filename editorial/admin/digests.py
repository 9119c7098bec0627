"""The daily digest: a day's picks, in the order the editor set."""

from django.contrib import admin

from articles.models import DailyDigest, DigestEntry
from editorial.admin.inlines import OrderedInlineMixin, renumber


class DigestEntryInline(OrderedInlineMixin, admin.TabularInline):
    model = DigestEntry
    fields = ("position", "article")
    autocomplete_fields = ("article",)


@admin.register(DailyDigest)
class DailyDigestAdmin(admin.ModelAdmin):
    list_display = ("date", "note")
    date_hierarchy = "date"
    inlines = (DigestEntryInline,)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        renumber(formset)
