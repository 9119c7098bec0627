"""The story's change form in the reader's order: its fieldsets with the inline rows placed among them.

Django's change form draws every fieldset, then every inline. A story's
form follows the reader page instead (headline and lead, key points,
analysis and comment, body with its figures, the original, then
classification and publishing), so an inline can be placed right after a
given fieldset.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    """One block of the form: a fieldset (with its place among the fieldsets) or an inline formset."""

    fieldset: object = None
    index: int = 0  # the fieldset's place, for the ids Django's fieldset template gives its heading
    inline: object = None


def sections(adminform, inline_admin_formsets, *, after: dict[str, tuple[type, ...]]) -> list[Section]:
    """The fieldsets of `adminform` in order, each followed by the inlines `after` places there.

    `after` maps a fieldset's name to the inline classes drawn after it;
    inlines placed nowhere come last, in their own order.
    """
    placed = {inline: name for name, inlines in after.items() for inline in inlines}
    blocks, used = [], set()
    for index, fieldset in enumerate(adminform):
        blocks.append(Section(fieldset=fieldset, index=index))
        for inline_admin_formset in inline_admin_formsets:
            if placed.get(type(inline_admin_formset.opts)) == fieldset.name:
                blocks.append(Section(inline=inline_admin_formset))
                used.add(id(inline_admin_formset))
    blocks += [Section(inline=formset) for formset in inline_admin_formsets if id(formset) not in used]
    return blocks
