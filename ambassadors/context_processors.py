from django.utils.functional import SimpleLazyObject

from .frame import frame_of
from .roles import Role, roles_of


def navigation(request):
    """What the header needs: the person's roles and unread count, from their frame (cached
    per person, ambassadors/frame.py), read only if rendered."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def unread():
        return frame_of(user, request).unread

    def roles():
        frame_of(user, request)
        found = roles_of(user)
        return {
            "is_mentor": Role.MENTOR in found,
            "is_comms": bool(found & {Role.COMMS, Role.ADMIN}),
            "is_admin": Role.ADMIN in found,
        }

    return {"unread_count": SimpleLazyObject(unread), "nav_roles": SimpleLazyObject(roles)}
