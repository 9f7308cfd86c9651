"""The OpenAPI schema exercised by schemathesis: every operation, generated input, no 5xx, and
every answer as the schema declares it (status, content type, body); without a token every
operation is a 401 problem.

The schema is loaded eagerly through WSGI (the lazy `from_fixture` loader does not work with
this pytest); the transport calls the app with Host `localhost`. Checks come from
schemathesis.toml at the repository root.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from config.wsgi import application
from tests.factories import make_user
from tests.factories.api import bearer, make_personal_token, make_service_token

pytestmark = pytest.mark.django_db

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
# For the calls without a token: schema-valid calls only (a call with a wrong method or a
# malformed path is no operation's, and answers 405 or 404 before any token is asked for).
anonymous = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
anonymous.config.generation.update(modes=["positive"])

EXAMPLES = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Calls go straight to the WSGI app, not through Django's test client: keep the test's
    database connection open across them as the test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(db):
    """Data to find, a service token with every scope and a personal token (no rate limit in
    the way: a few hundred calls a minute)."""
    for _ in range(3):
        make_user()
    me = make_user()
    service = make_service_token(all_scopes=True, rate_per_minute=100_000)[1]
    personal = make_personal_token(me, rate_per_minute=100_000)[1]
    return {"service": service, "personal": personal}


def _token_for(case, tokens) -> str:
    return tokens["personal" if case.path.startswith("/api/v1/me") else "service"]


@schema.parametrize()
@EXAMPLES
def test_every_operation_answers_as_its_schema_says(case, tokens):
    case.call_and_validate(headers=bearer(_token_for(case, tokens)))


@anonymous.parametrize()
@EXAMPLES
def test_without_a_token_every_operation_is_a_401_problem(case):
    response = case.call()
    assert response.status_code == 401, response.text
    headers = {name.lower(): value for name, value in response.headers.items()}
    assert "application/problem+json" in headers["content-type"]
    assert "Bearer" in str(headers["www-authenticate"])
    assert response.json()["status"] == 401
