"""What SAML keeps: requests and used assertions go once expired (the hourly schedule), and an
IdP whose metadata cannot be fetched gives a page, or the copy kept from before."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from core import outbound
from identity import saml
from identity.models import SamlRequest, UsedAssertion
from identity.providers import provider
from identity.tasks import prune_saml_records

pytestmark = pytest.mark.django_db


def test_expired_requests_and_assertions_are_pruned_fresh_ones_kept():
    now = timezone.now()
    for name, moment in (("old", now - dt.timedelta(seconds=1)), ("new", now + dt.timedelta(1))):
        SamlRequest.objects.create(connection="adfs", request_id=name, expires_at=moment)
        UsedAssertion.objects.create(connection="adfs", assertion_id=name, expires_at=moment)
    assert prune_saml_records() == 2
    assert list(SamlRequest.objects.values_list("request_id", flat=True)) == ["new"]
    assert list(UsedAssertion.objects.values_list("assertion_id", flat=True)) == ["new"]


@pytest.fixture
def unreachable(settings):
    # Port 1 on this machine: nothing listens, the connection is refused.
    settings.ACADEMY_SSO_PROVIDERS = [
        {"slug": "adfs", "protocol": "saml", "metadata_url": "http://127.0.0.1:1/md.xml"}
    ]
    return provider("adfs", "saml")


def test_an_unreachable_idp_gives_a_page_in_the_persons_language(unreachable):
    for language, text in (("en", "cannot be reached right now"), ("nl", "niet bereikbaar")):
        response = Client(HTTP_ACCEPT_LANGUAGE=language).get("/sso/saml/adfs/login/")
        assert response.status_code == 503
        assert text in response.content.decode()
    assert not SamlRequest.objects.exists()


@pytest.fixture
def intranet_idp(settings, http_server):
    """An IdP's metadata on this machine, on its own port: where `fetch` would refuse."""
    server = http_server()
    server.routes["/md.xml"] = (200, {"Content-Type": "application/xml"}, METADATA)
    url = f"http://127.0.0.1:{server.port}/md.xml"
    settings.ACADEMY_SSO_PROVIDERS = [{"slug": "adfs", "protocol": "saml", "metadata_url": url}]
    return server


METADATA = b"<EntityDescriptor/>"


def test_configured_metadata_is_fetched_from_the_intranet_and_kept(intranet_idp):
    """The operator's address may be internal; the copy kept serves while the IdP is down."""
    adfs = provider("adfs", "saml")
    with pytest.raises(outbound.OutboundError):
        outbound.fetch(adfs.option("metadata_url"))  # what people's addresses go through
    assert saml.idp_metadata(adfs) == METADATA.decode()
    # The fresh copy's time is up and the IdP answers errors: the kept copy serves.
    cache.delete(saml.metadata_cache_key(adfs.option("metadata_url")))
    intranet_idp.routes["/md.xml"] = (500, {}, b"down")
    assert saml.idp_metadata(adfs) == METADATA.decode()
    assert len(intranet_idp.requests) == 2


def test_configured_fetches_follow_no_redirects(intranet_idp):
    intranet_idp.routes["/moved"] = (302, {"Location": "/md.xml"}, b"")
    with pytest.raises(outbound.OutboundError):
        outbound.fetch_configured(f"http://127.0.0.1:{intranet_idp.port}/moved")
    assert [path for path, _host in intranet_idp.requests] == ["/moved"]
