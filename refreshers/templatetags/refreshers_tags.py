from django import template

from ..forms import AnswerForm

register = template.Library()


@register.simple_tag
def refresher_form(refresher):
    """An unbound answer form for a question the path keeps as plain data."""
    return AnswerForm(refresher=refresher)
