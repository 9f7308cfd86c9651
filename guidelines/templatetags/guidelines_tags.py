from django import template

from ambassadors.models import Network
from ambassadors.pages import page_url_once

register = template.Library()


@register.filter
def network_label(value: str) -> str:
    try:
        return Network(value).label
    except ValueError:
        return value


@register.simple_tag(takes_context=True)
def guidelines_url(context) -> str:
    """The guidelines overview in the active language, once per request."""
    from guidelines.models import GuidelineIndexPage

    return page_url_once(context, GuidelineIndexPage)
