"""The REST API under /api/v1/: one NinjaAPI, its routers, its errors and its schema.

Every operation names its `operation_id` and `url_name` (the schema's and Django's name for
it), its `auth` (api/auth.py: a scope, or a personal token) and its answers; every refusal is
a problem (api/errors.py) and is declared in the schema as `application/problem+json`.

Unknown query parameters are refused (400), decided here once for every operation: a
mistyped filter (`departmnet=3`) would otherwise be ignored and the caller would get, and
perhaps sync, every person instead of one department's.
"""

from __future__ import annotations

from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import re_path
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from . import errors
from .auth import Token
from .routers import acknowledgements, content, insights, learning, me, missions, people, sharing

PROBLEM_STATUSES = {
    400: "Bad request: malformed JSON, an unknown query parameter or a bad cursor.",
    401: "No usable token: missing, unknown, revoked or expired (see detail).",
    403: "The token may not do this: wrong kind or missing scope.",
    404: "Not found, or not reachable with this token.",
    409: "Conflict with what exists (for example an e-mail address already in use).",
    413: "The request body is too large.",
    422: "Invalid input: wrong types, missing or unknown fields (see errors).",
    429: "Too many calls with this token; Retry-After says how many seconds to wait.",
    500: "Something went wrong on our side.",
}


def _query_names(operation) -> frozenset[str]:
    names: set[str] = set()
    for model in operation.models:
        if getattr(model, "__ninja_param_source__", None) != "query":
            continue
        flatten = getattr(model, "__ninja_flatten_map__", None)
        if flatten:
            names.update(flatten)
        else:
            names.update(field.alias or name for name, field in model.model_fields.items())
    return frozenset(names)


def _prepare(run):
    """(view decorator) Answer in English, whatever the caller's Accept-Language (messages of
    services' refusals too), and tell the operation decorator below which query parameters
    exist."""
    allowed = _query_names(run.__self__)

    @wraps(run)
    def prepared(request: HttpRequest, *args, **kwargs):
        request.api_query_names = allowed
        with translation.override("en"):
            return run(request, *args, **kwargs)

    return prepared


def _refuse_unknown_query(view):
    """(operation decorator: after the token and the input were checked) Unknown query
    parameters are a 400."""

    @wraps(view)
    def checked(request: HttpRequest, *args, **kwargs):
        unknown = set(request.GET) - request.api_query_names
        if unknown:
            raise errors.ApiProblem(
                400, errors.UNKNOWN_QUERY.format(names=", ".join(sorted(unknown)))
            )
        return view(request, *args, **kwargs)

    return checked


class AcademyAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> OpenAPISchema:
        schema = super().get_openapi_schema(**kwargs)
        components = schema.setdefault("components", {})
        schemas = components.setdefault("schemas", {})
        for model in (errors.Problem, errors.ProblemError):
            schemas.update(
                model.model_json_schema(ref_template="#/components/schemas/{model}").get(
                    "$defs", {}
                )
            )
        schemas["Problem"] = {
            key: value
            for key, value in errors.Problem.model_json_schema(
                ref_template="#/components/schemas/{model}"
            ).items()
            if key != "$defs"
        }
        components["securitySchemes"] = {
            "bearer": {
                "type": "http",
                "scheme": "bearer",
                "description": "An API token (aa-api-...), made by an administrator in the CMS.",
            }
        }
        problem = {
            "content": {
                "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
            }
        }
        scopes = self._scopes()
        for path_item in schema["paths"].values():
            for operation in path_item.values():
                responses = operation.setdefault("responses", {})
                for status, description in PROBLEM_STATUSES.items():
                    responses.setdefault(str(status), {"description": description, **problem})
                for status, response in responses.items():
                    if int(status) >= 400:
                        response["content"] = problem["content"]
                need = scopes.get(operation["operationId"])
                operation["security"] = [{"bearer": [need] if need else []}]
        return schema

    def _scopes(self) -> dict[str, str | None]:
        """operation_id → the scope its token needs (None: a personal token)."""
        found: dict[str, str | None] = {}
        for router in self._get_bound_routers():
            for path_view in router.path_operations.values():
                for operation in path_view.operations:
                    for auth in operation.auth_callbacks:
                        if isinstance(auth, Token):
                            found[operation.operation_id] = auth.scope
        return found


NOT_ALLOWED = "This method is not allowed here: see Allow."


def _problem_405(view):
    """ninja answers a method a path does not have with a bare 405: a problem instead."""

    @wraps(view)
    def answered(request: HttpRequest, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and "Allow" in response:
            return errors.problem_response(405, NOT_ALLOWED, headers={"Allow": response["Allow"]})
        return response

    answered.csrf_exempt = True
    return answered


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any other address under /api/v1/: a problem, not the site's HTML page."""
    return errors.problem_response(404, errors.NOT_FOUND)


def urls():
    """The API's URL patterns for config/urls.py: ninja's, answering only in problems, and a
    last one for every address under /api/v1/ that is none of them."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback = _problem_405(pattern.callback)
    not_found_view = csrf_exempt(not_found)
    catch_all = re_path(r"^(?P<rest>.*)$", not_found_view, name="not-found")
    return [*patterns, catch_all], app_name, namespace


api = AcademyAPI(
    title="Ambassador Academy API",
    version="1",
    description=(
        "People, learning, acknowledgements, missions, content, sharing and insights of the "
        "Ambassador Academy. Every call needs a bearer token (a service token with the "
        "operation's scope, or a personal token for /me). Errors are RFC 9457 problems."
    ),
    urls_namespace="api_v1",
    docs_url="/docs/",
    openapi_url="/openapi.json",
)
errors.register(api)
api.add_decorator(_prepare, mode="view")
api.add_decorator(_refuse_unknown_query, mode="operation")

api.add_router("/me", me.router)
api.add_router("/people", people.router)
api.add_router("", learning.router)
api.add_router("/acknowledgements", acknowledgements.router)
api.add_router("", missions.router)
api.add_router("", content.router)
api.add_router("", sharing.router)
api.add_router("", insights.router)
