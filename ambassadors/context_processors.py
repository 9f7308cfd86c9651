from django.utils.functional import SimpleLazyObject

from .models import Notification
from .roles import Role, roles_of


def navigation(request):
    """What the header needs: the person's roles and unread count, read only if rendered."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def unread():
        return Notification.objects.visible().unread().filter(recipient=user).count()

    def roles():
        found = roles_of(user)
        return {
            "is_mentor": Role.MENTOR in found,
            "is_comms": bool(found & {Role.COMMS, Role.ADMIN}),
            "is_admin": Role.ADMIN in found,
        }

    return {"unread_count": SimpleLazyObject(unread), "nav_roles": SimpleLazyObject(roles)}
