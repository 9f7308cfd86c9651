"""Every refusal of the API as an RFC 9457 problem (`application/problem+json`).

`type` is "about:blank" (the status says what kind of problem it is), `title` the status's
phrase, `detail` what went wrong with this call in English, and for invalid input `errors`:
one entry per field (`loc`, `msg`, `type`). Nothing is written when a call is refused: input
is read and checked before any service runs, and services write in a transaction.
"""

from __future__ import annotations

import json
import logging
from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from core.errors import Refusal

logger = logging.getLogger(__name__)

CONTENT_TYPE = "application/problem+json"

TOKEN_MISSING = "A bearer token is required (Authorization: Bearer <token>)."  # noqa: S105
TOKEN_UNKNOWN = "This token is not known."  # noqa: S105 (a message)
TOKEN_REVOKED = "This token has been revoked."  # noqa: S105
TOKEN_EXPIRED = "This token has expired."  # noqa: S105
ACCOUNT_OFF = "This token's account is switched off."
PERSONAL_ONLY = "This operation reads the token's own person: it needs a personal token."
SERVICE_ONLY = "A service token is needed for this operation; a personal token reaches /me only."
SCOPE_MISSING = "This token lacks the scope {scope}."
NOT_FOUND = "There is nothing here, or not for this token."
MALFORMED = "The request body is not valid JSON."
TOO_LARGE = "The request body is too large."
INVALID = "The request does not match the schema: see errors."
UNKNOWN_QUERY = "Unknown query parameters: {names}."
RATE_LIMITED = "Too many calls with this token: wait Retry-After seconds."
SERVER_ERROR = "Something went wrong on our side; it has been logged."


class ProblemError(Schema):
    loc: list[str | int]
    msg: str
    type: str


class Problem(Schema):
    """An RFC 9457 problem details object."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[ProblemError] | None = None


class Conflict(Refusal):
    """A service's refusal because something already exists (answered 409)."""


class NotAllowed(Refusal):
    """A service's refusal because this caller may not do it to this object (answered 403)."""


class ApiProblem(Exception):
    """Answer this call with a problem: `raise ApiProblem(409, "...")`."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        errors: list[dict] | None = None,
        headers: dict[str, str] | None = None,
    ):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors
        self.headers = headers or {}


class Unauthorized(ApiProblem):
    def __init__(self, detail: str):
        super().__init__(401, detail, headers={"WWW-Authenticate": 'Bearer realm="api"'})


class Forbidden(ApiProblem):
    def __init__(self, detail: str):
        super().__init__(403, detail)


class RateLimited(ApiProblem):
    def __init__(self, retry_after: int):
        super().__init__(429, RATE_LIMITED, headers={"Retry-After": str(int(retry_after))})


def problem_response(
    status: int,
    detail: str,
    *,
    errors: list[dict] | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if errors is not None:
        body["errors"] = errors
    response = HttpResponse(json.dumps(body), status=status, content_type=CONTENT_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _field_errors(errors: list[dict]) -> list[dict]:
    """ninja's (pydantic's) errors, kept to what a caller needs: where, what, which kind."""
    return [
        {
            "loc": [str(part) if not isinstance(part, int) else part for part in e.get("loc", [])],
            "msg": str(e.get("msg", "")),
            "type": str(e.get("type", "")),
        }
        for e in errors
    ]


def register(api) -> None:
    """Answer every exception the API can meet with a problem."""

    def on_problem(request: HttpRequest, exc: ApiProblem) -> HttpResponse:
        return problem_response(exc.status, exc.detail, errors=exc.errors, headers=exc.headers)

    def on_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return problem_response(422, INVALID, errors=_field_errors(exc.errors))

    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if isinstance(exc, AuthenticationError):
            return on_problem(request, Unauthorized(TOKEN_MISSING))
        if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
            return problem_response(400, MALFORMED)
        return problem_response(exc.status_code, str(exc))

    def on_too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return problem_response(413, TOO_LARGE)

    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return problem_response(404, NOT_FOUND)

    def on_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return problem_response(403, str(exc) or "Not allowed.")

    def on_refusal(request: HttpRequest, exc: Refusal) -> HttpResponse:
        # A service said no (the same rule as on the site): its own message.
        status = 409 if isinstance(exc, Conflict) else 403 if isinstance(exc, NotAllowed) else 400
        return problem_response(status, str(exc))

    def on_anything(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API call failed: %s %s", request.method, request.path)
        return problem_response(500, SERVER_ERROR)

    api.add_exception_handler(ApiProblem, on_problem)
    api.add_exception_handler(ValidationError, on_validation)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(RequestDataTooBig, on_too_large)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(PermissionDenied, on_denied)
    api.add_exception_handler(Refusal, on_refusal)
    api.add_exception_handler(Exception, on_anything)
