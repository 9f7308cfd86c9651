"""A small OpenID provider (django-oauth-toolkit) that the tests run as a separate process.

`process.running_provider()` starts it (tests/identity/conftest.py has the fixtures); its
settings come from environment variables the launcher sets, its RSA key is generated at
start into a temporary folder, never committed.
"""
