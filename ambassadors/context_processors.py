from django.utils.functional import SimpleLazyObject

from .roles import Role, roles_of
from .selectors import notifications_unread_count


def navigation(request):
    """What the header needs: the person's roles and unread count, read only if rendered."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def unread():
        return notifications_unread_count(user=user)

    def roles():
        found = roles_of(user)
        return {
            "is_mentor": Role.MENTOR in found,
            "is_comms": bool(found & {Role.COMMS, Role.ADMIN}),
            "is_admin": Role.ADMIN in found,
        }

    return {"unread_count": SimpleLazyObject(unread), "nav_roles": SimpleLazyObject(roles)}
