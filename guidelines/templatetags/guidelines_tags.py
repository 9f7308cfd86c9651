from django import template

from ambassadors.models import Network

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
    from guidelines.selectors import guideline_index_in_language

    request = context.get("request")
    cached = getattr(request, "_guidelines_url", None)
    if cached is not None:
        return cached
    index = guideline_index_in_language()
    url = index.get_url(request) if index is not None else ""
    if request is not None:
        request._guidelines_url = url
    return url
