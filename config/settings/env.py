"""Reading configuration from environment variables, with clear errors."""

import os
from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def email_settings(url: str | None) -> dict:
    """Translate EMAIL_URL into Django's e-mail settings.

    smtp://user:password@host:587?tls=1, smtps://... (implicit TLS),
    console://, file:///absolute/folder, locmem://.
    """
    if not url:
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    parsed = urlparse(url)
    scheme = parsed.scheme
    if scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if scheme == "locmem":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if scheme == "file":
        if not parsed.path:
            raise ImproperlyConfigured("EMAIL_URL file:// needs a folder, e.g. file:///var/mail.")
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": unquote(parsed.path),
        }
    if scheme in ("smtp", "smtps"):
        query = parse_qs(parsed.query)
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parsed.hostname or "localhost",
            "EMAIL_PORT": parsed.port or (465 if scheme == "smtps" else 587),
            "EMAIL_HOST_USER": unquote(parsed.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parsed.password or ""),
            "EMAIL_USE_SSL": scheme == "smtps",
            "EMAIL_USE_TLS": scheme == "smtp" and query.get("tls", ["1"])[0] == "1",
            "EMAIL_TIMEOUT": 10,
        }
    raise ImproperlyConfigured(
        f"EMAIL_URL scheme {scheme!r} is not supported: use smtp, smtps, console, file or locmem."
    )


def s3_storages() -> dict:
    """Media on S3-compatible object storage when MEDIA_S3_BUCKET is set, else nothing.

    Uploads then live in one place that every web and worker host reads: public media
    (images, documents) under `public/`, evidence and attachments under `private/` with no
    public address (the bucket must not allow public reads there; views stream them after
    checking permission).
    """
    bucket = env_str("MEDIA_S3_BUCKET")
    if not bucket:
        return {}
    common = {
        "bucket_name": bucket,
        "endpoint_url": env_str("MEDIA_S3_ENDPOINT_URL") or None,
        "region_name": env_str("MEDIA_S3_REGION") or None,
        "access_key": env_str("MEDIA_S3_ACCESS_KEY_ID") or None,
        "secret_key": env_str("MEDIA_S3_SECRET_ACCESS_KEY") or None,
        "file_overwrite": False,
    }
    return {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **common,
                "location": "public",
                "querystring_auth": False,
                "custom_domain": env_str("MEDIA_S3_CUSTOM_DOMAIN") or None,
            },
        },
        "private": {
            "BACKEND": "core.storage_s3.PrivateS3Storage",
            "OPTIONS": {**common, "location": "private", "default_acl": "private"},
        },
    }


SSO_PROTOCOLS = ("oidc", "saml")


def sso_providers() -> list[dict]:
    """The organisation's sign-in connections: SSO_PROVIDERS=entra,adfs and SSO_<SLUG>_* each.

    Every setting of a connection is read as SSO_<SLUG>_<KEY> into a dict with lower-case
    keys (`SSO_ENTRA_CLIENT_ID` → `client_id`); identity.providers gives them meaning and
    checks them.
    """
    providers = []
    for slug in env_list("SSO_PROVIDERS", []):
        if not slug.replace("-", "").isalnum() or slug.lower() != slug:
            raise ImproperlyConfigured(
                f"SSO_PROVIDERS: {slug!r} must be lower-case letters, digits and dashes."
            )
        prefix = f"SSO_{slug.upper().replace('-', '_')}_"
        config = {
            key[len(prefix) :].lower(): value
            for key, value in os.environ.items()
            if key.startswith(prefix) and value != ""
        }
        protocol = config.get("protocol", "")
        if protocol not in SSO_PROTOCOLS:
            raise ImproperlyConfigured(f"{prefix}PROTOCOL must be oidc or saml, not {protocol!r}.")
        providers.append({"slug": slug, **config})
    return providers


def webpush_keys_in(folder) -> tuple[str, str]:
    """A VAPID key pair (base64url: the raw private number, the uncompressed public point)
    kept in `folder`/webpush-vapid.key, made once: web push works in the embedded default
    without configuration. Production sets WEBPUSH_VAPID_PRIVATE_KEY/PUBLIC_KEY instead."""
    import base64
    from pathlib import Path

    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    path = Path(folder) / "webpush-vapid.key"
    if path.exists():
        private = path.read_text().strip()
        number = int.from_bytes(base64.urlsafe_b64decode(private + "=" * (-len(private) % 4)))
        key = ec.derive_private_key(number, ec.SECP256R1())
    else:
        key = ec.generate_private_key(ec.SECP256R1())
        private = b64(key.private_numbers().private_value.to_bytes(32, "big"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(private + "\n")
    public = b64(key.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint))
    return private, public
