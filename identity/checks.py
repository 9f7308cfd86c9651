"""System checks: a SAML connection needs xmlsec1 (pysaml2 verifies signatures with it)."""

import shutil
from pathlib import Path

from django.conf import settings
from django.core.checks import Error, register


@register()
def saml_connections_can_work(app_configs, **kwargs) -> list[Error]:
    from .providers import providers

    saml = providers("saml")
    if not saml:
        return []
    found = []
    if shutil.which("xmlsec1") is None:
        found.append(
            Error(
                "A SAML connection is configured but xmlsec1 is not installed, so no IdP "
                "signature can be checked and every SAML sign-in fails.",
                hint="Install it: apt-get install xmlsec1 (make run and the Docker image do).",
                id="identity.E001",
            )
        )
    for connection in saml:
        prefix = f"SSO_{connection.slug.upper().replace('-', '_')}_"
        if not (connection.option("metadata_url") or connection.option("metadata_file")):
            found.append(
                Error(
                    f"SAML connection {connection.slug!r} has no IdP metadata.",
                    hint=f"Set {prefix}METADATA_URL (or {prefix}METADATA_FILE).",
                    id="identity.E002",
                )
            )
    key, cert = settings.ACADEMY_SAML_SP_KEY_FILE, settings.ACADEMY_SAML_SP_CERT_FILE
    if bool(key) != bool(cert) or any(f and not Path(f).is_file() for f in (key, cert)):
        found.append(
            Error(
                "SAML_SP_KEY_FILE and SAML_SP_CERT_FILE must both name readable files, or "
                "both be empty.",
                id="identity.E003",
            )
        )
    return found
