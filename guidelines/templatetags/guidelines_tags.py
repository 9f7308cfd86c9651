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


def section_anchor(block_type: str, seen: dict[str, int]) -> str:
    """A section's stable id: its kind ("disclosure", "network-tips"), and for a second one
    of the same kind "-2" and so on. Other apps link here (the posting checks in sharing)."""
    seen[block_type] = seen.get(block_type, 0) + 1
    anchor = block_type.replace("_", "-")
    return anchor if seen[block_type] == 1 else f"{anchor}-{seen[block_type]}"


@register.filter
def with_anchors(body) -> list[tuple]:
    """A guideline body's sections, each with its stable id (`section_anchor`)."""
    seen: dict[str, int] = {}
    return [(block, section_anchor(block.block_type, seen)) for block in body]
