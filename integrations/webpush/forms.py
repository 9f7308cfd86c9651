"""The subscription a browser gives when a person turns push on, checked before storing."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.outbound import public_url

from ..models.push import ENDPOINT_MAX_LENGTH
from .keys import b64url_decode

ERROR_NOT_HTTPS = _("The browser gave a push address that is not https. Push was not turned on.")
ERROR_KEY = _("The browser gave keys that cannot be used. Push was not turned on.")
ERROR_TOO_LARGE = _("The browser sent more than a push subscription. Push was not turned on.")
ERROR_NOT_JSON = _("The browser did not send a push subscription. Push was not turned on.")

P256DH_BYTES = 65  # an uncompressed P-256 point: 0x04, x, y
AUTH_BYTES = 16
# A subscription is a few hundred bytes; anything much larger is not one.
MAX_BODY_BYTES = 4096


class PushSubscriptionForm(forms.Form):
    """`PushSubscription.toJSON()` flattened: the endpoint and its two keys."""

    endpoint = forms.CharField(
        max_length=ENDPOINT_MAX_LENGTH,
        validators=[public_url],
        error_messages={"required": ERROR_NOT_JSON},
    )
    p256dh = forms.CharField(
        max_length=100, error_messages={"required": ERROR_NOT_JSON, "max_length": ERROR_KEY}
    )
    auth = forms.CharField(
        max_length=40, error_messages={"required": ERROR_NOT_JSON, "max_length": ERROR_KEY}
    )

    @classmethod
    def from_json(cls, data) -> PushSubscriptionForm:
        """The form bound to what the browser posted ({"endpoint", "keys": {...}})."""
        if not isinstance(data, dict):
            data = {}
        keys = data.get("keys") if isinstance(data.get("keys"), dict) else {}
        return cls(
            {
                "endpoint": _text(data.get("endpoint")),
                "p256dh": _text(keys.get("p256dh")),
                "auth": _text(keys.get("auth")),
            }
        )

    def clean_endpoint(self) -> str:
        endpoint = self.cleaned_data["endpoint"]
        # Push services are https only (RFC 8030); the address was checked by public_url.
        if not endpoint.lower().startswith("https://"):
            raise ValidationError(ERROR_NOT_HTTPS, code="scheme")
        return endpoint

    def clean_p256dh(self) -> str:
        return _key(self.cleaned_data["p256dh"], P256DH_BYTES, first=b"\x04")

    def clean_auth(self) -> str:
        return _key(self.cleaned_data["auth"], AUTH_BYTES)


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _key(text: str, length: int, first: bytes = b"") -> str:
    try:
        raw = b64url_decode(text)
    except ValueError as exc:
        raise ValidationError(ERROR_KEY, code="key") from exc
    if len(raw) != length or not raw.startswith(first):
        raise ValidationError(ERROR_KEY, code="key")
    if first:
        from cryptography.hazmat.primitives.asymmetric import ec

        try:  # a point on the curve, or nothing can be encrypted for it
            ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw)
        except ValueError as exc:
            raise ValidationError(ERROR_KEY, code="key") from exc
    return text.rstrip("=")


class DeviceRemoveForm(forms.Form):
    """The remove button of one device (the device is in the address)."""


class PushTestForm(forms.Form):
    """The "send a test notification" button."""
