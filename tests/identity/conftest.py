import pytest

from tests.saml_idp.process import start_idp


@pytest.fixture(scope="session")
def saml_idp(tmp_path_factory):
    """The test SAML IdP in its own process, for the whole run."""
    idp = start_idp(tmp_path_factory.mktemp("saml-idp"))
    yield idp
    idp.stop()
