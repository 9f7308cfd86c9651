"""The one rule for Wagtail pages meant for participants, shared by courses and guidelines."""

from __future__ import annotations

from django.http import HttpResponseRedirect
from django.utils.translation import get_language

from .access import participant_or_redirect


class ParticipantPageMixin:
    """Login and consent first, then the page in the person's language.

    Put it before Page (and before RoutablePageMixin) in a page model's bases. Pages
    implement `serve_participant()`; `request.ambassador` is None in a CMS preview.
    """

    def serve(self, request, *args, **kwargs):
        if getattr(request, "is_preview", False):
            request.ambassador = None
            return self.serve_participant(request, *args, **kwargs)
        refusal = participant_or_redirect(request)
        if refusal is not None:
            return refusal
        translation = self.translation_for_language(get_language())
        if translation is not None:
            own_url = self.get_url(request) or ""
            suffix = request.path[len(own_url) :] if request.path.startswith(own_url) else ""
            return HttpResponseRedirect(translation.get_url(request) + suffix)
        return self.serve_participant(request, *args, **kwargs)

    def serve_participant(self, request, *args, **kwargs):
        return super().serve(request, *args, **kwargs)

    def translation_for_language(self, language: str):
        """The live translation in `language` when this page is in another language."""
        from wagtail.models import Page

        if not language or self.locale.language_code == language:
            return None
        return (
            Page.objects.live()
            .filter(translation_key=self.translation_key, locale__language_code=language)
            .first()
        )


def page_in_active_language(model):
    """The live page of `model` in the active language, else in any language (or None)."""
    from wagtail.models import Locale

    pages = model.objects.live()
    try:
        found = pages.filter(locale=Locale.get_active()).first()
    except Locale.DoesNotExist:  # a database without any locale yet
        found = None
    return found or pages.first()


def page_url_once(context, model) -> str:
    """URL of `model`'s page in the active language, looked up once per request (header links)."""
    request = context.get("request")
    cache = getattr(request, "_academy_page_urls", None)
    if cache is None:
        cache = {}
        if request is not None:
            request._academy_page_urls = cache
    if model not in cache:
        page = page_in_active_language(model)
        cache[model] = page.get_url(request) if page is not None else ""
    return cache[model]
