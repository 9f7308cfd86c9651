from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from . import throttle


class EmailOrUsernameBackend(ModelBackend):
    """Imported employees sign in with their e-mail address; others with their username."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username and throttle.is_blocked(username, throttle.client_address(request)):
            raise PermissionDenied  # too many failures: no password is checked at all
        if username and "@" in username:
            user_model = get_user_model()
            match = user_model.objects.filter(email__iexact=username).order_by("pk").first()
            if match is None:
                user_model().set_password(password)  # same work as a real check: no timing hint
                return None
            if match.check_password(password) and self.user_can_authenticate(match):
                return match
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
