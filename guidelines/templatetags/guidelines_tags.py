from django import template

from ambassadors.models import Network

register = template.Library()


@register.filter
def network_label(value: str) -> str:
    try:
        return Network(value).label
    except ValueError:
        return value
