"""The forms renderer every form of ours uses (the admin's and the reader's filter form)."""

from functools import cached_property

from django.forms.renderers import DjangoTemplates, Jinja2


class FormRenderer(DjangoTemplates):
    """Django's own widget templates through Jinja2, the admin's through Django templates.

    The article change form has a hundred-odd fields, labels and error lists, and
    the readers' filter form is on every list page; Django ships each of their
    templates for both engines with the same markup, and the Jinja2 ones render
    them in a fraction of the time. Admin templates (fieldsets, related-object
    links) exist only as Django templates.
    """

    @cached_property
    def jinja2(self) -> Jinja2:
        return Jinja2()

    def get_template(self, template_name):
        if template_name.startswith("django/forms/"):
            return self.jinja2.get_template(template_name)
        return super().get_template(template_name)


# One instance: each renderer compiles and keeps its templates.
FORM_RENDERER = FormRenderer()
