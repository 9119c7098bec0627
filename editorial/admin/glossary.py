"""The newsroom's glossary: editors keep it, translators read it."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from articles.models import GlossaryTerm
from articles.text import join_words


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    """The newsroom's glossary: editors keep it, translators read it."""

    list_display = ("original", "approved", "variants_display", "tag")
    list_filter = ("tag",)
    search_fields = ("original", "approved", "variants", "notes")
    autocomplete_fields = ("tag",)
    fields = ("original", "approved", "variants", "notes", "tag")

    @admin.display(description=_("使わない表記"))
    def variants_display(self, term):
        return join_words(term.variant_list) or "—"
