"""The one way the site renders form fields: Django's renderer with the project's field template.

`{{ form.field.as_field_group }}` (or `{{ form }}`) renders a label, the widget with the
limits the form field declares (`maxlength`, `required`, `min`/`max`), help text and errors
through `templates/components/field.html`, so no template repeats a form's rules.
"""

from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    field_template_name = "components/field.html"
