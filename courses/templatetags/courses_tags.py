import logging

from django import template

from ambassadors.pages import page_url_once
from courses.models import CourseIndexPage

register = template.Library()
logger = logging.getLogger(__name__)


@register.simple_tag(takes_context=True)
def course_catalogue_url(context) -> str:
    """The course catalogue in the active language, once per request."""
    return page_url_once(context, CourseIndexPage)


@register.simple_tag
def safe_embed(value) -> str:
    """The embed's HTML, or "" when it cannot be fetched: the lesson renders either way."""
    if not value:
        return ""
    try:
        return value.html
    except Exception:  # a provider down, no network, a malformed answer
        logger.warning("Embed %s could not be fetched", getattr(value, "url", value))
        return ""
