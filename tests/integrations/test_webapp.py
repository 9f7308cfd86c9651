"""The installable app's server side: the manifest, the service worker's headers and what
it is told to keep, the offline page, lessons marked for offline reading, and sign-out
telling the browser to drop its cache."""

import json

import pytest
from django.templatetags.static import static

from tests.factories.courses import build_tree

pytestmark = pytest.mark.django_db


def test_the_manifest_describes_an_installable_app(client, english):
    """Name, start, scope, standalone display, the theme colours and the three icons."""
    response = client.get("/manifest.webmanifest", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert data["name"] == "Ambassador Academy"
    assert data["short_name"] == "Academy"
    assert (data["start_url"], data["scope"], data["display"]) == ("/", "/", "standalone")
    assert (data["theme_color"], data["background_color"]) == ("#0b5d63", "#f4f7f7")
    assert {(icon["sizes"], icon.get("purpose", "any")) for icon in data["icons"]} == {
        ("192x192", "any"),
        ("512x512", "any"),
        ("512x512", "maskable"),
    }


def test_the_theme_colours_are_the_design_tokens():
    """The manifest's colours are site.css's --color-primary and --color-canvas."""
    from pathlib import Path

    from integrations.webapp import views

    css = Path("static/css/site.css").read_text()
    assert f"--color-primary: {views.THEME_COLOUR};" in css
    assert f"--color-canvas: {views.BACKGROUND_COLOUR};" in css


def test_every_page_links_the_manifest_and_registers_the_worker_from_a_file(client):
    """The manifest link, the theme colour and a script file (no inline script: the CSP)."""
    page = client.get("/accounts/login/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    assert '<meta name="theme-color" content="#0b5d63">' in page
    assert f'<script src="{static("js/webapp.js")}" defer></script>' in page
    assert "<script>" not in page


def test_the_service_worker_may_control_the_whole_site_and_is_never_stale(client):
    """Served from the root with Service-Worker-Allowed: /, no-cache, under the CSP, told
    which files to keep for the offline page."""
    response = client.get("/sw.js")
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    assert "script-src 'self'" in response["Content-Security-Policy"]
    source = response.content.decode()
    first_line = source.split("\n", 1)[0]
    config = json.loads(first_line.removeprefix("const ACADEMY = ").removesuffix(";"))
    assert config["offline"] == "/offline/"
    assert static("css/site.css") in config["files"]
    assert config["signOut"] == ["/accounts/logout/"]
    assert config["header"] == "X-Academy-Offline"
    assert 'addEventListener("push"' in source


def test_the_offline_page_says_so_and_names_no_one(client, english):
    """A page in the site's layout, in the reader's language, with what works offline."""
    response = client.get("/offline/", HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert "You are offline" in page
    assert "Lessons you opened on this device can be read without a connection." in page
    assert static("js/offline.js") in page


def test_a_lesson_is_marked_for_offline_reading_and_other_pages_are_not(client_for, employee):
    """The lesson page carries the mark the service worker keeps; the profile does not."""
    tree = build_tree()
    client = client_for(employee)
    response = client.get(tree.intro.url)
    assert response.status_code == 200
    assert response["X-Academy-Offline"] == "lesson"
    assert "X-Academy-Offline" not in client.get("/profile/")


def test_signing_out_tells_the_browser_to_drop_its_cache(client_for, employee):
    """Clear-Site-Data on sign-out: a shared device keeps nobody's pages."""
    response = client_for(employee).post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache"'
