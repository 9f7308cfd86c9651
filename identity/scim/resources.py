"""What the platform answers: a person as a SCIM User, a department as a Group, and the
discovery documents (ServiceProviderConfig, ResourceTypes, Schemas) that describe exactly
the attributes kept here."""

from __future__ import annotations

from django.contrib.auth.models import User

from ambassadors.models import Ambassador, Department

from .protocol import (
    MAX_RESULTS,
    SCHEMA_ENTERPRISE,
    SCHEMA_GROUP,
    SCHEMA_LIST,
    SCHEMA_RESOURCE_TYPE,
    SCHEMA_SCHEMA,
    SCHEMA_SERVICE_PROVIDER,
    SCHEMA_USER,
)


def _ambassador(user: User) -> Ambassador | None:
    try:
        return user.ambassador
    except Ambassador.DoesNotExist:
        return None


def user_resource(user: User, base: str) -> dict:
    """`base` is the absolute URL of /scim/v2 (no trailing slash)."""
    ambassador = _ambassador(user)
    department = ambassador.department if ambassador is not None else None
    identities = getattr(user, "scim_identities", [])
    resource = {
        "schemas": [SCHEMA_USER, SCHEMA_ENTERPRISE],
        "id": str(user.pk),
        "userName": user.username,
        "name": {
            "givenName": user.first_name,
            "familyName": user.last_name,
            "formatted": user.get_full_name(),
        },
        "displayName": user.get_full_name() or user.username,
        "emails": [{"value": user.email, "type": "work", "primary": True}] if user.email else [],
        "active": user.is_active,
        SCHEMA_ENTERPRISE: {"department": department.name if department else ""},
        "meta": {
            "resourceType": "User",
            "created": user.date_joined.isoformat(),
            "location": f"{base}/Users/{user.pk}",
        },
    }
    if identities:
        resource["externalId"] = identities[0].subject
    if ambassador is not None:
        resource["preferredLanguage"] = ambassador.language
    return resource


def group_resource(department: Department, base: str) -> dict:
    resource = {
        "schemas": [SCHEMA_GROUP],
        "id": str(department.pk),
        "displayName": department.name,
        "meta": {"resourceType": "Group", "location": f"{base}/Groups/{department.pk}"},
    }
    members = getattr(department, "scim_members", None)
    if members is not None:
        resource["members"] = [
            {"value": str(member.user_id), "$ref": f"{base}/Users/{member.user_id}"}
            for member in members
        ]
    return resource


def list_response(resources: list[dict], *, total: int, start: int) -> dict:
    return {
        "schemas": [SCHEMA_LIST],
        "totalResults": total,
        "startIndex": start,
        "itemsPerPage": len(resources),
        "Resources": resources,
    }


# --- discovery (RFC 7644 §4) ----------------------------------------------------------------


def service_provider_config(base: str) -> dict:
    return {
        "schemas": [SCHEMA_SERVICE_PROVIDER],
        "patch": {"supported": True},
        "bulk": {"supported": False, "maxOperations": 0, "maxPayloadSize": 0},
        "filter": {"supported": True, "maxResults": MAX_RESULTS},
        "changePassword": {"supported": False},
        "sort": {"supported": False},
        "etag": {"supported": False},
        "authenticationSchemes": [
            {
                "type": "oauthbearertoken",
                "name": "Bearer token",
                "description": "A token an administrator makes in the CMS "
                "(Settings → Provisioning connections), sent as Authorization: Bearer <token>.",
                "primary": True,
            }
        ],
        "meta": {
            "resourceType": "ServiceProviderConfig",
            "location": f"{base}/ServiceProviderConfig",
        },
    }


def resource_types(base: str) -> list[dict]:
    return [
        {
            "schemas": [SCHEMA_RESOURCE_TYPE],
            "id": "User",
            "name": "User",
            "endpoint": "/Users",
            "description": "A person: an employee who may take part in the programme.",
            "schema": SCHEMA_USER,
            "schemaExtensions": [{"schema": SCHEMA_ENTERPRISE, "required": False}],
            "meta": {"resourceType": "ResourceType", "location": f"{base}/ResourceTypes/User"},
        },
        {
            "schemas": [SCHEMA_RESOURCE_TYPE],
            "id": "Group",
            "name": "Group",
            "endpoint": "/Groups",
            "description": "A department; its members are the people in it.",
            "schema": SCHEMA_GROUP,
            "meta": {"resourceType": "ResourceType", "location": f"{base}/ResourceTypes/Group"},
        },
    ]


def _attribute(
    name,
    description,
    *,
    type_="string",
    required=False,
    multi=False,
    unique="none",
    case_exact=False,
    mutability="readWrite",
    sub=None,
) -> dict:
    attribute = {
        "name": name,
        "type": type_,
        "multiValued": multi,
        "description": description,
        "required": required,
        "caseExact": case_exact,
        "mutability": mutability,
        "returned": "default",
        "uniqueness": unique,
    }
    if sub is not None:
        attribute["subAttributes"] = sub
    return attribute


def schemas(base: str) -> list[dict]:
    user_attributes = [
        _attribute(
            "userName",
            "Sign-in name, usually the UPN or e-mail address; unique.",
            required=True,
            unique="server",
        ),
        _attribute("externalId", "The client's id for the person.", case_exact=True),
        _attribute(
            "name",
            "The person's name.",
            type_="complex",
            sub=[
                _attribute("givenName", "First name."),
                _attribute("familyName", "Last name."),
                _attribute("formatted", "Full name.", mutability="readOnly"),
            ],
        ),
        _attribute(
            "displayName", "Full name (read only here: made from the name).", mutability="readOnly"
        ),
        _attribute(
            "emails",
            "The work address; the primary one is kept.",
            type_="complex",
            multi=True,
            sub=[
                _attribute("value", "The address."),
                _attribute("type", "work"),
                _attribute("primary", "The address kept.", type_="boolean"),
            ],
        ),
        _attribute("preferredLanguage", "nl or en; followed until the person joins."),
        _attribute("active", "False switches the account off.", type_="boolean"),
    ]
    return [
        {
            "schemas": [SCHEMA_SCHEMA],
            "id": SCHEMA_USER,
            "name": "User",
            "description": "A person",
            "attributes": user_attributes,
            "meta": {"resourceType": "Schema", "location": f"{base}/Schemas/{SCHEMA_USER}"},
        },
        {
            "schemas": [SCHEMA_SCHEMA],
            "id": SCHEMA_ENTERPRISE,
            "name": "EnterpriseUser",
            "description": "Enterprise attributes kept here",
            "attributes": [_attribute("department", "The person's department.")],
            "meta": {"resourceType": "Schema", "location": f"{base}/Schemas/{SCHEMA_ENTERPRISE}"},
        },
        {
            "schemas": [SCHEMA_SCHEMA],
            "id": SCHEMA_GROUP,
            "name": "Group",
            "description": "A department",
            "attributes": [
                _attribute(
                    "displayName", "The department's name; unique.", required=True, unique="server"
                ),
                _attribute(
                    "members",
                    "The people in the department.",
                    type_="complex",
                    multi=True,
                    sub=[
                        _attribute("value", "A user's id.", mutability="immutable"),
                        _attribute(
                            "$ref", "The user's URL.", type_="reference", mutability="immutable"
                        ),
                    ],
                ),
            ],
            "meta": {"resourceType": "Schema", "location": f"{base}/Schemas/{SCHEMA_GROUP}"},
        },
    ]
