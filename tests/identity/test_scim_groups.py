"""SCIM Groups are departments: members put people in them; and the discovery documents
describe exactly what is kept."""

import pytest
from wagtail.models import ModelLogEntry

from ambassadors.models import Ambassador, Department
from ambassadors.roles import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db

GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"


def department_of(user):
    return Ambassador.objects.get(user=user).department


@pytest.fixture
def people(db):
    return [make_user(Role.EMPLOYEE, joined=False) for _ in range(3)]


def test_create_a_group_with_members(scim, people):
    response = scim.post(
        "Groups",
        {
            "schemas": [GROUP],
            "displayName": "Sales",
            "externalId": "grp-sales",
            "members": [{"value": str(people[0].pk)}, {"value": str(people[1].pk)}],
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    department = Department.objects.get(pk=body["id"])
    assert department.name == "Sales"
    assert {m["value"] for m in body["members"]} == {str(people[0].pk), str(people[1].pk)}
    assert department_of(people[0]) == department_of(people[1]) == department
    assert department_of(people[2]) is None


def test_find_a_group_by_name_and_leave_out_members(scim, people):
    sales = Department.objects.create(name="Sales")
    Ambassador.objects.filter(user=people[0]).update(department=sales)
    body = scim.get("Groups", filter='displayName eq "sales"').json()
    assert body["totalResults"] == 1
    assert body["Resources"][0]["members"] == [
        {"value": str(people[0].pk), "$ref": f"http://testserver/scim/v2/Users/{people[0].pk}"}
    ]
    body = scim.get(f"Groups/{sales.pk}", excludedAttributes="members").json()
    assert body["displayName"] == "Sales"
    assert "members" not in body


def test_patch_members_moves_people_in_and_out(scim, people):
    """Entra's forms: add a list of values; remove by a value filter in the path."""
    sales = Department.objects.create(name="Sales")
    marketing = Department.objects.create(name="Marketing")
    Ambassador.objects.filter(user=people[2]).update(department=marketing)
    response = scim.patch(
        f"Groups/{sales.pk}",
        {
            "op": "Add",
            "path": "members",
            "value": [{"value": str(people[0].pk)}, {"value": str(people[2].pk)}],
        },
    )
    assert response.status_code == 204
    assert department_of(people[0]) == department_of(people[2]) == sales
    response = scim.patch(
        f"Groups/{sales.pk}",
        {"op": "Remove", "path": f'members[value eq "{people[0].pk}"]'},
        {"op": "Replace", "path": "displayName", "value": "Sales & Service"},
    )
    assert response.status_code == 204
    assert department_of(people[0]) is None
    sales.refresh_from_db()
    assert sales.name == "Sales & Service"
    # Removing someone who is in another department leaves them there.
    scim.patch(
        f"Groups/{marketing.pk}", {"op": "Remove", "path": f'members[value eq "{people[0].pk}"]'}
    )
    assert department_of(people[2]) == sales


def test_group_refusals(scim, people):
    """A taken name is a conflict, unknown members and groups are refused; nothing changes."""
    sales = Department.objects.create(name="Sales")
    Department.objects.create(name="Finance")
    response = scim.post("Groups", {"displayName": "SALES"})
    assert (response.status_code, response.json()["scimType"]) == (409, "uniqueness")
    response = scim.patch(
        f"Groups/{sales.pk}",
        {
            "op": "add",
            "path": "members",
            "value": [{"value": str(people[0].pk)}, {"value": "999999"}],
        },
    )
    assert (response.status_code, response.json()["scimType"]) == (400, "invalidValue")
    assert department_of(people[0]) is None
    response = scim.patch(
        f"Groups/{sales.pk}", {"op": "replace", "path": "displayName", "value": "finance"}
    )
    assert response.status_code == 409
    assert scim.post("Groups", {"displayName": 5}).status_code == 400
    assert scim.get("Groups/999999").status_code == 404
    assert ModelLogEntry.objects.filter(action="academy.scim_refused").count() == 5


def test_delete_a_group_keeps_its_people(scim, people):
    sales = Department.objects.create(name="Sales")
    Ambassador.objects.filter(user=people[0]).update(department=sales)
    assert scim.delete(f"Groups/{sales.pk}").status_code == 204
    assert not Department.objects.filter(pk=sales.pk).exists()
    assert department_of(people[0]) is None
    assert Ambassador.objects.filter(user=people[0]).exists()


def test_put_sets_exactly_these_members(scim, people):
    sales = Department.objects.create(name="Sales")
    Ambassador.objects.filter(user__in=people[:2]).update(department=sales)
    response = scim.put(
        f"Groups/{sales.pk}", {"displayName": "Sales", "members": [{"value": str(people[2].pk)}]}
    )
    assert response.status_code == 200
    assert [m["value"] for m in response.json()["members"]] == [str(people[2].pk)]
    assert [department_of(p) for p in people] == [None, None, sales]


# --- discovery ------------------------------------------------------------------------------


def test_service_provider_config_says_what_is_supported(scim):
    body = scim.get("ServiceProviderConfig").json()
    assert body["patch"] == {"supported": True}
    assert body["filter"] == {"supported": True, "maxResults": 200}
    assert body["bulk"]["supported"] is False
    assert body["etag"]["supported"] is False
    assert body["authenticationSchemes"][0]["type"] == "oauthbearertoken"


def test_resource_types_and_schemas_describe_users_and_groups(scim):
    types = scim.get("ResourceTypes").json()
    assert [t["id"] for t in types["Resources"]] == ["User", "Group"]
    assert types["totalResults"] == 2
    user_type = scim.get("ResourceTypes/User").json()
    assert user_type["schemaExtensions"] == [
        {"schema": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "required": False}
    ]
    schemas = scim.get("Schemas").json()["Resources"]
    assert [s["id"] for s in schemas] == [
        "urn:ietf:params:scim:schemas:core:2.0:User",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
        GROUP,
    ]
    user = scim.get("Schemas/urn:ietf:params:scim:schemas:core:2.0:User").json()
    names = [a["name"] for a in user["attributes"]]
    assert names == [
        "userName",
        "externalId",
        "name",
        "displayName",
        "emails",
        "preferredLanguage",
        "active",
    ]
    assert user["attributes"][0]["uniqueness"] == "server"
    assert scim.get("Schemas/urn:example:nothing").status_code == 404
    assert scim.get("ResourceTypes/Nothing").status_code == 404


def test_group_lists_take_as_many_queries_with_few_or_many_members(scim):
    """Members come in one query, however many people a department has."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def measure(n):
        department = Department.objects.create(name=f"Team {n}")
        for _ in range(n):
            Ambassador.objects.filter(user=make_user(Role.EMPLOYEE, joined=False)).update(
                department=department
            )
        scim.get("Groups")
        with CaptureQueriesContext(connection) as captured:
            body = scim.get("Groups").json()
        assert sum(len(g["members"]) for g in body["Resources"]) >= n
        return len(captured)

    assert measure(2) == measure(9)
