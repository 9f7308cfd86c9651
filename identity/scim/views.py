"""The SCIM 2.0 endpoints under /scim/v2/ (RFC 7644): thin, each a bearer-token check, a read
of the body (protocol), a service call, and an answer in application/scim+json.

Every refusal is a SCIM error body (`status` as a string, `scimType`) and an entry in the
audit trail; calls without a usable token get 401 with `WWW-Authenticate: Bearer`. Entries for
tokens nobody has (anyone on the internet can send one) are kept to one per address a minute.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import wraps

from django.core.cache import cache
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt

from core.audit import record

from ..models import ExternalIdentity, ScimConnection
from . import resources, services
from .protocol import (
    CONTENT_TYPE,
    ScimError,
    eq_filter,
    group_from_patch,
    group_from_resource,
    page,
    parse_body,
    resource_id,
    user_from_patch,
    user_from_resource,
)

UNKNOWN_TOKEN_AUDIT_SECONDS = 60


def _answer(data: dict | None, status: int = 200, **headers) -> HttpResponse:
    body = "" if data is None else json.dumps(data)
    response = HttpResponse(body, status=status, content_type=CONTENT_TYPE)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("identity:scim-service-provider-config")).rsplit(
        "/", 1
    )[0]


def _token(request: HttpRequest) -> str:
    scheme, _space, token = request.headers.get("Authorization", "").strip().partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def _audit_refusal(request: HttpRequest, connection: ScimConnection | None, error: ScimError):
    if connection is None:
        # Not one of ours: a stand-in entry (the CMS shows it under provisioning connections),
        # at most one per address a minute.
        address = hashlib.sha256(request.META.get("REMOTE_ADDR", "").encode()).hexdigest()[:24]
        if not cache.add(f"scim-refused:{address}", 1, UNKNOWN_TOKEN_AUDIT_SECONDS):
            return
        connection = ScimConnection(pk=0, name="(no usable token)", slug="-")
    record(
        connection,
        "academy.scim_refused",
        title=connection.name,
        method=request.method,
        path=request.path[:200],
        status=error.status,
        scim_type=error.scim_type,
        detail=error.detail[:300],
    )


def _refused(request, connection, error: ScimError) -> HttpResponse:
    _audit_refusal(request, connection, error)
    headers = {"WWW_Authenticate": 'Bearer realm="scim"'} if error.status == 401 else {}
    return _answer(error.body(), error.status, **headers)


def scim_endpoint(methods: tuple[str, ...]):
    """A SCIM view: token checked, English protocol text, every refusal answered and kept."""

    def decorate(view: Callable) -> Callable:
        @csrf_exempt
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            with translation.override("en"):
                connection = services.scim_connection_for_token(_token(request))
                if connection is None or connection.is_revoked:
                    detail = (
                        "This token has been revoked."
                        if connection is not None
                        else "A valid bearer token is required."
                    )
                    return _refused(request, connection, ScimError(401, detail))
                if request.method not in methods:
                    error = ScimError(405, f"{request.method} is not supported here.")
                    return _refused(request, connection, error)
                try:
                    return view(request, connection, *args, **kwargs)
                except RequestDataTooBig:
                    error = ScimError(413, "The request body is too large.", "tooLarge")
                    return _refused(request, connection, error)
                except ScimError as error:
                    return _refused(request, connection, error)

        return wrapped

    return decorate


def _body(request: HttpRequest) -> dict:
    return parse_body(request.body)


def _excluded(request: HttpRequest) -> set[str]:
    raw = request.GET.get("excludedAttributes", "")
    return {name.strip().lower() for name in raw.split(",") if name.strip()}


# --- Users ----------------------------------------------------------------------------------


def _page_of(found, start: int, count: int, resource) -> HttpResponse:
    """One page of a list (startIndex counts from 1), with the total the client pages by."""
    total = found.count()
    shown = list(found[start - 1 : start - 1 + count]) if count and total >= start else []
    return _answer(
        resources.list_response([resource(item) for item in shown], total=total, start=start)
    )


@scim_endpoint(("GET", "POST"))
def users(request: HttpRequest, connection: ScimConnection) -> HttpResponse:
    base = _base(request)
    if request.method == "POST":
        changes = user_from_resource(_body(request))
        user = services.scim_user_create(connection=connection, changes=changes)
        resource = resources.user_resource(user, base)
        return _answer(resource, 201, Location=resource["meta"]["location"])
    found = eq_filter(request.GET.get("filter"), ("userName", "externalId", "id"))
    start, count = page(request.GET)
    people = services.scim_users(connection)
    if found is not None:
        attribute, value = found
        if attribute == "userName":
            people = services.scim_users_named(people, value)
        elif attribute == "externalId":
            people = people.filter(
                external_identities__protocol=ExternalIdentity.Protocol.SCIM,
                external_identities__connection=connection.slug,
                external_identities__subject=value,
            )
        else:
            pk = resource_id(value)
            people = people.filter(pk=pk) if pk is not None else people.none()
    return _page_of(people, start, count, lambda user: resources.user_resource(user, base))


@scim_endpoint(("GET", "PUT", "PATCH", "DELETE"))
def user(request: HttpRequest, connection: ScimConnection, ident: str) -> HttpResponse:
    person = services.scim_user_get(connection=connection, ident=ident)
    if request.method == "DELETE":
        services.scim_user_delete(connection=connection, user=person)
        return _answer(None, 204)
    if request.method == "PUT":
        changes = user_from_resource(_body(request))
        person = services.scim_user_update(connection=connection, user=person, changes=changes)
    elif request.method == "PATCH":
        changes = user_from_patch(_body(request))
        person = services.scim_user_update(connection=connection, user=person, changes=changes)
    return _answer(resources.user_resource(person, _base(request)))


# --- Groups (departments) -------------------------------------------------------------------


@scim_endpoint(("GET", "POST"))
def groups(request: HttpRequest, connection: ScimConnection) -> HttpResponse:
    base = _base(request)
    if request.method == "POST":
        changes = group_from_resource(_body(request))
        department = services.scim_group_create(connection=connection, changes=changes)
        department = services.scim_group_get(connection=connection, ident=str(department.pk))
        resource = resources.group_resource(department, base)
        return _answer(resource, 201, Location=resource["meta"]["location"])
    found = eq_filter(request.GET.get("filter"), ("displayName", "id"))
    start, count = page(request.GET)
    departments = services.scim_groups(connection, members="members" not in _excluded(request))
    if found is not None:
        attribute, value = found
        if attribute == "displayName":
            departments = departments.filter(name__iexact=value)
        else:
            pk = resource_id(value)
            departments = departments.filter(pk=pk) if pk is not None else departments.none()
    return _page_of(
        departments, start, count, lambda department: resources.group_resource(department, base)
    )


@scim_endpoint(("GET", "PUT", "PATCH", "DELETE"))
def group(request: HttpRequest, connection: ScimConnection, ident: str) -> HttpResponse:
    members = "members" not in _excluded(request) and request.method in ("GET", "PUT")
    department = services.scim_group_get(connection=connection, ident=ident, members=members)
    if request.method == "DELETE":
        services.scim_group_delete(connection=connection, department=department)
        return _answer(None, 204)
    if request.method == "PATCH":
        changes = group_from_patch(_body(request))
        services.scim_group_update(connection=connection, department=department, changes=changes)
        return _answer(None, 204)
    if request.method == "PUT":
        changes = group_from_resource(_body(request))
        services.scim_group_update(connection=connection, department=department, changes=changes)
        department = services.scim_group_get(connection=connection, ident=ident)
    return _answer(resources.group_resource(department, _base(request)))


# --- discovery ------------------------------------------------------------------------------


@scim_endpoint(("GET",))
def service_provider_config(request: HttpRequest, connection: ScimConnection) -> HttpResponse:
    return _answer(resources.service_provider_config(_base(request)))


def _listed(items: list[dict], ident: str | None, kind: str) -> HttpResponse:
    if ident is None:
        return _answer(resources.list_response(items, total=len(items), start=1))
    found = next((item for item in items if item["id"] == ident), None)
    if found is None:
        raise ScimError(404, f"{kind} {ident} not found.")
    return _answer(found)


@scim_endpoint(("GET",))
def resource_types(
    request: HttpRequest, connection: ScimConnection, ident: str | None = None
) -> HttpResponse:
    return _listed(resources.resource_types(_base(request)), ident, "ResourceType")


@scim_endpoint(("GET",))
def schemas(
    request: HttpRequest, connection: ScimConnection, ident: str | None = None
) -> HttpResponse:
    return _listed(resources.schemas(_base(request)), ident, "Schema")
