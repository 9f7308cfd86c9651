"""Two-factor sign-in: a code from an authenticator app, a passkey, or a recovery code.

Who owes a second step: everyone who can reach the CMS (`wagtailadmin.access_admin`: comms
staff, administrators, superusers) and signed in with a password, and anyone who set up a
second factor of their own accord; nobody while ACADEMY_TWO_FACTOR_ENFORCED is off (the test
settings only). People who signed in through the organisation (the session's `academy_sign_in` mark
starts with "sso:") rely on their identity provider's second factor and are not asked.

Until the step is passed (`request.user.is_verified()`, django-otp's mark in the session),
`identity.middleware.TwoFactorMiddleware` lets them reach only the second step itself.
Wrong codes slow down per device (django-otp's throttling: 1, 2, 4, 8... seconds).
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass

import segno
from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy, ngettext_lazy
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex
from django_otp_webauthn.models import WebAuthnCredential

from ambassadors.roles import Role, roles_of
from core import audit
from core.errors import Refusal

from .sessions import signed_in_through_organisation

FACTORS_KEY = "academy_two_factor"
RECOVERY_DEVICE_NAME = "recovery"
# Recovery codes: 10 characters from an alphabet without look-alikes (0/o, 1/l/i).
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
RECOVERY_LENGTH = 10

ERROR_WRONG_CODE = gettext_lazy("This code is not right. Check your app and try again.")
ERROR_WAIT = ngettext_lazy(
    "Too many wrong codes. Wait %(seconds)d second and try again.",
    "Too many wrong codes. Wait %(seconds)d seconds and try again.",
    "seconds",
)
ERROR_LAST_FACTOR = gettext_lazy(
    "This is your only way to confirm sign-ins, and your role needs one. Add another first."
)
ERROR_NO_FACTOR = gettext_lazy("Add an authenticator app or a passkey first.")
ERROR_NOT_ADMINISTRATOR = gettext_lazy("Only administrators can reset a person's second step.")


class TwoFactorRefused(Refusal):
    """A code that does not confirm the sign-in, or a change that is not allowed."""


def required_for(user: User, *, cms: bool = False) -> bool:
    """This person can reach the CMS, so a second step is compulsory (with a password).

    The roles that hold `wagtailadmin.access_admin` (ambassadors/provisioning.py), superusers
    included, read through `roles_of`, which the page header reads anyway; on CMS pages also
    anyone given the permission some other way (Wagtail reads the permissions there anyway).
    """
    if not (settings.ACADEMY_TWO_FACTOR_ENFORCED and user.is_active):
        return False
    if roles_of(user) & {Role.COMMS, Role.ADMIN}:
        return True
    return cms and user.has_perm("wagtailadmin.access_admin")


def has_second_factor(user: User) -> bool:
    """An authenticator app or a passkey (recovery codes alone are no second factor)."""
    return (
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        or WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()
    )


def _has_second_factor_cached(request) -> bool:
    """has_second_factor, looked up once per session, so other pages pay no query for it.

    A factor added in this session also verifies it; one removed by an administrator meanwhile
    makes the code page look again (`forget_factors`).
    """
    cached = request.session.get(FACTORS_KEY)
    if not cached or cached.get("user") != request.user.pk:
        cached = {"user": request.user.pk, "any": has_second_factor(request.user)}
        request.session[FACTORS_KEY] = cached
    return cached["any"]


def forget_factors(request) -> None:
    request.session.pop(FACTORS_KEY, None)


def step_owed(request, *, cms: bool = False) -> str | None:
    """What a signed-in person still owes: "verify", "setup" (no factor yet, but their role
    needs one) or None. `cms`: the request is for the CMS."""
    user = request.user
    if not settings.ACADEMY_TWO_FACTOR_ENFORCED or not user.is_authenticated:
        return None
    if signed_in_through_organisation(request.session):
        return None
    if user.is_verified():
        return None
    if _has_second_factor_cached(request):
        return "verify"
    return "setup" if required_for(user, cms=cms) else None


def confirmed_user(request) -> User | None:
    """Who is signed in on this browser and owes no second step, else None."""
    if not request.user.is_authenticated or step_owed(request, cms=True) is not None:
        return None
    return request.user


@dataclass(frozen=True)
class Factors:
    """A person's second factors, for their management page."""

    apps: list[TOTPDevice]
    passkeys: list[WebAuthnCredential]
    recovery_codes_left: int

    @property
    def any(self) -> bool:
        return bool(self.apps or self.passkeys)


def factors_of(user: User) -> Factors:
    return Factors(
        apps=list(TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk")),
        passkeys=list(WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("pk")),
        recovery_codes_left=StaticToken.objects.filter(device__user=user).count(),
    )


# Setting up an authenticator app: the secret lives in the session until a code proves the
# app has it, so a page view writes nothing.


def totp_secret_new() -> str:
    return random_hex(20)


def totp_config_url(*, user: User, key: str) -> str:
    """The otpauth:// link an authenticator app reads (from a QR code or typed in)."""
    return TOTPDevice(user=user, key=key, name="").config_url


def totp_qr_code_svg(*, config_url: str, label: str) -> str:
    """The otpauth:// link as an inline SVG QR code, drawn on the server (the CSP allows no
    script); `label` (escaped by segno) names it for screen readers."""
    code = segno.make(config_url, error="m")
    svg = code.svg_inline(scale=4, dark="#000", light="#fff", title=label, svgclass="qr-code")
    return svg.replace("<svg ", '<svg role="img" ', 1)


def totp_secret_for_typing(key: str) -> str:
    """The secret in base32, in groups of four, as apps ask for it when typed."""
    from base64 import b32encode

    text = b32encode(bytes.fromhex(key)).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def _totp_matches(key: str, code: str) -> bool:
    totp = TOTP(bytes.fromhex(key), step=30, t0=0, digits=6, drift=0)
    totp.time = time.time()
    try:
        return totp.verify(int(code), tolerance=1)
    except ValueError:
        return False


def _normalise(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


@transaction.atomic
def totp_device_add(*, user: User, key: str, code: str, name: str) -> TOTPDevice:
    """A new authenticator app, once a code from it shows it holds the secret."""
    code = _normalise(code)
    if not (code.isdigit() and _totp_matches(key, code)):
        raise TwoFactorRefused(ERROR_WRONG_CODE, field="code")
    device = TOTPDevice(user=user, key=key, name=name, confirmed=True)
    device.full_clean()
    device.save()
    return device


@transaction.atomic
def recovery_codes_new(*, user: User) -> list[str]:
    """A fresh set of single-use recovery codes; the old ones stop working. Shown once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [
        "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
        for _ in range(settings.ACADEMY_TWO_FACTOR_RECOVERY_CODES)
    ]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def _candidates(user: User, code: str) -> list[Device]:
    if code.isdigit() and len(code) == 6:
        return list(TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk"))
    return list(StaticDevice.objects.filter(user=user, confirmed=True))


def second_factor_check(*, user: User, code: str) -> Device:
    """The device this code comes from (its use recorded), or a refusal saying why not.

    Each device counts its own wrong codes and makes the person wait longer after each;
    while they wait, no code is tried at all, right or wrong.
    """
    code = _normalise(code)
    if not code:
        raise TwoFactorRefused(ERROR_WRONG_CODE, field="code")
    waits = []
    for device in _candidates(user, code):
        allowed, details = device.verify_is_allowed()
        if not allowed:
            waits.append((details or {}).get("locked_until"))
            continue
        if device.verify_token(code):
            return device
    if waits:
        until = max((w for w in waits if w is not None), default=None)
        seconds = max(int((until - timezone.now()).total_seconds()) + 1, 1) if until else 1
        raise TwoFactorRefused(ERROR_WAIT % {"seconds": seconds}, field="code")
    raise TwoFactorRefused(ERROR_WRONG_CODE, field="code")


def second_factor_recheck(*, user: User, code: str) -> Device:
    """A fresh code, for changes that need one (new recovery codes)."""
    return second_factor_check(user=user, code=code)


@transaction.atomic
def second_factor_remove(*, user: User, device: TOTPDevice | WebAuthnCredential) -> None:
    """Remove one of a person's apps or passkeys; never the last one their role needs."""
    if device.user_id != user.pk:
        raise TwoFactorRefused(ERROR_WRONG_CODE)
    factors = factors_of(user)
    if required_for(user) and len(factors.apps) + len(factors.passkeys) <= 1:
        raise TwoFactorRefused(ERROR_LAST_FACTOR)
    device.delete()
    if not has_second_factor(user):
        StaticDevice.objects.filter(user=user).delete()


def is_administrator(user: User) -> bool:
    return Role.ADMIN in roles_of(user)


@transaction.atomic
def two_factor_reset(*, person: User, by: User) -> int:
    """An administrator removes all of a person's second factors (a lost phone); the person
    sets up a new one at their next sign-in. Returns how many were removed."""
    if not is_administrator(by):
        raise TwoFactorRefused(ERROR_NOT_ADMINISTRATOR)
    removed = 0
    for model in (TOTPDevice, WebAuthnCredential, StaticDevice):
        removed += model.objects.filter(user=person).delete()[1].get(model._meta.label, 0)
    audit.record(person, "academy.two_factor_reset", user=by, title=person.username, person=person)
    return removed
