"""SAML sign-in against a real IdP in its own process (tests/saml_idp): the round trip makes an
invited account with the IdP's details and roles; every answer that must not sign anyone in
is refused with a page in the person's language, and nothing is created."""

import base64
from urllib.parse import urlsplit

import pytest
import requests
from django.contrib.auth.models import User
from django.test import Client

from ambassadors.models import Ambassador
from ambassadors.roles import Role, roles_of
from identity.models import ExternalIdentity, SamlRequest, UsedAssertion
from tests.saml_idp.keys import key_pair
from tests.saml_idp.process import sign_in_at_idp

pytestmark = [pytest.mark.django_db, pytest.mark.integration]

SLUG = "contoso"
FAILED_EN = "Logging in did not work"
FAILED_NL = "Inloggen is niet gelukt"


@pytest.fixture
def connection(settings, saml_idp):
    settings.SITE_URL = "http://testserver"
    settings.ACADEMY_SSO_PROVIDERS = [
        {
            "slug": SLUG,
            "protocol": "saml",
            "name": "Contoso (ADFS)",
            "metadata_url": saml_idp.metadata_url,
            "role_mentors": "academy-mentors",
            "role_comms": "academy-comms",
        }
    ]
    saml_idp.sp_metadata.write_bytes(Client().get(f"/sso/saml/{SLUG}/metadata/").content)
    return saml_idp


def start(client: Client, next_path: str = "/path/") -> str:
    """The SP's redirect to the IdP."""
    response = client.get(f"/sso/saml/{SLUG}/login/", {"next": next_path})
    assert response.status_code == 302, response.content
    return response["Location"]


def post_answer(client: Client, posted, **extra):
    return client.post(
        urlsplit(posted.action).path,
        {"SAMLResponse": posted.saml_response, "RelayState": posted.relay_state},
        **extra,
    )


def round_trip(client: Client, **fields):
    posted = sign_in_at_idp(start(client), **fields)
    answered = post_answer(client, posted)
    assert answered.status_code == 303, answered.content.decode()
    return client.get(answered["Location"]), posted


def test_metadata_names_our_entity_id_and_acs(connection):
    """The SP metadata the IdP's administrator imports: entity id, ACS, signed assertions."""
    metadata = Client().get(f"/sso/saml/{SLUG}/metadata/")
    text = metadata.content.decode()
    assert metadata.status_code == 200
    assert metadata["Content-Type"] == "application/samlmetadata+xml"
    assert 'entityID="http://testserver/sso/saml/contoso/metadata/"' in text
    assert 'Location="http://testserver/sso/saml/contoso/acs/"' in text
    assert 'WantAssertionsSigned="true"' in text


def test_the_round_trip_creates_an_invited_person_with_details_and_roles(connection):
    """Details from the attributes, roles from the groups, consent still to give."""
    client = Client()
    finished, _posted = round_trip(
        client, username="sam", groups="academy-mentors,other", department="Marketing"
    )
    assert finished.status_code == 302
    assert finished["Location"] == "/path/"
    user = User.objects.get()
    ambassador = Ambassador.objects.get(user=user)
    assert (user.email, user.first_name, user.last_name) == ("sam@example.org", "Sam", "Tester")
    assert ambassador.department.name == "Marketing"
    assert ambassador.status == Ambassador.Status.INVITED
    assert roles_of(user) == {Role.EMPLOYEE, Role.MENTOR}
    assert ExternalIdentity.objects.get(user=user).subject == "idp-sam"
    assert client.session["academy_sign_in"] == "sso:contoso"
    # The site's gates send an invited person to the consent page.
    assert client.get("/path/")["Location"].startswith("/welcome/")
    assert SamlRequest.objects.get().attributes == {}  # the answer is not kept
    assert UsedAssertion.objects.count() == 1


def test_a_second_sign_in_finds_the_same_person(connection):
    round_trip(Client(), username="sam", groups="academy-comms")
    round_trip(Client(), username="sam", groups="")
    user = User.objects.get()
    assert roles_of(user) == {Role.EMPLOYEE}


def test_relay_state_elsewhere_lands_on_the_dashboard(connection):
    client = Client()
    posted = sign_in_at_idp(start(client, next_path="https://evil.example.org/"))
    answered = post_answer(client, posted)
    assert client.get(answered["Location"])["Location"] == "/path/"


def refused_in_both_languages(send, status=403):
    """`send(client, **headers)` twice, in English and Dutch: the refusal page each time."""
    for language, text in (("en", FAILED_EN), ("nl", FAILED_NL)):
        response = send(HTTP_ACCEPT_LANGUAGE=language)
        page = response.content.decode()
        assert response.status_code == status, page
        assert text in page
        assert 'href="/accounts/login/"' in page
    assert not User.objects.exists()
    assert not ExternalIdentity.objects.exists()


@pytest.mark.parametrize(
    ("mode", "english", "dutch"),
    [
        ("unsigned", "was not signed correctly", "niet goed ondertekend"),
        ("response-only", "was not signed correctly", "niet goed ondertekend"),
        ("wrong-audience", "meant for another site", "voor een andere site"),
        ("wrong-recipient", "meant for another site", "voor een andere site"),
        ("expired", "has expired or is not valid yet", "is verlopen of nog niet geldig"),
    ],
)
def test_an_answer_that_must_not_sign_in_is_refused(connection, mode, english, dutch):
    """Unsigned, assertion unsigned, for another SP or address, expired: refused, nothing
    created."""

    def send(**headers):
        client = Client(**headers)
        return post_answer(client, sign_in_at_idp(start(client), mode=mode))

    refused_in_both_languages(send)
    assert english in send(HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert dutch in send(HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert not UsedAssertion.objects.exists()


def test_a_replayed_answer_is_refused_in_the_same_and_another_session(connection):
    client = Client()
    finished, posted = round_trip(client)
    assert finished.status_code == 302
    User.objects.all().delete()

    def replay(**headers):
        return post_answer(Client(**headers), posted)

    refused_in_both_languages(replay)
    again = post_answer(client, posted, HTTP_ACCEPT_LANGUAGE="en")
    assert again.status_code == 403
    assert "was used before" in again.content.decode()


def test_an_answer_nobody_asked_for_is_refused(connection):
    """An answer to another browser's request (or an unknown one) signs nobody in here."""
    asker = Client()
    posted = sign_in_at_idp(start(asker))

    def elsewhere(**headers):
        # Posted into another browser: the ACS checks it, the finish step refuses it.
        other = Client(**headers)
        answered = post_answer(other, posted)
        assert answered.status_code == 303
        return other.get(answered["Location"])

    response = elsewhere(HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "started in another browser" in response.content.decode()
    assert not User.objects.exists()


def test_an_unknown_request_id_is_refused(connection):
    client = Client()
    posted = sign_in_at_idp(start(client))
    SamlRequest.objects.all().delete()
    refused_in_both_languages(lambda **headers: post_answer(Client(**headers), posted))


@pytest.mark.parametrize("garbage", ["", "!!!not base64!!!", "PGZvbz5iYXI8L2Zvbz4=", "A" * 5000])
def test_garbage_is_refused(connection, garbage):
    def send(**headers):
        return Client(**headers).post(f"/sso/saml/{SLUG}/acs/", {"SAMLResponse": garbage})

    refused_in_both_languages(send, status=400)


def test_an_unknown_connection_is_refused(connection):
    def send(**headers):
        return Client(**headers).post("/sso/saml/nope/acs/", {"SAMLResponse": "x"})

    refused_in_both_languages(send, status=404)


def test_a_refusal_of_the_sign_in_service_shows_its_reason(connection):
    """A genuine answer without an e-mail address: the service's refusal, nothing created."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    finished, _posted = round_trip(client, email="")
    assert finished.status_code == 403
    assert "sent no e-mail address" in finished.content.decode()
    assert not User.objects.exists()


def test_a_tampered_answer_is_refused(connection):
    """A signed answer changed on the way (another e-mail address): the signature fails."""
    client = Client()
    posted = sign_in_at_idp(start(client))
    xml = base64.b64decode(posted.saml_response).decode()
    assert "sam@example.org" in xml
    forged = base64.b64encode(xml.replace("sam@example.org", "boss@example.org").encode())

    def send(**headers):
        return Client(**headers).post(f"/sso/saml/{SLUG}/acs/", {"SAMLResponse": forged.decode()})

    refused_in_both_languages(send)
    assert "was not signed correctly" in send(HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_with_an_sp_key_requests_are_signed_and_published(connection, settings, tmp_path):
    """SAML_SP_KEY_FILE/CERT_FILE: the metadata carries the certificate, the IdP verifies the
    AuthnRequest's signature, and the round trip works."""
    key, cert = key_pair(tmp_path, "sp")
    settings.ACADEMY_SAML_SP_KEY_FILE, settings.ACADEMY_SAML_SP_CERT_FILE = str(key), str(cert)
    metadata = Client().get(f"/sso/saml/{SLUG}/metadata/").content
    assert b'AuthnRequestsSigned="true"' in metadata
    assert b"X509Certificate" in metadata
    connection.sp_metadata.write_bytes(metadata)

    client = Client()
    location = start(client)
    assert "Signature=" in location
    assert "signature is valid" in requests.get(location, timeout=10).text
    forged = location.replace("Signature=", "Signature=AAAA")
    assert requests.get(forged, timeout=10).status_code == 400  # the IdP does check it
    posted = sign_in_at_idp(location)
    answered = post_answer(client, posted)
    assert client.get(answered["Location"]).status_code == 302
    assert User.objects.filter(email="sam@example.org").exists()


def test_with_an_sp_key_an_encrypted_assertion_is_read(connection, settings, tmp_path):
    """ADFS encrypts to the certificate in our metadata: the signed assertion inside is read."""
    key, cert = key_pair(tmp_path, "sp")
    settings.ACADEMY_SAML_SP_KEY_FILE, settings.ACADEMY_SAML_SP_CERT_FILE = str(key), str(cert)
    connection.sp_metadata.write_bytes(Client().get(f"/sso/saml/{SLUG}/metadata/").content)

    client = Client()
    posted = sign_in_at_idp(start(client), mode="encrypted")
    xml = base64.b64decode(posted.saml_response).decode()
    assert "EncryptedAssertion" in xml
    assert "sam@example.org" not in xml
    answered = post_answer(client, posted)
    assert answered.status_code == 303, answered.content.decode()
    assert client.get(answered["Location"]).status_code == 302
    assert User.objects.filter(email="sam@example.org").exists()

    # Not signed inside the encryption: refused like any unsigned assertion.
    User.objects.all().delete()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    refused = post_answer(client, sign_in_at_idp(start(client), mode="encrypted-unsigned"))
    assert refused.status_code == 403
    assert "was not signed correctly" in refused.content.decode()
    assert not User.objects.exists()


def test_a_name_id_longer_than_we_keep_is_refused(connection):
    """A NameID over 255 characters cannot be a person's id here: refused, nothing made."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    refused = post_answer(client, sign_in_at_idp(start(client), username="x" * 300))
    assert refused.status_code == 400
    assert "could not be read" in refused.content.decode()
    assert not User.objects.exists()
    assert not UsedAssertion.objects.exists()


def test_without_a_next_page_a_mentor_lands_on_the_desk(connection):
    """SAML sign-in lands where password sign-in does (ambassadors.start): the start page
    follows the roles of who signed in, decided after the answer is verified."""
    client = Client()
    posted = sign_in_at_idp(start(client, next_path=""), username="sam", groups="academy-mentors")
    answered = post_answer(client, posted)
    assert client.get(answered["Location"])["Location"] == "/desk/"
