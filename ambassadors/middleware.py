from django.utils import translation

from .models import Ambassador


class ProfileLanguageMiddleware:
    """A signed-in person sees the interface in the language of their profile."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith("/cms/"):
            try:
                language = user.ambassador.language
            except Ambassador.DoesNotExist:
                language = None
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)
