"""django-q2 entry points of identity: thin, idempotent."""

from . import saml


def prune_saml_records() -> int:
    """Expired SAML requests and used-assertion ids (replays of those fail on time anyway)."""
    return saml.records_prune()
