from django.conf import settings
from django.utils import translation
from wagtail.views import serve as wagtail_serve

from .models import Ambassador

# A link we send by e-mail to someone not signed in (an invitation, a password reset)
# names the person's language in this query parameter.
LANGUAGE_PARAMETER = "lang"


class ProfileLanguageMiddleware:
    """The interface language for paths without a language prefix.

    A signed-in person gets the language of their profile; anyone else the language their
    e-mailed link names (kept in the language cookie for the next pages), else their cookie
    or browser choice. Paths with a prefix (`/en/...`, Wagtail pages in English) keep the
    language of the prefix, and so do Wagtail pages without one (Dutch: Wagtail looks a page
    up in the tree of the active language); the CMS keeps Wagtail's own per-user choice.

    This runs in process_view, after URL resolution: Django's i18n_patterns resolve
    unprefixed paths only while the default language is active.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        language = getattr(request, "link_language", None)
        if language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith("/cms/") or translation.get_language_from_path(
            request.path_info
        ):
            return None
        if view_func is wagtail_serve:
            # A Wagtail page without a prefix is a Dutch page: Wagtail finds it in the tree of
            # the active language, so that stays Dutch; a participant page then sends the
            # person on to its translation in their own language.
            return None
        language = None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            try:
                language = user.ambassador.language
            except Ambassador.DoesNotExist:
                language = None
        if not language:
            asked = request.GET.get(LANGUAGE_PARAMETER, "")
            if asked in dict(settings.LANGUAGES):
                language = request.link_language = asked
        if not language:
            language = translation.get_language_from_request(request, check_path=False)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        return None
