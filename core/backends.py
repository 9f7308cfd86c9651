from django.conf import settings
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


def password_sign_in_for_everyone() -> bool:
    """False once the organisation's sign-in is configured and PASSWORD_SIGN_IN=administrators."""
    only_administrators = settings.ACADEMY_PASSWORD_SIGN_IN == "administrators"  # noqa: S105
    return not settings.ACADEMY_SSO_PROVIDERS or not only_administrators


def password_sign_in_allowed(user) -> bool:
    """Whether this person may sign in with a password (the site's form, the CMS, a reset).

    Read from settings, as core imports no app: the group is ACADEMY_ADMINISTRATORS_GROUP
    (ambassadors.roles.Role.ADMIN; tests/core/test_backends.py keeps the two the same).
    """
    if password_sign_in_for_everyone():
        return True
    return (
        user.is_superuser or user.groups.filter(name=settings.ACADEMY_ADMINISTRATORS_GROUP).exists()
    )


def user_of_session(user_id):
    """The signed-in person of a request, with the relations every page reads
    (ACADEMY_USER_RELATED: the person's profile) in the same query; None when the account
    is gone or deactivated (as Django's ModelBackend.get_user)."""
    user_model = get_user_model()
    try:
        user = user_model._default_manager.select_related(*settings.ACADEMY_USER_RELATED).get(
            pk=user_id
        )
    except user_model.DoesNotExist:
        return None
    return user if user.is_active else None


class EmailOrUsernameBackend(ModelBackend):
    """Imported employees sign in with their e-mail address; others with their username.

    When password sign-in is only for administrators, anyone else's right password is
    refused exactly like a wrong one, so the answer never tells whether it was right.
    """

    def get_user(self, user_id):
        return user_of_session(user_id)

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = self._password_user(request, username, password, **kwargs)
        if user is not None and not password_sign_in_allowed(user):
            return None
        return user

    def _password_user(self, request, username, password, **kwargs):
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
