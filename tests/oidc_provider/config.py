"""The test provider's clients and people, and the site's settings for it."""

CLIENT_ID = "academy"
CLIENT_SECRET = "academy-secret"  # noqa: S105 (the test provider's)
OTHER_CLIENT_ID = "other-app"
# The test client's host; the browser test starts a provider of its own for its live server.
CALLBACK = "http://testserver/sso/oidc/test/callback/"
PEOPLE = {
    "ada": {
        "email": "ada@example.org",
        "email_verified": True,
        "given_name": "Ada",
        "family_name": "Lovelace",
        "locale": "en",
        "groups": ["staff", "ambassador-mentors"],
        "department": "Research",
    },
    "bram": {
        "email": "bram@example.org",
        "email_verified": True,
        "given_name": "Bram",
        "family_name": "de Vries",
        "locale": "nl",
        "groups": ["staff"],
        "department": "Sales",
    },
    "nomail": {"given_name": "No", "family_name": "Mail", "locale": "nl"},
}


def provider_clients(*callbacks: str) -> dict[str, dict]:
    return {
        CLIENT_ID: {"secret": CLIENT_SECRET, "redirect_uris": list(callbacks)},
        OTHER_CLIENT_ID: {"secret": "other-secret", "redirect_uris": list(callbacks)},
    }


def connection(issuer: str, **options) -> dict[str, str]:
    """The site's settings for the connection "test" (as SSO_TEST_* would give them)."""
    return {
        "slug": "test",
        "protocol": "oidc",
        "name": "Test Organisation",
        "issuer": issuer,
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "role_mentors": "ambassador-mentors",
        **options,
    }
