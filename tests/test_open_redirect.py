"""No open redirect anywhere: hostile targets in every parameter that steers a redirect.

Every redirect the site makes from something a request carries is listed in REDIRECTS:
`next` on the site's and the CMS's sign-in and sign-out (after signing in, and when already
signed in), the language switch, acknowledging a guideline, an action in the CMS's page
tree, the sign-in redirect of a protected page, the request path itself (slash appending),
plus two redirects to stored addresses: opening a notification and the tracked link
`/s/<code>`. Each is fed every target in TARGETS, the way its view reads it (form field or
query string), and the Location header must stay on this site as a browser reads it.

A local target is followed at every point that honours `next` (the positive control), so
these tests fail if a check is removed, and not only if every `next` is ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.db import DataError, IntegrityError, transaction
from django.test import Client

from ambassadors import services
from ambassadors.models import Notification
from ambassadors.roles import Role
from core import provisioning
from sharing.models import Share
from tests.factories import PASSWORD, make_user
from tests.factories.guidelines import build_guidelines
from tests.factories.sharing import make_item

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

HOST = "testserver"

# Hostile targets: other hosts in every spelling a browser accepts, script and data URLs,
# and encodings that a careless check decodes differently than a browser does.
TARGETS = [
    "//evil.example",
    "//evil.example/",
    "//evil-example",
    "///evil.example",
    "////evil.example/path",
    "/\\evil.example",
    "\\/evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "\\\\/evil.example",
    "///\\evil.example",
    "http://evil.example",
    "https://evil.example/",
    "HTTPS://EVIL.EXAMPLE/",
    "http:evil.example",
    "https:evil.example",
    "https:/evil.example",
    "https:\\\\evil.example",
    "http:/\\evil.example",
    "https://evil.example:443/login",
    "ftp://evil.example/",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(document.domain)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\x01javascript:alert(1)",
    " javascript:alert(1)",
    "javascript://%0aalert(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "%2F%2Fevil.example",
    "%2f%2fevil.example",
    "/%2F/evil.example",
    "%5C%5Cevil.example",
    "/%5Cevil.example",
    "%2F%5Cevil.example",
    "%252F%252Fevil.example",
    " //evil.example",
    "\t//evil.example",
    "\n//evil.example",
    "\r\n//evil.example",
    "\x00//evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "htt\tps://evil.example",
    "https://evil.example ",
    f"https://{HOST}@evil.example/",
    f"https://{HOST}:443@evil.example/",
    f"https://{HOST}%40evil.example/",
    f"https://evil.example\\@{HOST}/",
    f"https://evil.example#@{HOST}/",
    f"https://evil.example?@{HOST}/",
    f"//evil.example\\@{HOST}",
    f"https://{HOST}.evil.example/",
    f"https://evil.example/{HOST}/",
    f"https://evil.example/?next=https://{HOST}/",
    "https://ｅｖｉｌ.example/",  # fullwidth letters, NFKC-folded by browsers
    "https://evil。example/",  # ideographic full stop
    "https://еvil.example/",  # Cyrillic е
    "https://xn--vil-8cd.example/",
    "//ｅｖｉｌ.example",
    "／／evil.example",  # fullwidth solidus: a relative path for a browser, stays here
    "https://[::ffff:203.0.113.9]/",
    "http://203.0.113.9/",
    "http://3405803785/",
    "//0xcb.0x0.0x71.0x9",
]

# A local target that must be followed wherever `next` is honoured.
LOCAL = "/profile/?tab=networks"

C0_AND_SPACE = "".join(chr(code) for code in range(0x21))


def browser_destination(location: str) -> str | None:
    """Where a browser goes for this Location: None when it stays on this site, else the
    reason. Normalised as browsers do: strip leading and trailing C0 controls and spaces,
    drop tabs and newlines anywhere, read backslashes as slashes."""
    value = location.strip(C0_AND_SPACE)
    value = re.sub(r"[\t\n\r]", "", value).replace("\\", "/")
    if value.startswith("//"):
        return "scheme-relative URL"
    parts = urlsplit(value)
    if parts.scheme:
        if parts.scheme.lower() not in ("http", "https"):
            return f"scheme {parts.scheme}"
        if parts.hostname != HOST:
            return f"host {parts.hostname!r}"
        return None
    if parts.netloc:
        return f"host {parts.netloc!r}"
    return None


def test_the_check_itself_catches_what_browsers_follow():
    """The normalisation above is the yardstick; it must see these as leaving the site."""
    for location in (
        "//evil.example",
        "/\\evil.example",
        " \t//evil.example",
        "https:evil.example",
        "java\tscript:alert(1)",
        f"https://{HOST}@evil.example/",
        f"http://evil.example\\@{HOST}/",
        "HTTP://EVIL.EXAMPLE",
    ):
        assert browser_destination(location) is not None, location
    for location in ("/profile/", "?page=2", f"http://{HOST}/path/", "%2F%2Fevil.example"):
        assert browser_destination(location) is None, location


# --- the redirect points ----------------------------------------------------------------


@dataclass
class Redirect:
    """One place where a request steers a redirect: `send(target)` makes the request and
    returns the response; `honours_next` says whether a local target must be followed."""

    id: str
    send: Callable
    honours_next: bool = True


def _site_login(where: str) -> Callable:
    user = make_user(Role.EMPLOYEE, language="en")

    def send(target):
        client = Client()
        data = {"username": user.username, "password": PASSWORD}
        if where == "form":
            return client.post("/accounts/login/", {**data, "next": target})
        return client.post("/accounts/login/", data, query_params={"next": target})

    return send


def _signed_in() -> Client:
    client = Client()
    client.force_login(make_user(Role.EMPLOYEE, language="en"))
    return client


def build_redirects() -> list[Redirect]:
    """Made inside a test (they need the database)."""
    cms_user = make_user(Role.EMPLOYEE, Role.COMMS, language="en")
    administrator = make_user(Role.ADMIN, superuser=True, joined=False)
    guidelines = build_guidelines()
    home = provisioning.wagtail_site_ensure()

    def signed_in_login(target):
        return _signed_in().get("/accounts/login/", {"next": target})

    def logout(where):
        def send(target):
            client = _signed_in()
            if where == "form":
                return client.post("/accounts/logout/", {"next": target})
            return client.post("/accounts/logout/", query_params={"next": target})

        return send

    language_client = _signed_in()

    def language(client):
        return lambda target: client.post("/language/", {"language": "en", "next": target})

    reader = _signed_in()

    def acknowledge(target):
        return reader.post(guidelines.main.url, {"version": "1", "read": "yes", "next": target})

    def cms_login(target):
        return Client().post(
            "/cms/login/",
            {"username": cms_user.username, "password": PASSWORD, "next": target},
        )

    cms_client = Client()
    cms_client.force_login(cms_user)

    def cms_signed_in_login(target):
        return cms_client.get("/cms/login/", {"next": target})

    def cms_logout(target):
        client = Client()
        client.force_login(cms_user)
        return client.post("/cms/logout/", {"next": target})

    admin_client = Client()
    admin_client.force_login(administrator)

    def cms_page_action(target):
        admin_client.post(f"/cms/pages/{home.pk}/unlock/")
        return admin_client.post(f"/cms/pages/{home.pk}/lock/", {"next": target})

    def protected_page(target):
        return Client().get("/missions/", {"next": target})

    return [
        Redirect("login: next in the form", _site_login("form")),
        Redirect("login: next in the query", _site_login("query")),
        Redirect("login: already signed in, next in the query", signed_in_login),
        Redirect("logout: next in the form", logout("form")),
        Redirect("logout: next in the query", logout("query")),
        Redirect("language switch: anonymous", language(Client())),
        Redirect("language switch: signed in", language(language_client)),
        Redirect("guideline acknowledge: next", acknowledge),
        Redirect("CMS login: next in the form", cms_login),
        Redirect("CMS login: already signed in", cms_signed_in_login),
        Redirect("CMS logout: next in the form", cms_logout),
        Redirect("CMS page action (lock): next", cms_page_action),
        Redirect("protected page: sign-in redirect", protected_page, honours_next=False),
    ]


def _check(response) -> str | None:
    """None when the response is acceptable for a hostile target, else what went wrong."""
    if response.status_code >= 500:
        return f"server error {response.status_code}"
    location = response.headers.get("Location")
    if location is None:
        return None  # not a redirect (a page, or Django refusing an unsafe scheme)
    problem = browser_destination(location)
    return f"{problem}: Location {location!r}" if problem else None


def test_no_parameter_redirects_off_site():
    """Every hostile target at every point stays on this site; local targets are followed."""
    redirects = build_redirects()
    failures = []
    for point in redirects:
        for target in TARGETS:
            try:
                problem = _check(point.send(target))
            except Exception as error:  # noqa: BLE001 - a crash is a finding too; keep going
                problem = f"raised {error!r}"
            if problem:
                failures.append(f"{point.id} ← {target!r}: {problem}")
        if point.honours_next:
            response = point.send(LOCAL)
            if response.headers.get("Location") != LOCAL:
                failures.append(
                    f"{point.id}: local next not followed "
                    f"({response.status_code} {response.headers.get('Location')!r})"
                )
    assert not failures, "\n".join(failures)
    assert len(TARGETS) >= 40
    assert len(redirects) == 13


def test_the_request_path_never_becomes_an_off_site_redirect(client):
    """Slash appending and the language prefix redirect on the path; a path that starts
    like another host must not come back as one."""
    failures = []
    paths = sorted({"/" + target.lstrip("/") for target in TARGETS} | set(TARGETS))
    for path in paths:
        for variant in (path, path.rstrip("/"), path + "/missions", "/accounts/login" + path):
            environ_path = variant.encode().decode("latin-1")
            if not environ_path.startswith("/"):
                continue
            response = client.get("/", PATH_INFO=environ_path)
            problem = _check(response)
            if problem:
                failures.append(f"path {variant!r}: {problem}")
    # The path really is the one sent: a missing slash is appended, on this site.
    assert client.get("/", PATH_INFO="/accounts/login")["Location"] == "/accounts/login/"
    # Slash appending with a query keeps `next` a parameter of our own login page.
    response = client.get("/accounts/login", {"next": "//evil.example"})
    assert response.status_code in (301, 302)
    assert response["Location"].startswith("/accounts/login/?")
    assert not failures, "\n".join(failures)


# --- stored addresses -------------------------------------------------------------------


def test_notification_links_are_local_paths_and_opening_one_never_leaves_the_site():
    """A notification's link is written by the platform, never by a user. `notify()` and a
    database constraint refuse links that are not local paths; whatever gets past both is
    checked again when the notification is opened, and is not followed off-site."""
    user = make_user(Role.EMPLOYEE, language="en")
    client = Client()
    client.force_login(user)
    failures, stored = [], []
    for number, target in enumerate(TARGETS):
        local_path = target.startswith("/") and not target.startswith("//")
        try:
            stored.append(
                services.notify(
                    recipient=user,
                    kind="test",
                    key=f"n{number}",
                    subject="x",
                    link=target,
                    email=False,
                )
            )
        except ValueError:
            pass
        else:
            assert local_path, target  # notify() lets only local-looking paths through
        try:
            with transaction.atomic():
                stored.append(
                    Notification.objects.create(
                        recipient=user, kind="test", idempotency_key=f"raw{number}", link=target
                    )
                )
        except (IntegrityError, DataError):  # PostgreSQL refuses NUL in text outright
            assert not local_path or "\x00" in target, target
        else:
            assert local_path, target  # the constraint refuses everything else
    for notification in stored:
        response = client.post(f"/notifications/{notification.pk}/open/")
        problem = _check(response)
        if problem:
            failures.append(f"{notification.link!r}: {problem}")
    assert not failures, "\n".join(failures)
    assert stored  # some hostile paths do reach the view, and it holds
    local = Notification.objects.create(
        recipient=user, kind="test", idempotency_key="ok", link=LOCAL
    )
    assert client.post(f"/notifications/{local.pk}/open/")["Location"] == LOCAL


def test_tracked_link_goes_only_to_the_stored_target():
    """`/s/<code>` sends the visitor to the item's stored address (off-site by design: the
    article being shared) with UTM parameters; nothing in the request changes where."""
    item = make_item(language="en", url="https://news.example/article?ref=home")
    share = Share.objects.create(
        user=make_user(Role.EMPLOYEE), item=item, network="linkedin", text="x"
    )
    client = Client()
    expected = client.get(f"/s/{share.code}")["Location"]
    assert expected.startswith("https://news.example/article?ref=home&utm_source=linkedin")
    for target in TARGETS:
        for name in ("next", "url", "to", "target", "redirect", "return_to", "u"):
            response = client.get(f"/s/{share.code}", {name: target})
            assert response["Location"] == expected, (name, target)
        response = client.get(f"/s/{share.code}", HTTP_REFERER=target, HTTP_HOST=HOST)
        assert response["Location"] == expected
    # Codes that look like addresses are not codes.
    for code in ("evil.example", "%2F%2Fevil.example", "..%2F..%2Fx", "a" * 17):
        assert client.get(f"/s/{code}").status_code == 404
