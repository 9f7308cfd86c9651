"""What SAML keeps: requests and used assertions go once expired (the hourly schedule), and an
IdP whose metadata cannot be fetched gives a page, or the copy kept from before."""

import datetime as dt

import pytest
import requests
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

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
    settings.ACADEMY_SSO_PROVIDERS = [
        {"slug": "adfs", "protocol": "saml", "metadata_url": "https://adfs.invalid/md.xml"}
    ]
    return provider("adfs", "saml")


def _refuse(*args, **kwargs):
    raise requests.ConnectionError("unreachable")


def test_an_unreachable_idp_gives_a_page_in_the_persons_language(unreachable, monkeypatch):
    monkeypatch.setattr("identity.saml.requests.get", _refuse)
    for language, text in (("en", "cannot be reached right now"), ("nl", "niet bereikbaar")):
        response = Client(HTTP_ACCEPT_LANGUAGE=language).get("/sso/saml/adfs/login/")
        assert response.status_code == 503
        assert text in response.content.decode()
    assert not SamlRequest.objects.exists()


def test_the_copy_kept_is_used_while_the_idp_is_unreachable(unreachable, monkeypatch):
    class Fetched:
        text = "<EntityDescriptor/>"

        def raise_for_status(self):
            pass

    monkeypatch.setattr("identity.saml.requests.get", lambda *a, **k: Fetched())
    assert saml.idp_metadata(unreachable) == Fetched.text
    # The fresh copy's time is up and the IdP is down: the kept copy serves.
    cache.delete(saml.metadata_cache_key(unreachable.option("metadata_url")))
    monkeypatch.setattr("identity.saml.requests.get", _refuse)
    assert saml.idp_metadata(unreachable) == Fetched.text
