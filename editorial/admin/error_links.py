"""The errors of a story's form that came back, as links to their fields (the banner at the top of the form)."""

from dataclasses import dataclass

from django.forms.formsets import DELETION_FIELD_NAME

UNKNOWN_FIGURE = "unknown_figure"  # editorial.forms.FigureFormSet: a body's marker points at no figure


@dataclass(frozen=True)
class ErrorLink:
    label: str  # the field as the form names it: 「ソース」, 「図 2: 画像」
    message: str
    anchor: str  # the id of the field (or of its row, or its group) in the page


def of(form, inline_admin_formsets) -> list[ErrorLink]:
    """Every error of the story's form and its inline rows, in the page's order: the story's fields, then the rows."""
    links = [
        ErrorLink(str(form.fields[name].label or name), str(message), form[name].id_for_label)
        for name, messages in form.errors.items() if name in form.fields
        for message in messages
    ]
    for inline in inline_admin_formsets:
        formset, title = inline.formset, str(inline.opts.verbose_name)
        for error in formset.non_form_errors().as_data():
            if error.code != UNKNOWN_FIGURE:  # shown at its body's field (show_marker_errors_at_their_bodies)
                links += [ErrorLink(title, message, f"{formset.prefix}-group") for message in error.messages]
        for index, row in enumerate(formset.forms):
            if not row.errors or _deleted(row):
                continue
            row_title = f"{title} {index + 1}"
            for name, messages in row.errors.items():
                if name in row.fields:
                    label, anchor = f"{row_title}: {row.fields[name].label or name}", row[name].id_for_label
                else:
                    label, anchor = row_title, f"{formset.prefix}-{index}"
                links += [ErrorLink(label, str(message), anchor) for message in messages]
    return links


def show_marker_errors_at_their_bodies(form, formsets) -> None:
    """A body's marker that points at no figure is an error of the figures' rows; it shows at the body too."""
    for formset in formsets:
        for error in formset.non_form_errors().as_data():
            name = (error.params or {}).get("field_name") if error.code == UNKNOWN_FIGURE else None
            if name in form.fields:
                form.add_error(name, error)


def _deleted(row) -> bool:
    return bool((getattr(row, "cleaned_data", None) or {}).get(DELETION_FIELD_NAME))
