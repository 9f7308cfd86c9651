"""Second factors for the two-factor tests: an authenticator app and the code it shows now."""

from django.contrib.auth.models import User
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from identity import two_factor


def app_for(user: User, name: str = "Phone") -> TOTPDevice:
    """A confirmed authenticator app, as if the person had set it up."""
    return TOTPDevice.objects.create(user=user, name=name, confirmed=True)


def code_from(device: TOTPDevice | str) -> str:
    """The six digits the app (or an app holding this hex key) shows at this moment."""
    key = device if isinstance(device, str) else device.key
    return f"{totp(bytes.fromhex(key)):06d}"


def recovery_codes_for(user: User) -> list[str]:
    return two_factor.recovery_codes_new(user=user)
