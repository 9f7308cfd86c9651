from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from . import throttle


def account_for(name: str):
    """The account a name typed at sign-in belongs to: by e-mail address when it has an @
    (the first account with it), else by username; None when there is none."""
    user_model = get_user_model()
    if "@" in name:
        return user_model.objects.filter(email__iexact=name).order_by("pk").first()
    return user_model._default_manager.filter(**{user_model.USERNAME_FIELD: name}).first()


class EmailOrUsernameBackend(ModelBackend):
    """Imported employees sign in with their e-mail address; others with their username."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username and throttle.is_blocked(username, throttle.client_address(request)):
            raise PermissionDenied  # too many failures: no password is checked at all
        if username and "@" in username:
            match = account_for(username)
            if match is None:
                user_model = get_user_model()
                user_model().set_password(password)  # same work as a real check: no timing hint
                return None
            if match.check_password(password) and self.user_can_authenticate(match):
                return match
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
