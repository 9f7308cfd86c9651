"""The Content-Security-Policy of the site's own pages: no inline scripts, no framing."""

import pytest

pytestmark = pytest.mark.django_db


def test_site_pages_forbid_inline_scripts(client, employee):
    client.force_login(employee)
    policy = client.get("/path/").headers["Content-Security-Policy"]
    directives = dict(part.split(" ", 1) for part in policy.split("; "))
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in directives["script-src"]
    assert "unsafe-eval" not in policy
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "https://www.youtube-nocookie.com" in directives["frame-src"]


def test_error_and_anonymous_pages_carry_it_too(client):
    assert "script-src 'self'" in client.get("/accounts/login/").headers["Content-Security-Policy"]
    assert "Content-Security-Policy" in client.get("/no-such-page/").headers


def test_the_cms_keeps_its_own(client, administrator):
    client.force_login(administrator)
    assert "Content-Security-Policy" not in client.get("/cms/").headers
