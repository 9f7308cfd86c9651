"""The urgent mediation banner: on every page, for mentors who handle mediation."""

from django.utils.functional import SimpleLazyObject

from ambassadors.roles import is_mentor

from . import selectors


def urgent_banner(request):
    """Urgent requests nobody has taken, for the banner: read only when the page renders
    it, never for anyone outside the Mentors group (their roles are read for the header
    anyway), and one indexed query for mentors (see `selectors.urgent_untaken`)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def found():
        return selectors.urgent_untaken(user=user) if is_mentor(user) else []

    return {"urgent_mediation": SimpleLazyObject(found)}
