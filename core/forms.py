"""The one way the site takes input and renders form fields.

Rendering: Django's renderer with the project's field template. `{{ form.field.as_field_group }}`
(or `{{ form }}`) renders a label, the widget with the limits the form field declares
(`maxlength`, `required`, `min`/`max`), help text and errors through
`templates/components/field.html`, so no template repeats a form's rules.

Refusals: a service that says no raises a `core.errors.Refusal`; `refuse(form, error)` puts
its message on the form (on its field when the form has it), and the view shows the page
again with what the person typed.

Typed text: `TypedTextField` drops control characters (NUL included) the way the sanitiser
does before checking the length, so a pasted stray character is removed, not refused.
"""

from __future__ import annotations

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.forms.renderers import TemplatesSetting
from django.forms.utils import ErrorDict

from .errors import Refusal
from .sanitise import strip_controls


class FormRenderer(TemplatesSetting):
    field_template_name = "components/field.html"


def refuse(form: forms.BaseForm, error: Refusal | Exception) -> None:
    """Show a service's refusal on the form that asked: on its field, or above the form."""
    field = getattr(error, "field", None)
    form.add_error(field if field in form.fields else None, str(error))


class TypedTextField(forms.CharField):
    """Text as a person types it: control characters dropped, then the limits checked."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators = [
            v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)
        ]

    def to_python(self, value):
        return super().to_python(strip_controls(value) if isinstance(value, str) else value)


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


def posted(request):
    """What a POST sent, to bind a form (None on GET: an unbound form). An empty POST is
    still a POST, so its form is bound and says what is missing."""
    return request.POST if request.method == "POST" else None


def posted_files(request):
    return request.FILES if request.method == "POST" else None
