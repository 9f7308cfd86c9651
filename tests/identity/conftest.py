import pytest

from tests.factories.identity import ScimClient, make_scim_connection


@pytest.fixture
def scim_connection(db):
    return make_scim_connection()


@pytest.fixture
def scim(scim_connection):
    """A SCIM client with a usable token."""
    return ScimClient(scim_connection[1])
