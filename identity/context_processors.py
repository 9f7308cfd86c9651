"""The organisation's sign-in buttons for the login page.

The login page belongs to ambassadors, which may not import identity; a context processor
hands the template what it needs without that import, and only computes it if the page
uses it (the values are lazy), so other pages pay nothing.
"""

from django.utils.functional import SimpleLazyObject

from .providers import password_sign_in_for_everyone, providers


def sign_in(request):
    """`sign_in_connections`: (name, login URL) of each connection, in SSO_PROVIDERS order;
    `password_sign_in_for_everyone`: False when only administrators keep a password."""

    def connections():
        return [{"name": p.name, "url": p.login_url} for p in providers()]

    return {
        "sign_in_connections": SimpleLazyObject(connections),
        "password_sign_in_for_everyone": SimpleLazyObject(password_sign_in_for_everyone),
    }
