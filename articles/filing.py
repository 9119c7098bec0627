"""New tags and sources named where an editor types them (the story form's autocomplete), and who may name them.

Editors, chief editors and superusers (who may publish) name new ones;
translators pick from those there are. A name that differs from an
existing one only by full- or half-width forms, case or spacing is that
one (`ＡＩ`, `ai` and `AI` are one tag), so a story never files under two
spellings of one name.
"""

import unicodedata

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from articles import publishing
from articles.models import Source, Tag

KINDS = {"tag": Tag, "source": Source}


def may_name_new(user) -> bool:
    """Whether `user` may name new tags and sources: the editors, who may publish."""
    return publishing.can_publish(user)


def folded(name: str) -> str:
    """`name` as names are compared: width forms unified (NFKC), case folded, spacing collapsed."""
    return " ".join(unicodedata.normalize("NFKC", name or "").casefold().split())


def existing(model: type[Tag] | type[Source], name: str) -> Tag | Source | None:
    """The tag or source already named `name`, however its width, case or spacing differ."""
    wanted = folded(name)
    if not wanted:
        return None
    exact = model.objects.filter(name=name.strip()).first()
    if exact is not None:
        return exact
    # Few enough to compare in Python, where NFKC is at hand (no database folds width the same way).
    for pk, stored in model.objects.values_list("pk", "name").iterator():
        if folded(stored) == wanted:
            return model.objects.get(pk=pk)
    return None


@transaction.atomic
def name_new(*, kind: str, name: str, by) -> tuple[Tag | Source, bool]:
    """The tag or source (`kind`) named `name`, made now when there is none: (it, whether it was made).

    Raises PermissionDenied when `by` may not name new ones and ValidationError
    when the name is empty, too long or `kind` is neither "tag" nor "source".
    A name that folds to an existing one's (`folded`) is that one.
    """
    model = KINDS.get(kind)
    if model is None:
        raise ValidationError(_("タグかソースのどちらを作るのかがわかりません。"), code="kind")
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError(_("名前を入力してください。"), code="empty")
    limit = model._meta.get_field("name").max_length
    if len(name) > limit:
        raise ValidationError(
            _("名前が長すぎます（%(limit)s 文字まで、いまは %(length)s 文字）。"),
            code="too_long", params={"limit": limit, "length": len(name)},
        )
    found = existing(model, name)
    if found is not None:
        return found, False
    if not may_name_new(by):
        raise PermissionDenied(_("新しいタグやソースを作れるのは編集者だけです。今あるものから選んでください。"))
    try:
        with transaction.atomic():
            return model.objects.create(name=name), True
    except IntegrityError:  # someone made it at the same moment
        return model.objects.get(name=name), False
