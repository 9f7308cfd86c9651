"""The test IdP: a WSGI app on wsgiref around pysaml2's saml2.server.Server.

    GET  /metadata                 the IdP's metadata (SSO endpoint, signing certificate)
    GET  /sso/redirect?SAMLRequest=...&RelayState=...
                                   HTTP-Redirect binding: a small form asking for a user name
                                   (a signed request is verified: SigAlg and Signature)
    POST /sso/login                answers with an auto-posting form (HTTP-POST binding) that
                                   carries the SAMLResponse to the SP's ACS

The form's `mode` field makes it misbehave, for the refusal tests:
    normal          response and assertion signed (as ADFS with MessageAndAssertion)
    unsigned        nothing signed
    response-only   the response signed, the assertion not
    wrong-audience  the assertion is for another SP
    wrong-recipient Destination and Recipient name another address (posted to the ACS still)
    expired         made with the IdP's clock 20 minutes behind: its 5 minutes are over
    encrypted       the signed assertion encrypted to the SP's certificate (from its metadata)
    encrypted-unsigned  the same, the assertion inside not signed (the response is)

Environment: SAML_IDP_BASE (http://127.0.0.1:port), SAML_IDP_PORT, SAML_IDP_KEY and
SAML_IDP_CERT (PEM files), SAML_IDP_SP_METADATA (the SP's metadata file; read again when it
changes, so the test may write it after the IdP started).

By hand, next to `make run` (port 8000):

    SAML_IDP_SP_METADATA=/tmp/sp.xml .venv/bin/python -m tests.saml_idp   # port 8081
    SSO_PROVIDERS=dev SSO_DEV_PROTOCOL=saml \
      SSO_DEV_METADATA_URL=http://127.0.0.1:8081/metadata make run
    curl -o /tmp/sp.xml http://127.0.0.1:8000/sso/saml/dev/metadata/
    # then open http://127.0.0.1:8000/sso/saml/dev/login/
"""

from __future__ import annotations

import datetime as dt
import html
import os
import shutil
import tempfile
from contextlib import contextmanager, nullcontext
from pathlib import Path
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, make_server

import saml2.time_util
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.authn_context import PASSWORDPROTECTEDTRANSPORT
from saml2.config import IdPConfig
from saml2.metadata import entity_descriptor
from saml2.saml import NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server

CLAIMS = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/"
GROUPS = "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups"
WRONG_AUDIENCE = "https://elsewhere.example.org/saml/metadata/"
MODES = (
    "normal",
    "unsigned",
    "response-only",
    "wrong-audience",
    "wrong-recipient",
    "expired",
    "encrypted",
    "encrypted-unsigned",
)


_servers: dict[float, Server] = {}


def _server() -> Server:
    """The IdP, made again only when the SP's metadata file changed (loading takes ~150 ms)."""
    path = os.environ.get("SAML_IDP_SP_METADATA", "")
    changed = os.path.getmtime(path) if path and os.path.exists(path) else 0.0
    if changed not in _servers:
        _servers.clear()
        _servers[changed] = Server(config=_config())
    return _servers[changed]


def _config(*, want_signed_requests: bool = False) -> IdPConfig:
    base = os.environ["SAML_IDP_BASE"]
    sp_metadata = os.environ.get("SAML_IDP_SP_METADATA", "")
    config = {
        "entityid": f"{base}/metadata",
        "xmlsec_binary": shutil.which("xmlsec1"),
        "key_file": os.environ["SAML_IDP_KEY"],
        "cert_file": os.environ["SAML_IDP_CERT"],
        "service": {
            "idp": {
                "name": "Test IdP",
                "endpoints": {
                    "single_sign_on_service": [(f"{base}/sso/redirect", BINDING_HTTP_REDIRECT)]
                },
                "policy": {"default": {"lifetime": {"minutes": 5}}},
                "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                "want_authn_requests_signed": want_signed_requests,
            }
        },
        "metadata": (
            {"local": [sp_metadata]} if sp_metadata and os.path.exists(sp_metadata) else {}
        ),
    }
    loaded = IdPConfig()
    loaded.load(config)
    return loaded


def _page(body: str, status: str = "200 OK"):
    document = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Test IdP</title>"
        f"</head><body>{body}</body></html>"
    )
    return status, [("Content-Type", "text/html; charset=utf-8")], document.encode()


def _metadata(environ):
    xml = str(entity_descriptor(_config()))
    return "200 OK", [("Content-Type", "application/samlmetadata+xml")], xml.encode()


def _login_form(environ):
    query = parse_qs(environ.get("QUERY_STRING", ""))
    saml_request = query.get("SAMLRequest", [""])[0]
    relay_state = query.get("RelayState", [""])[0]
    # Refuse a request we cannot read now, as a real IdP would; a signed one must verify
    # against the certificate in the SP's metadata.
    signature = query.get("Signature", [""])[0]
    if signature:
        Server(config=_config(want_signed_requests=True)).parse_authn_request(
            saml_request,
            BINDING_HTTP_REDIRECT,
            relay_state=query["RelayState"][0] if "RelayState" in query else None,
            sigalg=query.get("SigAlg", [""])[0],
            signature=signature,
        )
    else:
        _server().parse_authn_request(saml_request, BINDING_HTTP_REDIRECT)
    verified = "<p>The request's signature is valid.</p>" if signature else ""
    options = "".join(f"<option>{mode}</option>" for mode in MODES)
    return _page(
        f"<h1>Test IdP</h1>{verified}<form method='post' action='/sso/login'>"
        f"<input type='hidden' name='SAMLRequest' value='{html.escape(saml_request)}'>"
        f"<input type='hidden' name='RelayState' value='{html.escape(relay_state)}'>"
        "<label>User name <input name='username' autocomplete='off'></label> "
        f"<label>Mode <select name='mode'>{options}</select></label> "
        "<button type='submit'>Sign in</button></form>"
    )


def _answer(environ):
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length).decode()
    form = {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}
    mode = form.get("mode", "normal")
    username = form.get("username", "sam").strip() or "sam"
    # A fresh one for the wrong audience: its policy is changed below.
    server = Server(config=_config()) if mode == "wrong-audience" else _server()
    request = server.parse_authn_request(form["SAMLRequest"], BINDING_HTTP_REDIRECT)
    args = server.response_args(request.message, [BINDING_HTTP_POST])
    acs = args["destination"]
    if mode == "wrong-recipient":
        args["destination"] = "https://elsewhere.example.org/saml/acs/"
    if mode == "wrong-audience":
        policy = server.config.getattr("policy", "idp")
        conditions = policy.conditions
        policy.conditions = lambda sp_entity_id: conditions(WRONG_AUDIENCE)
    groups = [g.strip() for g in form.get("groups", "academy-users").split(",") if g.strip()]
    identity = {
        CLAIMS + "emailaddress": [form.get("email", f"{username}@example.org")],
        CLAIMS + "givenname": [form.get("given_name", username.capitalize())],
        CLAIMS + "surname": [form.get("surname", "Tester")],
        CLAIMS + "department": [form.get("department", "Sales")],
        CLAIMS + "locale": [form.get("locale", "nl-NL")],
        GROUPS: groups,
    }
    signed = mode not in ("unsigned", "response-only", "encrypted-unsigned")
    with _clock_behind(20 * 60) if mode == "expired" else nullcontext():
        response = server.create_authn_response(
            identity,
            userid=username,
            name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=f"idp-{username}"),
            authn={"class_ref": PASSWORDPROTECTEDTRANSPORT, "authn_auth": "test-idp"},
            sign_assertion=signed,
            sign_response=mode != "unsigned",
            encrypt_assertion=mode.startswith("encrypted"),
            **args,
        )
    http = server.apply_binding(
        BINDING_HTTP_POST,
        str(response),
        acs,
        form.get("RelayState", ""),
        response=True,
    )
    # pysaml2's own page: a form that posts itself on load.
    return "200 OK", [("Content-Type", "text/html; charset=utf-8")], http["data"].encode()


@contextmanager
def _clock_behind(seconds: int):
    """pysaml2's clock (saml2.time_util) set back, as an IdP whose answer is long overdue."""
    real_time, real_datetime = saml2.time_util.time, saml2.time_util.datetime

    class Time:
        def __getattr__(self, name):
            return getattr(real_time, name)

        def gmtime(self, secs=None):
            return real_time.gmtime(real_time.time() - seconds if secs is None else secs)

        def time(self):
            return real_time.time() - seconds

    class Datetime(real_datetime):
        @classmethod
        def now(cls, tz=None):
            return real_datetime.now(tz) - dt.timedelta(seconds=seconds)

    saml2.time_util.time, saml2.time_util.datetime = Time(), Datetime
    try:
        yield
    finally:
        saml2.time_util.time, saml2.time_util.datetime = real_time, real_datetime


ROUTES = {
    ("GET", "/metadata"): _metadata,
    ("GET", "/sso/redirect"): _login_form,
    ("POST", "/sso/login"): _answer,
}


def app(environ, start_response):
    route = ROUTES.get((environ["REQUEST_METHOD"], environ.get("PATH_INFO", "")))
    if route is None:
        status, headers, body = _page("not here", "404 Not Found")
    else:
        try:
            status, headers, body = route(environ)
        except Exception as failure:  # noqa: BLE001  (a test server: say what went wrong)
            status, headers, body = _page(html.escape(repr(failure)), "400 Bad Request")
    start_response(status, [*headers, ("Content-Length", str(len(body)))])
    return [body]


class _Quiet(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


def main() -> None:
    port = int(os.environ.setdefault("SAML_IDP_PORT", "8081"))
    os.environ.setdefault("SAML_IDP_BASE", f"http://127.0.0.1:{port}")
    if not os.environ.get("SAML_IDP_KEY"):
        # By hand (see the module's docstring): a key for this run only.
        from .keys import key_pair

        key, cert = key_pair(Path(tempfile.mkdtemp(prefix="saml-idp-")), "idp")
        os.environ["SAML_IDP_KEY"], os.environ["SAML_IDP_CERT"] = str(key), str(cert)
    with make_server("127.0.0.1", port, app, handler_class=_Quiet) as httpd:
        httpd.serve_forever()
