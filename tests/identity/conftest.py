import pytest

from tests.factories.identity import ScimClient, make_scim_connection
from tests.oidc_provider.config import CALLBACK, PEOPLE, connection, provider_clients
from tests.oidc_provider.process import running_provider
from tests.saml_idp.process import start_idp


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    """A real OpenID provider process (django-oauth-toolkit) for the test client's host."""
    with running_provider(
        tmp_path_factory.mktemp("oidc-provider"),
        clients=provider_clients(CALLBACK),
        people=PEOPLE,
    ) as provider:
        yield provider


@pytest.fixture
def provider(oidc_provider, settings):
    """The site configured with the provider as connection "test"; quirks reset after."""
    settings.ACADEMY_SSO_PROVIDERS = [connection(oidc_provider.issuer)]
    yield oidc_provider
    oidc_provider.behave()


@pytest.fixture
def scim_connection(db):
    return make_scim_connection()


@pytest.fixture
def scim(scim_connection):
    """A SCIM client with a usable token."""
    return ScimClient(scim_connection[1])


@pytest.fixture(scope="session")
def saml_idp(tmp_path_factory):
    """The test SAML IdP in its own process, for the whole run."""
    idp = start_idp(tmp_path_factory.mktemp("saml-idp"))
    yield idp
    idp.stop()


@pytest.fixture
def two_factor_enforced(settings):
    """Two-factor sign-in as in production (the test settings leave it off elsewhere)."""
    settings.ACADEMY_TWO_FACTOR_ENFORCED = True
