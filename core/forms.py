"""The one way the site renders form fields: Django's renderer with the project's field template.

`{{ form.field.as_field_group }}` (or `{{ form }}`) renders a label, the widget with the
limits the form field declares (`maxlength`, `required`, `min`/`max`), help text and errors
through `templates/components/field.html`, so no template repeats a form's rules.
"""

from django import forms
from django.forms.renderers import TemplatesSetting
from django.forms.utils import ErrorDict


class FormRenderer(TemplatesSetting):
    field_template_name = "components/field.html"


class FilterForm(forms.Form):
    """A filter bar in the address (a GET form): bind it to `request.GET`, read `values`.

    A value that does not clean (unknown choice, odd number, forged input) is no filter: the
    field falls back to its initial value (or empty) without an error, and is rendered so, as
    the page applies it. Ids are the parameter names (`id="network"`), as links and scripts
    expect. Choices are lists built once per request (not querysets or callables), so
    cleaning and rendering cost no extra queries.
    """

    def __init__(self, data=None, **kwargs):
        kwargs.setdefault("auto_id", "%s")
        kwargs.setdefault("use_required_attribute", False)
        super().__init__(data if data is not None else {}, **kwargs)

    def full_clean(self):
        super().full_clean()
        data = self.data.copy()
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if name in self._errors or value in field.empty_values:
                initial = self.get_initial_for_field(field, name)
                fallback = "" if initial is None else str(initial)
                self.cleaned_data[name] = field.clean(fallback)
                data[name] = fallback
        self._errors = ErrorDict()
        self.data = data

    @property
    def values(self) -> dict:
        """The filters to apply: every field's cleaned value (empty for "no filter")."""
        return self.cleaned_data if self.is_valid() else {}
