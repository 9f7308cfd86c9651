import logging

from django import template
from wagtail.models import Locale

from courses.models import CourseIndexPage

register = template.Library()
logger = logging.getLogger(__name__)


@register.simple_tag(takes_context=True)
def course_catalogue_url(context) -> str:
    """The course catalogue in the active language, once per request."""
    request = context.get("request")
    cached = getattr(request, "_course_catalogue_url", None)
    if cached is not None:
        return cached
    try:
        index = CourseIndexPage.objects.live().filter(locale=Locale.get_active()).first()
    except Locale.DoesNotExist:  # a database without any locale yet
        index = None
    index = index or CourseIndexPage.objects.live().first()
    url = index.get_url(request) if index is not None else ""
    if request is not None:
        request._course_catalogue_url = url
    return url


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
