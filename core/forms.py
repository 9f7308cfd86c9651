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
