"""SAML 2.0 sign-in (ADFS and older IdPs), on pysaml2: one service provider per connection.

A round trip, and where each check is made:

1. `authn_request_start()` (login view): an AuthnRequest to the IdP (HTTP-Redirect binding,
   signed when the SP has a key). Its id is kept as a `SamlRequest` row, and in the
   browser's session.
2. `authn_response_verify()` (ACS, the IdP's cross-site POST): pysaml2 checks the signature
   on the assertion (required; unsigned is refused), the audience (our entity id), the
   destination and recipient (our ACS URL), the time window (with ACCEPTED_TIME_DIFF of
   skew) and that InResponseTo is an outstanding request of this connection (no unsolicited
   answers). `answer_record()` then refuses an assertion that was used before
   (`UsedAssertion`: in any session, on any web process) and parks the verified answer on
   the request's row.
3. `answer_take()` (the browser comes back with its session): only the session that sent the
   request can take its answer, so an answer posted into someone else's browser (login CSRF)
   signs nobody in.

The outstanding requests live in the database, not in the session, because the session
cookie is SameSite=Lax: the browser does not send it with the IdP's cross-site POST. The ACS
therefore verifies without the session and redirects (303, a top-level GET, which does carry
the cookie) to the finish step, which checks the session. djangosaml2 keeps them in a second
cookie with SameSite=None instead, which needs HTTPS and a middleware on every request, and
its views assume one global SP configuration; so this module calls pysaml2 directly.
"""

from __future__ import annotations

import base64
import binascii
import calendar
import datetime as dt
import hashlib
import logging
import shutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.client import Saml2Client
from saml2.config import SPConfig
from saml2.metadata import entity_descriptor
from saml2.response import StatusError, UnsolicitedResponse
from saml2.saml import SCM_BEARER
from saml2.samlp import response_from_string
from saml2.sigver import MissingKey, SignatureError
from saml2.time_util import str_to_time
from saml2.validate import ResponseLifetimeExceed, ToEarly
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

from core import outbound
from core.errors import Refusal

from .models import SamlRequest, UsedAssertion
from .providers import Provider

logger = logging.getLogger("identity.saml")

# How long an AuthnRequest waits for its answer (and the answer for its browser).
REQUEST_SECONDS = 10 * 60
SESSION_KEY = "academy_saml_requests"
# A federation's metadata (many IdPs) can be large; one ADFS's is ~100 KB.
METADATA_BYTES = 10_000_000

ERROR_UNKNOWN_CONNECTION = gettext_lazy(
    "This sign-in connection does not exist. Go back to the sign-in page and choose your "
    "organisation's button."
)
ERROR_UNAVAILABLE = gettext_lazy(
    "Your organisation's sign-in cannot be reached right now. Try again in a few minutes. "
    "If it keeps happening, tell your IT department."
)
ERROR_UNREADABLE = gettext_lazy(
    "The answer from your organisation's sign-in could not be read. Go back to the sign-in "
    "page and try again."
)
ERROR_NOT_SIGNED = gettext_lazy(
    "The answer from your organisation's sign-in was not signed correctly, so we cannot "
    "trust it. Ask your IT department to check the connection: the assertion must be signed."
)
ERROR_NOT_FOR_US = gettext_lazy(
    "The answer from your organisation's sign-in was meant for another site. Ask your IT "
    "department to check the connection's addresses."
)
ERROR_EXPIRED = gettext_lazy(
    "The answer from your organisation's sign-in has expired or is not valid yet. Go back to "
    "the sign-in page and log in again. If it keeps happening, a clock may be wrong: tell "
    "your IT department."
)
ERROR_UNSOLICITED = gettext_lazy(
    "We did not ask for this sign-in, or it took too long. Go back to the sign-in page and "
    "start again."
)
ERROR_REPLAYED = gettext_lazy(
    "This answer from your organisation's sign-in was used before. Go back to the sign-in "
    "page and log in again."
)
ERROR_IDP_SAID_NO = gettext_lazy(
    "Your organisation's sign-in did not sign you in. Try again, or ask your IT department "
    "for help."
)
ERROR_OTHER_BROWSER = gettext_lazy(
    "Your sign-in started in another browser or took too long. Go back to the sign-in page "
    "and start again in this browser."
)


class SamlRefused(Refusal):
    """The IdP's answer (or the way it came) cannot sign anyone in; `reason` is for the log."""

    def __init__(self, message, reason: str, status: int = 403):
        super().__init__(message)
        self.reason = reason
        self.status = status


class MetadataUnavailable(Exception):
    """The IdP's metadata could not be fetched and no earlier copy is kept."""


@dataclass(frozen=True)
class Answer:
    """A verified assertion: who, what the IdP says about them, and for which request."""

    request_id: str
    assertion_id: str
    subject: str
    attributes: dict[str, list[str]]
    expires_at: dt.datetime


# --- addresses ------------------------------------------------------------------------------


def _absolute(path: str) -> str:
    # SITE_URL, not the request's Host header: these addresses are in the IdP's configuration.
    return settings.SITE_URL + path


def acs_url(provider: Provider) -> str:
    return _absolute(reverse("identity:saml-acs", args=[provider.slug]))


def metadata_url(provider: Provider) -> str:
    return _absolute(reverse("identity:saml-metadata", args=[provider.slug]))


def sp_entity_id(provider: Provider) -> str:
    """Our entity id at this IdP: SSO_<SLUG>_ENTITY_ID, else our metadata's address."""
    return provider.option("entity_id") or metadata_url(provider)


# --- configuration --------------------------------------------------------------------------


def metadata_cache_key(url: str) -> str:
    """The fresh copy's cache key; the copy kept for outages has ":stale" appended."""
    return "identity:saml-metadata:" + hashlib.sha256(url.encode()).hexdigest()


def idp_metadata(provider: Provider) -> str:
    """The IdP's metadata XML: from SSO_<SLUG>_METADATA_FILE, or fetched from
    SSO_<SLUG>_METADATA_URL and kept in the cache for SAML_METADATA_REFRESH_SECONDS (an older
    copy is used while the IdP cannot be reached)."""
    path = provider.option("metadata_file")
    if path:
        return Path(path).read_text(encoding="utf-8")
    url = provider.required("metadata_url")
    key = metadata_cache_key(url)
    fresh = cache.get(key)
    if fresh is not None:
        return fresh
    try:
        xml = outbound.fetch_configured(
            url, accept="application/samlmetadata+xml, application/xml", max_bytes=METADATA_BYTES
        ).content.decode("utf-8")
    except (outbound.OutboundError, UnicodeDecodeError) as failure:
        stale = cache.get(key + ":stale")
        if stale is None:
            raise MetadataUnavailable(f"{url}: {failure}") from failure
        logger.warning("SAML %s: metadata not fetched (%s); using the copy kept", url, failure)
        return stale
    cache.set(key, xml, settings.ACADEMY_SAML_METADATA_REFRESH_SECONDS)
    cache.set(key + ":stale", xml, None)
    return xml


def sp_signs() -> bool:
    return bool(settings.ACADEMY_SAML_SP_KEY_FILE and settings.ACADEMY_SAML_SP_CERT_FILE)


def sp_config(provider: Provider, *, with_idp: bool = True) -> SPConfig:
    """pysaml2's configuration of our SP for this connection."""
    sp = {
        "name": provider.name,
        "endpoints": {"assertion_consumer_service": [(acs_url(provider), BINDING_HTTP_POST)]},
        "allow_unsolicited": False,
        "want_assertions_signed": True,
        "want_response_signed": False,
        "authn_requests_signed": sp_signs(),
        "only_use_keys_in_metadata": True,
        # No NameIDPolicy format: the IdP's own rule decides (ADFS refuses one it cannot meet).
        "name_id_format_allow_create": True,
    }
    if provider.option("idp_entity_id"):
        sp["idp"] = [provider.option("idp_entity_id")]
    config = {
        "entityid": sp_entity_id(provider),
        "xmlsec_binary": shutil.which("xmlsec1"),
        "accepted_time_diff": settings.ACADEMY_SAML_ACCEPTED_TIME_DIFF,
        "allow_unknown_attributes": True,
        "service": {"sp": sp},
        "metadata": {"inline": [idp_metadata(provider)]} if with_idp else {},
    }
    if sp_signs():
        key, cert = settings.ACADEMY_SAML_SP_KEY_FILE, settings.ACADEMY_SAML_SP_CERT_FILE
        config["key_file"], config["cert_file"] = key, cert
        config["encryption_keypairs"] = [{"key_file": key, "cert_file": cert}]
    loaded = SPConfig()
    loaded.load(config)
    return loaded


def sp_metadata(provider: Provider) -> str:
    """Our SP metadata for this connection, to give the IdP (entity id, ACS, certificate)."""
    return str(entity_descriptor(sp_config(provider, with_idp=False)))


def _idp_entity_id(client: Saml2Client, provider: Provider) -> str:
    wanted = provider.option("idp_entity_id")
    found = list(client.metadata.identity_providers())
    if wanted:
        if wanted not in found:
            raise MetadataUnavailable(f"{wanted} is not in the IdP's metadata")
        return wanted
    if len(found) != 1:
        raise MetadataUnavailable(
            f"the metadata lists {len(found)} IdPs: set SSO_<SLUG>_IDP_ENTITY_ID"
        )
    return found[0]


# --- 1. the request -------------------------------------------------------------------------


def authn_request_start(*, provider: Provider, session, relay_state: str = "") -> str:
    """A new AuthnRequest to the connection's IdP: returns the address to send the browser to.

    Raises MetadataUnavailable when the IdP's metadata cannot be had.
    """
    client = Saml2Client(sp_config(provider))
    options = {"sigalg": SIG_RSA_SHA256, "digest_alg": DIGEST_SHA256} if sp_signs() else {}
    request_id, info = client.prepare_for_authenticate(
        entityid=_idp_entity_id(client, provider),
        binding=BINDING_HTTP_REDIRECT,
        relay_state=relay_state,
        sign=sp_signs(),
        **options,
    )
    SamlRequest.objects.create(
        connection=provider.slug,
        request_id=request_id,
        expires_at=timezone.now() + dt.timedelta(seconds=REQUEST_SECONDS),
    )
    # The last few requests of this browser (two tabs may sign in at once).
    session[SESSION_KEY] = [*session.get(SESSION_KEY, [])[-4:], request_id]
    return dict(info["headers"])["Location"]


# --- 2. the answer --------------------------------------------------------------------------


class _Outstanding(Mapping):
    """This connection's requests still waiting, as pysaml2's `outstanding` dict (id → where
    the person came from), read from the database one id at a time."""

    def __init__(self, provider: Provider):
        self.provider = provider
        self.seen: dict[str, str] = {}

    def __getitem__(self, request_id: str) -> str:
        if request_id not in self.seen:
            found = SamlRequest.objects.filter(
                connection=self.provider.slug,
                request_id=str(request_id),
                expires_at__gt=timezone.now(),
            ).exists()
            if not found:
                raise KeyError(request_id)
            self.seen[request_id] = ""
        return self.seen[request_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self.seen)

    def __len__(self) -> int:
        return 1  # never empty: pysaml2 replaces an empty mapping with {}

    def __repr__(self) -> str:
        return f"<outstanding SAML requests of {self.provider.slug}>"


def _readable(provider: Provider, saml_response: str) -> None:
    """Refuse what is no SAML Response, or one addressed elsewhere, before checking more.

    Only ever refuses on this unverified reading; what is accepted is what pysaml2 verified.
    """
    try:
        xml = base64.b64decode(saml_response, validate=False).decode("utf-8")
        response = response_from_string(xml)
    except (binascii.Error, ValueError, SyntaxError) as garbage:
        raise SamlRefused(ERROR_UNREADABLE, f"unreadable: {garbage!r}", 400) from garbage
    except Exception as garbage:  # defusedxml's refusals, odd XML
        raise SamlRefused(ERROR_UNREADABLE, f"unreadable XML: {garbage!r}", 400) from garbage
    if response is None:
        raise SamlRefused(ERROR_UNREADABLE, "not a SAML Response", 400)
    if response.destination and response.destination != acs_url(provider):
        raise SamlRefused(ERROR_NOT_FOR_US, f"destination {response.destination}")


def _latest(*moments: str | None) -> dt.datetime | None:
    found = [dt.datetime.fromtimestamp(_seconds(m), tz=dt.UTC) for m in moments if m]
    return max(found) if found else None


def _seconds(moment: str) -> float:
    return calendar.timegm(str_to_time(moment))


def authn_response_verify(*, provider: Provider, saml_response: str) -> Answer:
    """The IdP's posted SAMLResponse, checked by pysaml2; raises SamlRefused."""
    _readable(provider, saml_response)
    try:
        client = Saml2Client(sp_config(provider))
    except MetadataUnavailable as failure:
        raise SamlRefused(ERROR_UNAVAILABLE, f"metadata: {failure}", 503) from failure
    try:
        response = client.parse_authn_request_response(
            saml_response, BINDING_HTTP_POST, outstanding=_Outstanding(provider)
        )
    except (SignatureError, MissingKey) as failure:
        raise SamlRefused(ERROR_NOT_SIGNED, f"signature: {failure!r}") from failure
    except (ResponseLifetimeExceed, ToEarly) as failure:
        raise SamlRefused(ERROR_EXPIRED, f"time: {failure!r}") from failure
    except UnsolicitedResponse as failure:
        raise SamlRefused(ERROR_UNSOLICITED, f"unsolicited: {failure}") from failure
    except StatusError as failure:
        raise SamlRefused(ERROR_IDP_SAID_NO, f"IdP status: {failure!r}") from failure
    except Exception as failure:  # pysaml2 raises bare Exceptions for several checks
        raise _classified(failure) from failure
    if response is None:
        # pysaml2 answers None when Destination is not our ACS (or the status is odd).
        raise SamlRefused(ERROR_NOT_FOR_US, "response not verified (destination?)")
    assertion = response.assertion
    if assertion is None or not assertion.id:
        raise SamlRefused(ERROR_UNREADABLE, "no assertion", 400)
    subject = (response.name_id.text or "").strip() if response.name_id else ""
    if len(subject) > 255 or len(assertion.id) > 255:  # the columns that keep them
        raise SamlRefused(ERROR_UNREADABLE, "NameID or assertion id over 255 characters", 400)
    # pysaml2 accepts an assertion without conditions; we want our audience named.
    audiences = {
        audience.text.strip()
        for restriction in getattr(assertion.conditions, "audience_restriction", None) or []
        for audience in restriction.audience
        if audience.text
    }
    if sp_entity_id(provider) not in audiences:
        raise SamlRefused(ERROR_NOT_FOR_US, f"audience {sorted(audiences)}")
    bearer = [
        confirmation.subject_confirmation_data
        for confirmation in assertion.subject.subject_confirmation
        if confirmation.method == SCM_BEARER and confirmation.subject_confirmation_data
    ]
    request_id = response.in_response_to or (bearer[0].in_response_to if bearer else "")
    expires_at = _latest(
        getattr(assertion.conditions, "not_on_or_after", None),
        *(data.not_on_or_after for data in bearer),
    )
    # Kept at least as long as a request may be answered (without a NotOnOrAfter the
    # request's own expiry is what ends the assertion's use).
    floor = timezone.now() + dt.timedelta(seconds=REQUEST_SECONDS)
    skew = dt.timedelta(seconds=settings.ACADEMY_SAML_ACCEPTED_TIME_DIFF)
    return Answer(
        request_id=str(request_id),
        assertion_id=str(assertion.id),
        subject=subject,
        attributes=_attributes(assertion),
        expires_at=max(floor, (expires_at or floor) + skew),
    )


def _classified(failure: Exception) -> SamlRefused:
    text = str(failure)
    if "AudienceRestrictions" in text or "recipient" in text.lower():
        return SamlRefused(ERROR_NOT_FOR_US, f"not for us: {text}")
    if "session id and requestURI" in text or "Came from" in text:
        return SamlRefused(ERROR_UNSOLICITED, f"unsolicited: {text}")
    if "Signature" in text or "signature" in text:
        return SamlRefused(ERROR_NOT_SIGNED, f"signature: {text}")
    return SamlRefused(ERROR_UNREADABLE, f"unreadable: {failure!r}", 400)


def _attributes(assertion) -> dict[str, list[str]]:
    """The attributes under the names the IdP sent (the claim types of identity.providers),
    not pysaml2's friendly names."""
    found: dict[str, list[str]] = {}
    for statement in assertion.attribute_statement or []:
        for attribute in statement.attribute:
            values = [value.text.strip() for value in attribute.attribute_value if value.text]
            found.setdefault(attribute.name, []).extend(values)
    return found


@transaction.atomic
def answer_record(*, provider: Provider, answer: Answer, next_path: str) -> None:
    """Park the verified answer on its request; an assertion or request used before is refused."""
    try:
        with transaction.atomic():
            UsedAssertion.objects.create(
                connection=provider.slug,
                assertion_id=answer.assertion_id,
                expires_at=answer.expires_at,
            )
    except IntegrityError as replayed:
        raise SamlRefused(ERROR_REPLAYED, f"assertion {answer.assertion_id} replayed") from replayed
    answered = SamlRequest.objects.filter(
        connection=provider.slug,
        request_id=answer.request_id,
        answered_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).update(
        answered_at=timezone.now(),
        subject=answer.subject,
        attributes=answer.attributes,
        next_path=next_path,
    )
    if not answered:
        raise SamlRefused(ERROR_REPLAYED, f"request {answer.request_id} already answered")


# --- 3. back in the browser -----------------------------------------------------------------


@transaction.atomic
def answer_take(*, provider: Provider, session) -> SamlRequest:
    """The verified answer to a request this browser's session sent; taken once."""
    request_ids = session.get(SESSION_KEY, [])
    answered = (
        SamlRequest.objects.select_for_update()
        .filter(
            connection=provider.slug,
            request_id__in=request_ids,
            answered_at__isnull=False,
            taken_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .order_by("-answered_at")
        .first()
    )
    if answered is None:
        raise SamlRefused(ERROR_OTHER_BROWSER, "no answered request in this session")
    taken = SamlRequest(
        pk=answered.pk,
        subject=answered.subject,
        attributes=answered.attributes,
        next_path=answered.next_path,
    )
    took = SamlRequest.objects.filter(pk=answered.pk, taken_at__isnull=True).update(
        taken_at=timezone.now(), subject="", attributes={}
    )
    if not took:  # another request of this browser took it a moment ago
        raise SamlRefused(ERROR_REPLAYED, f"request {answered.request_id} already taken")
    session[SESSION_KEY] = [i for i in request_ids if i != answered.request_id]
    return taken


def records_prune() -> int:
    """Requests and used assertions past their expiry; returns how many rows went."""
    now = timezone.now()
    requests_gone, _ = SamlRequest.objects.filter(expires_at__lt=now).delete()
    assertions_gone, _ = UsedAssertion.objects.filter(expires_at__lt=now).delete()
    return requests_gone + assertions_gone
