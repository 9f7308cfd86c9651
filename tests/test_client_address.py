"""The client's address behind the trusted proxies (core/client_address.py): how it is read,
and what it changes for sign-in throttling, password resets and tracked links."""

import pytest
from django.core import mail
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, override_settings

from core.client_address import resolve, trusted_proxies
from sharing.models import Click, Share
from tests.factories import PASSWORD
from tests.factories.sharing import make_item

PROXY = "10.0.0.5"
TRUSTED = ["10.0.0.5", "192.168.7.0/24", "2001:db8:f00d::/48"]


def _client(header: str, peer: str = PROXY, trusted=TRUSTED) -> str:
    return resolve(peer=peer, forwarded_for=header, trusted=trusted_proxies(trusted))


@pytest.mark.parametrize(
    ("peer", "header", "trusted", "expected"),
    [
        # No proxy trusted (the default): the peer, whatever the header says.
        ("203.0.113.7", "198.51.100.1", [], "203.0.113.7"),
        (PROXY, "198.51.100.1", [], PROXY),
        # A peer that is not one of our proxies sends its own header: ignored.
        ("203.0.113.7", "198.51.100.1", TRUSTED, "203.0.113.7"),
        # Our proxy, the client it saw.
        (PROXY, "203.0.113.7", TRUSTED, "203.0.113.7"),
        # The client sent a header of its own; our proxy appended the real address.
        (PROXY, "127.0.0.1, 198.51.100.1, 203.0.113.7", TRUSTED, "203.0.113.7"),
        # A chain of proxies: the trusted hops are skipped from the right.
        (PROXY, "198.51.100.1, 203.0.113.7, 192.168.7.20, 192.168.7.21", TRUSTED, "203.0.113.7"),
        # Our proxy without X-Forwarded-For (a misconfigured proxy): the proxy itself.
        (PROXY, "", TRUSTED, PROXY),
        # Every entry a proxy of ours: the left-most.
        (PROXY, "192.168.7.20, 192.168.7.21", TRUSTED, "192.168.7.20"),
        # IPv6: trusted network, client address, brackets, ports, normalised spelling.
        ("2001:db8:f00d::1", "2001:DB8:0:0::7", TRUSTED, "2001:db8::7"),
        (PROXY, "[2001:db8::7]", TRUSTED, "2001:db8::7"),
        (PROXY, "[2001:db8::7]:443", TRUSTED, "2001:db8::7"),
        (PROXY, "203.0.113.7:5678", TRUSTED, "203.0.113.7"),
        # IPv4-mapped IPv6 is the IPv4 address, for the peer and the entries alike.
        ("::ffff:10.0.0.5", "::ffff:203.0.113.7", TRUSTED, "203.0.113.7"),
        ("::ffff:203.0.113.7", "198.51.100.1", TRUSTED, "203.0.113.7"),
        # Not an address: the walk stops at the last trusted hop, never an invented address.
        (PROXY, "unknown", TRUSTED, PROXY),
        (PROXY, "203.0.113.7, <script>, 192.168.7.20", TRUSTED, "192.168.7.20"),
        (PROXY, "203.0.113.7, , 192.168.7.20", TRUSTED, "192.168.7.20"),
        (PROXY, "203.0.113.7:http", TRUSTED, PROXY),
        (PROXY, "[2001:db8::7", TRUSTED, PROXY),
        (PROXY, "300.1.2.3", TRUSTED, PROXY),
        # ... but garbage left of the client (written by the client) changes nothing.
        (PROXY, "unknown, 203.0.113.7", TRUSTED, "203.0.113.7"),
        # A peer that is no address at all (a Unix socket) is kept as it is.
        ("", "203.0.113.7", TRUSTED, ""),
    ],
)
def test_the_client_address_is_the_right_most_untrusted_entry(peer, header, trusted, expected):
    """Only what our own proxies wrote is read, from the right; see the comments per row."""
    assert _client(header, peer=peer, trusted=trusted) == expected


@pytest.mark.parametrize("entry", ["10.0.0.300", "proxy.internal", "10.0.0.1/8", "10.0.0.0/33"])
def test_a_malformed_trusted_proxy_is_a_clear_error(entry):
    """A typo in TRUSTED_PROXIES stops start-up and names the entry."""
    with pytest.raises(ImproperlyConfigured, match=f"TRUSTED_PROXIES: '{entry}' is not"):
        trusted_proxies(["10.0.0.5", entry])


def test_the_system_check_reports_a_malformed_trusted_proxy(settings):
    """`manage.py check` names the bad entry; sane values pass."""
    settings.ACADEMY_TRUSTED_PROXIES = ["10.0.0.5", "2001:db8::/32"]
    assert [error.id for error in run_checks() if error.id == "core.E001"] == []
    settings.ACADEMY_TRUSTED_PROXIES = ["10.0.0.5", "nginx"]
    errors = [error for error in run_checks() if error.id == "core.E001"]
    assert len(errors) == 1
    assert "'nginx' is not an IP address or network" in errors[0].msg


def test_the_middleware_refuses_to_start_with_a_malformed_trusted_proxy(settings):
    """A web process with a bad TRUSTED_PROXIES fails when it loads, not on a request."""
    from core.middleware import ClientAddressMiddleware

    settings.ACADEMY_TRUSTED_PROXIES = ["10.0.0.5;10.0.0.6"]
    with pytest.raises(ImproperlyConfigured, match="10.0.0.5;10.0.0.6"):
        ClientAddressMiddleware(lambda request: None)


# Behaviour through the real pages, as the documented proxy passes requests on.

LOGIN = "/accounts/login/"
RESET = "/accounts/password/reset/"


@pytest.fixture
def behind_proxy(settings):
    settings.ACADEMY_TRUSTED_PROXIES = [PROXY]


def _through_proxy(client_address: str, sent_by_client: str = "") -> dict:
    """What the proxy passes on: its own address as the peer, the client's appended."""
    forwarded = f"{sent_by_client}, {client_address}" if sent_by_client else client_address
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded, "HTTP_ACCEPT_LANGUAGE": "en"}


def _sign_in(client, username, password, **through):
    return client.post(LOGIN, {"username": username, "password": password}, **through)


@pytest.mark.django_db
@pytest.mark.usefixtures("behind_proxy")
def test_failed_sign_ins_of_one_client_do_not_lock_out_another_behind_the_proxy(
    settings, other_employee
):
    """30 failures from client A (the address limit) block A; client B, through the same
    proxy, signs in (it used to share the proxy's address and be locked out too)."""
    assert settings.ACADEMY_LOGIN_FAILURES_PER_ADDRESS == 30
    attacker = Client()
    for number in range(30):
        _sign_in(attacker, f"guess{number}", "wrong-password", **_through_proxy("203.0.113.7"))
    blocked = _sign_in(attacker, other_employee.username, PASSWORD, **_through_proxy("203.0.113.7"))
    assert "Too many failed attempts to sign in" in blocked.content.decode()
    assert "_auth_user_id" not in attacker.session

    colleague = Client()
    _sign_in(colleague, other_employee.username, PASSWORD, **_through_proxy("198.51.100.2"))
    assert int(colleague.session["_auth_user_id"]) == other_employee.pk


@pytest.mark.django_db
@pytest.mark.usefixtures("behind_proxy")
def test_a_client_cannot_pick_its_address_with_its_own_header(settings, other_employee):
    """A client that sends X-Forwarded-For with a new address each time is still counted at
    its own address, through the proxy and directly."""
    settings.ACADEMY_LOGIN_FAILURES_PER_ADDRESS = 3
    attacker = Client()
    for number in range(3):
        _sign_in(
            attacker,
            f"guess{number}",
            "wrong-password",
            **_through_proxy("203.0.113.7", sent_by_client=f"198.51.100.{number}"),
        )
    forged = _through_proxy("203.0.113.7", sent_by_client="198.51.100.99")
    response = _sign_in(attacker, other_employee.username, PASSWORD, **forged)
    assert "Too many failed attempts to sign in" in response.content.decode()

    # Straight to the web process, not through the proxy: the header counts for nothing.
    direct = Client()
    for number in range(3):
        _sign_in(
            direct,
            f"other{number}",
            "wrong-password",
            REMOTE_ADDR="203.0.113.50",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{number}",
            HTTP_ACCEPT_LANGUAGE="en",
        )
    response = _sign_in(
        direct,
        other_employee.username,
        PASSWORD,
        REMOTE_ADDR="203.0.113.50",
        HTTP_X_FORWARDED_FOR="198.51.100.98",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Too many failed attempts to sign in" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.usefixtures("behind_proxy")
def test_password_resets_are_limited_per_client_behind_the_proxy(settings, employee):
    """Many reset requests from one client queue no more e-mails than the limits allow; a
    second client behind the same proxy is counted apart and still gets its e-mail."""
    settings.ACADEMY_PASSWORD_RESETS_PER_ACCOUNT = 3
    settings.ACADEMY_PASSWORD_RESETS_PER_ADDRESS = 5
    client = Client()
    answers = [
        client.post(RESET, {"email": employee.email}, **_through_proxy("203.0.113.7"))
        for _ in range(20)
    ]
    assert len(mail.outbox) == 3  # the account's limit, not one per POST
    assert all(answer.status_code == 302 for answer in answers[:5])
    assert "Too many password resets were asked for from your network" in (
        answers[-1].content.decode()
    )

    settings.ACADEMY_PASSWORD_RESETS_PER_ACCOUNT = 10  # so only the address limit speaks
    other = Client()
    response = other.post(RESET, {"email": employee.email}, **_through_proxy("198.51.100.2"))
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert len(mail.outbox) == 4


@pytest.mark.django_db
@pytest.mark.usefixtures("behind_proxy")
def test_two_clients_behind_the_proxy_are_two_unique_visitors(client_for, employee):
    """Clicks on a tracked link from two people behind the proxy count as two visitors;
    the same person twice is one, whatever header it adds itself."""
    share = Share.objects.create(user=employee, item=make_item(), network="linkedin", text="x")
    visitor = Client()
    for through in (
        _through_proxy("203.0.113.7"),
        _through_proxy("198.51.100.2"),
        _through_proxy("203.0.113.7", sent_by_client="192.0.2.44"),
    ):
        response = visitor.get(f"/s/{share.code}", HTTP_USER_AGENT="Mozilla/5.0", **through)
        assert response.status_code == 302
    assert Click.objects.values("visitor").distinct().count() == 2
    row = client_for(employee).get("/share/reach/").context["rows"][0]
    assert (row.clicks, row.visitors) == (3, 2)


@pytest.mark.django_db
@pytest.mark.usefixtures("behind_proxy")
def test_every_reader_of_remote_addr_gets_the_client(rf):
    """The middleware puts the client in REMOTE_ADDR and keeps the proxy apart."""
    from core.client_address import PEER_ADDRESS, client_address
    from core.middleware import ClientAddressMiddleware

    seen = {}

    def view(request):
        seen.update(request.META)
        seen["asked"] = client_address(request)

    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.7")
    ClientAddressMiddleware(view)(request)
    assert (seen["REMOTE_ADDR"], seen[PEER_ADDRESS], seen["asked"]) == (
        "203.0.113.7",
        PROXY,
        "203.0.113.7",
    )


@pytest.mark.django_db
@override_settings(
    ALLOWED_HOSTS=["academy.example.org"],
    SECURE_SSL_REDIRECT=True,
    SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
    ACADEMY_TRUSTED_PROXIES=["127.0.0.1"],
)
def test_a_proxy_on_the_same_machine_does_not_make_outside_requests_local():
    """The container's health check (loopback, no header) is still answered before the host
    check; an outside client passed on by a proxy on this machine is not local."""
    machine = Client(REMOTE_ADDR="127.0.0.1")
    assert machine.get("/healthz/", HTTP_HOST="127.0.0.1:8000").status_code == 200
    outside = machine.get(
        "/healthz/", HTTP_HOST="127.0.0.1:8000", HTTP_X_FORWARDED_FOR="203.0.113.9"
    )
    assert outside.status_code == 400


def test_an_untrusted_proxy_is_logged_once(rf, caplog):
    """A private address that sends X-Forwarded-For without being trusted is most likely the
    site's own proxy, forgotten: the log says so once, and the header is still ignored."""
    from core.middleware import ClientAddressMiddleware

    middleware = ClientAddressMiddleware(lambda request: request.META["REMOTE_ADDR"])
    with caplog.at_level("WARNING", logger="core.middleware"):
        for _ in range(3):
            request = rf.get("/", REMOTE_ADDR="172.18.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
            assert middleware(request) == "172.18.0.1"
        # A public address with the header (anyone can send it) is not worth a line.
        ClientAddressMiddleware(lambda request: None)(
            rf.get("/", REMOTE_ADDR="8.8.8.8", HTTP_X_FORWARDED_FOR="203.0.113.7")
        )
    assert [record.getMessage()[:60] for record in caplog.records] == [
        "X-Forwarded-For from 172.18.0.1 is ignored: that address is "
    ]
