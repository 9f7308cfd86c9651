"""SCIM 2.0 (RFC 7643/7644) as this platform speaks it: names, errors, filters, and reading a
client's User, Group and PATCH bodies into the platform's terms.

Pure functions, no database: `services` writes, `views` talks HTTP. Text here is protocol
text for the client's provisioning log (an IT administrator reads it), so it is English.

Reading is strict about types (a userName that is a number, an `active` that is an object:
400 invalidValue) and lenient about what we do not keep: attributes outside our schema, or in
it but not stored here (phoneNumbers, addresses, title...), are ignored, as RFC 7644 §3.3
allows. Entra ID's habits are accepted: capitalised ops ("Replace"), `active` as the string
"False", and single values wrapped as `[{"value": ...}]`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from core.sanitise import strip_controls

CONTENT_TYPE = "application/scim+json"
SCHEMA_USER = "urn:ietf:params:scim:schemas:core:2.0:User"
SCHEMA_ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
SCHEMA_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
SCHEMA_LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
SCHEMA_ERROR = "urn:ietf:params:scim:api:messages:2.0:Error"
SCHEMA_PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
SCHEMA_SERVICE_PROVIDER = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"
SCHEMA_RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType"
SCHEMA_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema"

MAX_RESULTS = 200


class ScimError(Exception):
    """A refusal in SCIM's shape: HTTP status, `scimType` (RFC 7644 §3.12) and a detail."""

    def __init__(self, status: int, detail: str, scim_type: str = ""):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.scim_type = scim_type

    def body(self) -> dict:
        body = {"schemas": [SCHEMA_ERROR], "status": str(self.status), "detail": self.detail}
        if self.scim_type:
            body["scimType"] = self.scim_type
        return body


def invalid_value(detail: str) -> ScimError:
    return ScimError(400, detail, "invalidValue")


def invalid_syntax(detail: str) -> ScimError:
    return ScimError(400, detail, "invalidSyntax")


def not_found(kind: str, ident: str) -> ScimError:
    return ScimError(404, f"{kind} {ident} not found.")


def conflict(detail: str) -> ScimError:
    return ScimError(409, detail, "uniqueness")


# --- reading values -------------------------------------------------------------------------


def _key(mapping: dict, name: str) -> str | None:
    """The key of `mapping` that is `name`: attribute names are case-insensitive (§2.1)."""
    wanted = name.lower()
    return next((key for key in mapping if isinstance(key, str) and key.lower() == wanted), None)


def _get(mapping: dict, name: str, default: Any = None) -> Any:
    key = _key(mapping, name)
    return mapping[key] if key is not None else default


def _unwrap(value: Any) -> Any:
    """Entra sometimes sends a single value as `[{"value": x}]`."""
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], dict):
        inner = _key(value[0], "value")
        if inner is not None and len(value[0]) == 1:
            return value[0][inner]
    return value


def text(value: Any, attribute: str, *, required: bool = False, max_length: int = 255) -> str:
    """A string attribute: control characters dropped, trimmed; null is empty."""
    value = _unwrap(value)
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise invalid_value(f"{attribute} must be a string.")
    value = strip_controls(value).strip()
    if required and not value:
        raise invalid_value(f"{attribute} is required.")
    if len(value) > max_length:
        raise invalid_value(f"{attribute} is longer than {max_length} characters.")
    return value


def resource_id(ident: str) -> int | None:
    """A resource's id as the row's key, or None when it cannot be one (not a number, or one
    too large for the database)."""
    return int(ident) if ident.isascii() and ident.isdigit() and len(ident) <= 18 else None


def boolean(value: Any, attribute: str) -> bool:
    """A boolean; Entra ID sends "True"/"False" as strings in PATCH operations."""
    value = _unwrap(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise invalid_value(f"{attribute} must be true or false.")


def parse_body(raw: bytes) -> dict:
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise invalid_syntax("The request body is not JSON.") from error
    if not isinstance(body, dict):
        raise invalid_syntax("The request body must be a JSON object.")
    return body


def page(params) -> tuple[int, int]:
    """`startIndex` (1-based) and `count` (RFC 7644 §3.4.2.4): odd values are clamped, text
    that is not a number is refused."""

    def number(name: str, default: int) -> int:
        raw = params.get(name)
        if raw in (None, ""):
            return default
        try:
            return int(raw)
        except ValueError as error:
            raise invalid_value(f"{name} must be a whole number.") from error

    start = max(1, number("startIndex", 1))
    count = min(max(0, number("count", MAX_RESULTS)), MAX_RESULTS)
    return start, count


# --- filters --------------------------------------------------------------------------------

_FILTER = re.compile(r'^\s*([A-Za-z][\w.:-]*)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$', re.IGNORECASE)


def eq_filter(expression: str | None, supported: tuple[str, ...]) -> tuple[str, str] | None:
    """`attribute eq "value"` → (attribute as in `supported`, value); None without a filter.

    Entra ID and most clients only ask this; anything else is a 400 invalidFilter rather
    than a guess.
    """
    if expression is None or not expression.strip():
        return None
    match = _FILTER.match(expression)
    if match is None:
        raise ScimError(
            400, 'Only filters of the form attribute eq "value" are supported.', "invalidFilter"
        )
    try:
        value = strip_controls(json.loads(f'"{match[2]}"'))
    except ValueError as error:
        raise ScimError(
            400, "The filter's value is not a valid string.", "invalidFilter"
        ) from error
    attribute = next((name for name in supported if name.lower() == match[1].lower()), None)
    if attribute is None:
        raise ScimError(
            400,
            f"Filtering on {match[1]} is not supported ({', '.join(supported)}).",
            "invalidFilter",
        )
    return attribute, value


# --- users ----------------------------------------------------------------------------------


@dataclass
class UserChanges:
    """What a client says about a person; None means "not said, leave it as it is"."""

    username: str | None = None
    external_id: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    department: str | None = None
    language: str | None = None
    active: bool | None = None


def _email(value: Any) -> str:
    """The address to keep from `emails`: the primary one, else the work one, else the first."""
    if value is None:
        return ""
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise invalid_value("emails must be a list of objects with a value.")
    if not value:
        return ""

    def rank(item: dict) -> int:
        primary = _get(item, "primary")
        if primary is True or (isinstance(primary, str) and primary.lower() == "true"):
            return 0
        return 1 if str(_get(item, "type", "")).lower() == "work" else 2

    chosen = sorted(value, key=rank)[0]
    return text(_get(chosen, "value"), "emails.value")


def _name(value: Any, changes: UserChanges) -> None:
    if value is None:
        value = {}
    if not isinstance(value, dict):
        raise invalid_value("name must be an object.")
    changes.first_name = text(_get(value, "givenName"), "name.givenName")
    changes.last_name = text(_get(value, "familyName"), "name.familyName")


def _enterprise(value: Any, changes: UserChanges) -> None:
    if value is None:
        value = {}
    if not isinstance(value, dict):
        raise invalid_value(f"{SCHEMA_ENTERPRISE} must be an object.")
    changes.department = text(_get(value, "department"), "department")


def user_from_resource(body: dict) -> UserChanges:
    """A whole User (POST, PUT): attributes left out are empty, except `active` (kept) and the
    e-mail address (the userName when it is one)."""
    schemas = _get(body, "schemas")
    if schemas is not None and not (
        isinstance(schemas, list) and all(isinstance(s, str) for s in schemas)
    ):
        raise invalid_syntax("schemas must be a list of strings.")
    changes = UserChanges(
        username=text(_get(body, "userName"), "userName", required=True, max_length=150),
        external_id=text(_get(body, "externalId"), "externalId"),
    )
    _name(_get(body, "name"), changes)
    changes.email = _email(_get(body, "emails")) or (
        changes.username if "@" in changes.username else ""
    )
    _enterprise(_get(body, SCHEMA_ENTERPRISE), changes)
    changes.language = text(_get(body, "preferredLanguage") or _get(body, "locale"), "language")
    if _get(body, "active") is not None:
        changes.active = boolean(_get(body, "active"), "active")
    return changes


# A PATCH path: an attribute (with its schema's URN in front, optionally), a value filter in
# brackets (emails[type eq "work"]) and a sub-attribute.
_PATH = re.compile(
    r"^(?:(?P<urn>urn:[\w.:-]+):)?(?P<attr>[A-Za-z][\w-]*)"
    r"(?:\[(?P<filter>[^\[\]]+)\])?(?:\.(?P<sub>[A-Za-z][\w-]*))?$"
)
_OPS = ("add", "replace", "remove")


def patch_operations(body: dict) -> list[tuple[str, str | None, Any]]:
    """The (op, path, value) of a PatchOp body, ops in lower case."""
    operations = _get(body, "Operations")
    if not isinstance(operations, list) or not operations:
        raise invalid_syntax("Operations must be a non-empty list.")
    found = []
    for operation in operations:
        if not isinstance(operation, dict):
            raise invalid_syntax("Each operation must be an object.")
        op = _get(operation, "op")
        if not isinstance(op, str) or op.lower() not in _OPS:
            raise invalid_syntax("op must be add, replace or remove.")
        path = _get(operation, "path")
        if path is not None and not isinstance(path, str):
            raise ScimError(400, "path must be a string.", "invalidPath")
        if op.lower() == "remove" and not path:
            raise ScimError(400, "A remove operation needs a path.", "noTarget")
        found.append((op.lower(), path or None, _get(operation, "value")))
    return found


def _split_path(path: str) -> tuple[str, str | None, str | None]:
    """(attribute, filter, sub-attribute), attribute names in lower case; the enterprise
    extension's attributes come as "enterprise:<name>"."""
    path = path.strip()
    if path.lower().startswith(SCHEMA_ENTERPRISE.lower() + ":"):
        return "enterprise:" + path[len(SCHEMA_ENTERPRISE) + 1 :].lower(), None, None
    if path.lower() == SCHEMA_ENTERPRISE.lower():
        return "enterprise", None, None
    match = _PATH.match(path)
    if match is None:
        raise ScimError(400, f"The path {path!r} is not valid.", "invalidPath")
    if match["urn"] and match["urn"].lower() != SCHEMA_USER.lower() and not match["filter"]:
        # Another extension's attribute: not ours to keep.
        return "other", None, None
    sub = match["sub"].lower() if match["sub"] else None
    return match["attr"].lower(), match["filter"], sub


def _patch_user_attribute(changes: UserChanges, path: str, value: Any, removing: bool) -> None:
    attribute, _filter, sub = _split_path(path)
    if removing:
        value = None
    if attribute == "username":
        if removing:
            raise invalid_value("userName is required and cannot be removed.")
        changes.username = text(value, "userName", required=True, max_length=150)
    elif attribute == "externalid":
        changes.external_id = text(value, "externalId")
    elif attribute == "active":
        if removing:
            raise invalid_value("active cannot be removed.")
        changes.active = boolean(value, "active")
    elif attribute == "name" and sub is None:
        _name(value, changes)
    elif attribute == "name" and sub == "givenname":
        changes.first_name = text(value, "name.givenName")
    elif attribute == "name" and sub == "familyname":
        changes.last_name = text(value, "name.familyName")
    elif attribute == "emails":
        email = text(value, "emails.value") if sub == "value" else _email(value)
        if removing or not email:
            raise invalid_value("An account needs an e-mail address; it cannot be removed.")
        changes.email = email
    elif attribute in ("preferredlanguage", "locale"):
        changes.language = text(value, attribute)
    elif attribute == "enterprise":
        _enterprise(value, changes)
    elif attribute == "enterprise:department":
        changes.department = text(value, "department")
    # Anything else (displayName, title, phoneNumbers, another extension...) is not kept here.


def user_from_patch(body: dict) -> UserChanges:
    """What a PatchOp on a User changes; add and replace are the same for single values."""
    changes = UserChanges()
    for op, path, value in patch_operations(body):
        if path is not None:
            _patch_user_attribute(changes, path, value, op == "remove")
            continue
        if not isinstance(value, dict):
            raise invalid_value("An operation without a path needs an object as its value.")
        for attribute, item in value.items():
            if not isinstance(attribute, str):
                raise invalid_syntax("Attribute names must be strings.")
            _patch_user_attribute(changes, attribute, item, removing=False)
    return changes


# --- groups ---------------------------------------------------------------------------------


@dataclass
class GroupChanges:
    """What a client says about a group (a department): None leaves a part as it is."""

    display_name: str | None = None
    members: set[str] | None = None  # replace with exactly these
    add: set[str] | None = None
    remove: set[str] | None = None
    remove_all: bool = False


def _member_ids(value: Any) -> set[str]:
    if value is None:
        return set()
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise invalid_value("members must be a list of objects with a value.")
    return {text(_get(item, "value"), "members.value", required=True) for item in value}


def group_from_resource(body: dict) -> GroupChanges:
    return GroupChanges(
        display_name=text(_get(body, "displayName"), "displayName", required=True),
        members=_member_ids(_get(body, "members")),
    )


_MEMBER_FILTER = re.compile(r'^\s*value\s+eq\s+"([^"]*)"\s*$', re.IGNORECASE)


def group_from_patch(body: dict) -> GroupChanges:
    changes = GroupChanges(add=set(), remove=set())
    for op, path, value in patch_operations(body):
        if path is None:
            if not isinstance(value, dict):
                raise invalid_value("An operation without a path needs an object as its value.")
            items = list(value.items())
        else:
            items = [(path, value)]
        for attribute_path, item in items:
            attribute, member_filter, _sub = _split_path(str(attribute_path))
            if attribute == "displayname":
                if op == "remove":
                    raise invalid_value("displayName is required and cannot be removed.")
                changes.display_name = text(item, "displayName", required=True)
            elif attribute == "members":
                if member_filter is not None:
                    match = _MEMBER_FILTER.match(member_filter)
                    if match is None or op != "remove":
                        raise ScimError(400, f"The path {path!r} is not valid.", "invalidPath")
                    changes.remove.add(match[1])
                elif op == "add":
                    changes.add |= _member_ids(item)
                elif op == "replace":
                    changes.members, changes.add, changes.remove = _member_ids(item), set(), set()
                elif item is None:
                    changes.remove_all, changes.add = True, set()
                else:
                    changes.remove |= _member_ids(item)
            # externalId and others: not kept for departments.
    return changes
