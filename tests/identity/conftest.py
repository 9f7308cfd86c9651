import pytest

from tests.oidc_provider.config import CALLBACK, PEOPLE, connection, provider_clients
from tests.oidc_provider.process import running_provider


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
