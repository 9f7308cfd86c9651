"""Bearer tokens: made once, shown once, kept only as a hash.

SCIM connections, API tokens and anything later that a machine signs in with use these two
functions, so every such token is 256 random bits with a recognisable prefix (secret
scanners find a leaked one) and is looked up by its SHA-256, never stored as it is.
"""

from __future__ import annotations

import hashlib
import secrets


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_new(prefix: str) -> str:
    """A bearer token: 256 random bits after `prefix` (for example `aa-scim-`)."""
    return prefix + secrets.token_urlsafe(32)
