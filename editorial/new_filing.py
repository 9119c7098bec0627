"""Tags and sources named where they are typed: 「新規作成: …」 in the story form's autocomplete, and the endpoint it calls.

The autocomplete (Django's, for the story's tags and source) lists one more
entry for an editor who may name new ones (articles.filing.may_name_new)
when nothing there is spelt like what they typed. Choosing it makes the
tag or source through articles.filing.name_new, and the script
(static/editorial/new_filing.js) puts the real one in the field. No popup,
and any number of new tags in one story.
"""

import json

from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from articles import filing
from articles.models import Article

NAMED_WHERE_TYPED = {"tags": "tag", "source": "source"}  # the story's fields that offer 「新規作成」
NEW = "newsdesk-new:"  # the offered entry's id; never a real one's (those are numbers)


class NamingAutocompleteJsonView(AutocompleteJsonView):
    """Django's autocomplete, offering 「新規作成: …」 for the story's tags and source to those who may."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        kind = NAMED_WHERE_TYPED.get(self.source_field.name) if self.source_field.model is Article else None
        name = " ".join(self.term.split())
        if kind is None or not name or request.GET.get("page", "1") != "1" or not filing.may_name_new(request.user):
            return response
        data = json.loads(response.content)
        if any(filing.folded(result["text"]) == filing.folded(name) for result in data["results"]):
            return response
        if filing.existing(filing.KINDS[kind], name) is not None:
            return response  # spelt otherwise than the search matches: the editor finds it by its own name
        data["results"].append({
            "id": NEW + name,
            "text": _("新規作成: %(name)s") % {"name": name},
            "newsdesk_new": {"url": reverse("admin:articles_name_new"), "kind": kind, "name": name},
        })
        return JsonResponse(data)


def name_new_view(request):
    """POST kind ("tag" or "source") and name: {"id", "text", "created"}, or {"error"} with why not."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        made, created = filing.name_new(
            kind=request.POST.get("kind", ""), name=request.POST.get("name", ""), by=request.user,
        )
    except PermissionDenied as refused:
        return JsonResponse({"error": str(refused)}, status=403)
    except ValidationError as invalid:
        return JsonResponse({"error": " ".join(invalid.messages)}, status=400)
    return JsonResponse({"id": str(made.pk), "text": made.name, "created": created}, status=201 if created else 200)


class _KnownChoicesOnly:
    """An autocomplete that draws only values naming a row: a form sent back holding anything else
    (the 「新規作成」 entry saved before the server made it, a hand-made request) shows the field's
    error, where Django's widget would fail drawing the form."""

    def optgroups(self, name, value, attr=None):
        known = []
        for item in value:
            try:
                self.field.target_field.to_python(item)
            except ValidationError:
                continue
            known.append(item)
        return super().optgroups(name, known, attr)


class KnownAutocompleteSelect(_KnownChoicesOnly, AutocompleteSelect):
    pass


class KnownAutocompleteSelectMultiple(_KnownChoicesOnly, AutocompleteSelectMultiple):
    pass
