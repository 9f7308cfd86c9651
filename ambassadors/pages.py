"""The one rule for Wagtail pages meant for participants, shared by courses and guidelines."""

from __future__ import annotations

from django.http import HttpResponseRedirect
from django.utils.translation import activate, get_language

from core import structure

from .access import participant_or_redirect
from .selectors import recipient_language


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
        # The person's own language, not the address's: a link to the page in the other
        # language (a notification, a bookmark, the language switch) brings them to theirs.
        language = recipient_language(request.user)
        translation = self.translation_for_language(language, request)
        if translation is not None:
            own_url = self.get_url(request) or ""
            suffix = request.path[len(own_url) :] if request.path.startswith(own_url) else ""
            return HttpResponseRedirect(translation.get_url(request) + suffix)
        # No translation yet: the page's own words, the interface in the person's language.
        activate(language)
        request.LANGUAGE_CODE = language
        return self.serve_participant(request, *args, **kwargs)

    def serve_participant(self, request, *args, **kwargs):
        return super().serve(request, *args, **kwargs)

    def get_view_restrictions(self):
        """Wagtail asks for these on every view (its check_view_restrictions hook: two
        queries): read once per structure version, which a restriction's save or delete
        moves. A queryset of the same rows with its results already there, so iterating it
        costs nothing and refining it (`order_by`, as the CMS does) still asks the database."""
        from wagtail.models import PageViewRestriction

        restrictions = super().get_view_restrictions
        rows = structure.cached(f"view-restrictions:{self.path}", lambda: list(restrictions()))
        found = PageViewRestriction.objects.filter(pk__in=[row.pk for row in rows])
        found._result_cache = rows
        found._prefetch_done = True
        return found

    def route_to_child(self, request, path_components):
        """Wagtail's route on to a live child page, with the child found once per structure
        version instead of two queries (the child, then its specific type); None when the
        first component names no live child (the caller goes Wagtail's own way then, which
        gives the same page or the same 404). The page handed on is shared by the requests
        of this process until the structure changes: never change it."""
        from wagtail.models import Page

        if not path_components or getattr(request, "is_preview", False):
            return None
        children = structure.cached(
            f"live-children:{self.pk}",
            lambda: dict(self.get_children().live().values_list("slug", "pk")),
        )
        pk = children.get(path_components[0])
        if pk is None:
            return None
        child = structure.cached(f"page:{pk}", lambda: Page.objects.get(pk=pk).specific)
        return child.route(request, path_components[1:])

    def translation_for_language(self, language: str, request=None):
        """The live translation in `language` when this page is in another language."""
        from wagtail.models import Page

        if not language or self.locale_id == structure.locale_id(language, request):
            return None
        return (
            Page.objects.live()
            .filter(translation_key=self.translation_key, locale__language_code=language)
            .first()
        )


def page_in_active_language(model):
    """The live page of `model` in the active language, else in any language (or None)."""
    pages = model.objects.live()
    locale = structure.active_locale_id()
    found = pages.filter(locale_id=locale).first() if locale is not None else None
    return found or pages.first()


def page_url(model, request=None) -> str:
    """URL of `model`'s page in the active language ("" when there is none), cached until
    the site's structure changes (header links, the guidelines gate)."""

    def compute():
        page = page_in_active_language(model)
        return page.get_url(request) if page is not None else ""

    host = request.get_host() if request is not None else ""
    return structure.cached(
        f"url:{model._meta.label}:{get_language()}:{host}", compute, request=request
    )


def page_url_once(context, model) -> str:
    """URL of `model`'s page in the active language for a template (header links)."""
    return page_url(model, context.get("request"))
