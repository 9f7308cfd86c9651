"""The API's framework: tokens at the door, problems as answers, cursor pages, the schema."""

import pytest
from django.utils import timezone

from api import errors
from api.models import ApiToken
from api.services import token_revoke
from tests.factories import make_user
from tests.factories.api import bearer, expire, make_personal_token, make_service_token

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def problem(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status
    assert body["title"]
    assert body["type"] == "about:blank"
    return body


def test_no_token_is_401_with_www_authenticate(client):
    response = client.get("/api/v1/people")
    body = problem(response, 401)
    assert body["detail"] == errors.TOKEN_MISSING
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_signed_in_browser_without_token_gets_401(client, administrator, employee):
    client.force_login(administrator)
    assert problem(client.get("/api/v1/people"), 401)["detail"] == errors.TOKEN_MISSING
    client.force_login(employee)
    assert problem(client.get("/api/v1/me"), 401)["detail"] == errors.TOKEN_MISSING


@pytest.mark.parametrize(
    ("spoil", "detail"),
    [
        (lambda token: None, errors.TOKEN_UNKNOWN),
        (lambda token: token_revoke(token=token, by=None), errors.TOKEN_REVOKED),
        (expire, errors.TOKEN_EXPIRED),
    ],
)
def test_unusable_tokens_are_401_saying_which(client, spoil, detail):
    token, raw = make_service_token("people:read")
    spoil(token)
    sent = raw if detail != errors.TOKEN_UNKNOWN else raw + "x"
    response = client.get("/api/v1/people", headers=bearer(sent))
    assert problem(response, 401)["detail"] == detail
    assert "WWW-Authenticate" in response


def test_missing_scope_is_403(client):
    _token, raw = make_service_token("learning:read")
    body = problem(client.get("/api/v1/people", headers=bearer(raw)), 403)
    assert body["detail"] == errors.SCOPE_MISSING.format(scope="people:read")


def test_personal_tokens_reach_only_me_and_service_tokens_not_me(client, employee):
    _token, personal = make_personal_token(employee)
    body = problem(client.get("/api/v1/people", headers=bearer(personal)), 403)
    assert body["detail"] == errors.SERVICE_ONLY
    _token, service = make_service_token(all_scopes=True)
    assert problem(client.get("/api/v1/me", headers=bearer(service)), 403)["detail"] == (
        errors.PERSONAL_ONLY
    )
    me = client.get("/api/v1/me", headers=bearer(personal))
    assert me.status_code == 200
    assert me.json()["email"] == employee.email


def test_rate_limit_is_429_with_integer_retry_after(client):
    _token, raw = make_service_token("people:read", rate_per_minute=2)
    assert client.get("/api/v1/people", headers=bearer(raw)).status_code == 200
    assert client.get("/api/v1/people", headers=bearer(raw)).status_code == 200
    response = client.get("/api/v1/people", headers=bearer(raw))
    problem(response, 429)
    assert 1 <= int(response["Retry-After"]) <= 60
    # Another token has its own count.
    _other, raw_other = make_service_token("people:read")
    assert client.get("/api/v1/people", headers=bearer(raw_other)).status_code == 200


def test_unknown_query_parameter_is_400(client):
    _token, raw = make_service_token("people:read")
    body = problem(client.get("/api/v1/people?departmnet=Sales", headers=bearer(raw)), 400)
    assert "departmnet" in body["detail"]


def test_wrong_query_type_is_422_with_errors(client):
    _token, raw = make_service_token("people:read")
    body = problem(client.get("/api/v1/people?page_size=0", headers=bearer(raw)), 422)
    assert body["errors"][0]["loc"][-1] == "page_size"


def test_unknown_id_is_404_problem(client):
    _token, raw = make_service_token("people:read")
    problem(client.get("/api/v1/people/999999", headers=bearer(raw)), 404)


def test_cursor_pages_cover_everyone_once(client):
    people = [make_user(joined=False) for _ in range(5)]
    _token, raw = make_service_token("people:read")
    seen, url = [], "/api/v1/people?page_size=2"
    while url:
        page = client.get(url, headers=bearer(raw)).json()
        assert len(page["items"]) <= 2
        seen += [item["id"] for item in page["items"]]
        url = page["next"]
    assert seen == sorted(person.pk for person in people)


def test_a_forged_or_foreign_cursor_is_400(client):
    _token, raw = make_service_token("people:read")
    body = problem(client.get("/api/v1/people?cursor=abc", headers=bearer(raw)), 400)
    assert body["detail"] == "The cursor is not one this list gave out: start again without it."


def test_last_used_is_written_at_most_once_a_minute(client):
    token, raw = make_service_token("people:read")
    client.get("/api/v1/people", headers=bearer(raw))
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first is not None
    client.get("/api/v1/people", headers=bearer(raw))
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - timezone.timedelta(minutes=2))
    client.get("/api/v1/people", headers=bearer(raw))
    assert ApiToken.objects.get(pk=token.pk).last_used_at > first


def test_schema_declares_problems_and_bearer(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    for path in schema["paths"].values():
        for operation in path.values():
            assert operation["operationId"]
            assert operation["security"][0]["bearer"] is not None
            for status, response in operation["responses"].items():
                if int(status) >= 400:
                    assert list(response["content"]) == [PROBLEM]
    people = schema["paths"]["/api/v1/people"]["get"]
    assert people["security"] == [{"bearer": ["people:read"]}]


def test_every_operation_names_its_operation_id_and_url_name():
    from api.main import api

    for router in api._get_bound_routers():
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                assert operation.operation_id, operation.view_func
                assert operation.url_name, operation.operation_id


def test_docs_page_uses_our_own_static_files_under_our_csp(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
