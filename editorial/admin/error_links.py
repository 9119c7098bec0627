"""The errors of a story's form that came back, as links to their fields (the banner at the top of the form)."""

from dataclasses import dataclass

from django.forms.formsets import DELETION_FIELD_NAME

UNKNOWN_FIGURE = "unknown_figure"  # editorial.forms.FigureFormSet: a body's marker points at no figure


@dataclass(frozen=True)
class ErrorLink:
    label: str  # the field as the form names it: 「ソース」, 「図 2: 画像」
    message: str
    anchor: str  # the id of the field (or of its row, or its group) in the page


def of(form, sections) -> list[ErrorLink]:
    """Every error of the story's form and its inline rows, in the page's order (layout.sections).

    A fieldset's errors in its fields' order, an inline's rows in theirs;
    fields with errors that no fieldset draws come last. The order in which
    the form found them does not count: the first link is the first field
    with an error on the page, the one focused.
    """
    links, listed = [], set()
    for section in sections:
        if section.inline is not None:
            links += _inline_links(section.inline)
            continue
        for name in _names(section.fieldset.fields):
            listed.add(name)
            links += _field_links(form, name)
    for name in form.errors:
        if name not in listed:
            links += _field_links(form, name)
    return links


def _names(fields):
    for entry in fields:  # a fieldset's line may hold several fields
        if isinstance(entry, (list, tuple)):
            yield from entry
        else:
            yield entry


def _field_links(form, name) -> list[ErrorLink]:
    if name not in form.fields or name not in form.errors:
        return []
    label = str(form.fields[name].label or name)
    return [ErrorLink(label, str(message), form[name].id_for_label) for message in form.errors[name]]


def _inline_links(inline) -> list[ErrorLink]:
    formset, title = inline.formset, str(inline.opts.verbose_name)
    links = []
    for error in formset.non_form_errors().as_data():
        if error.code != UNKNOWN_FIGURE:  # shown at its body's field (show_marker_errors_at_their_bodies)
            links += [ErrorLink(title, message, f"{formset.prefix}-group") for message in error.messages]
    for index, row in enumerate(formset.forms):
        if not row.errors or _deleted(row):
            continue
        row_title = f"{title} {index + 1}"
        for message in row.non_field_errors():
            links.append(ErrorLink(row_title, str(message), f"{formset.prefix}-{index}"))
        for name in row.fields:
            for message in row.errors.get(name, ()):
                label = f"{row_title}: {row.fields[name].label or name}"
                links.append(ErrorLink(label, str(message), row[name].id_for_label))
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
