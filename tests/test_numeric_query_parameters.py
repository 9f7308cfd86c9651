"""Numbers in query strings: odd or huge values are refused or ignored, never a server error."""

import pytest

from ambassadors.roles import Role
from core.numbers import parse_int
from tests.factories import make_user
from tests.factories.missions import submitted

pytestmark = pytest.mark.django_db

HOSTILE = ["²", "99999999999999999999", "-1", "1e5", "٣", "0x10", " 3", "", "2147483648"]

# Each URL with {v} where a number goes; requested by a joined superuser (every page open).
URLS = [
    "/missions/?draft=desk-{v}",
    "/missions/review/?stage={v}",
    "/missions/review/?campaign={v}",
    "/missions/review/?older_than={v}&page={v}",
    "/insights/?department={v}",
    "/insights/?topic={v}",
    "/insights/?stage={v}&days={v}",
    "/insights/export/sharing.csv?department={v}&topic={v}&stage={v}",
    "/desk/?page={v}",
    "/help/?page={v}",
    "/notifications/?page={v}",
    "/search/?q=social&page={v}",
    "/missions/leaderboard/?scope={v}",
    "/cms/guideline-acknowledgements/?p={v}&status={v}",
    "/cms/snippets/ambassadors/ambassador/?department={v}",
    "/cms/snippets/ambassadors/ambassador/?stage={v}",
    "/cms/snippets/ambassadors/ambassador/?p={v}",
    "/cms/snippets/sharing/contentitem/?min_stage={v}",
    "/cms/snippets/sharing/contentitem/?topics={v}",
    "/cms/snippets/missions/mission/?stage={v}",
    "/cms/snippets/missions/campaign/?p={v}",
    "/cms/snippets/mentors/cannedresponse/?kind={v}",
    "/cms/snippets/mentors/mentorprofile/?is_team_lead={v}",
    "/cms/users/?group={v}&p={v}",
    "/cms/images/?collection_id={v}&p={v}",
    "/cms/pages/?p={v}",
    "/cms/attention-calendar/?view={v}&day={v}",
]


@pytest.fixture
def everyone_sees_all(client_for):
    submitted()
    user = make_user(Role.EMPLOYEE, Role.MENTOR, Role.COMMS, Role.ADMIN, superuser=True)
    return client_for(user)


@pytest.mark.parametrize("url", URLS)
def test_odd_numbers_never_give_a_server_error(everyone_sees_all, url):
    """Every numeric parameter with a hostile value answers 200, 302 or 400, not 500."""
    failures = []
    for value in HOSTILE:
        path = url.format(v=value)
        try:
            status = everyone_sees_all.get(path).status_code
        except Exception as error:  # noqa: BLE001 - the test reports every failure at once
            failures.append(f"{path}: {type(error).__name__}: {error}")
            continue
        if status >= 500:
            failures.append(f"{path}: {status}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12", 12),
        ("0", 0),
        ("²", None),
        ("٣", None),
        ("-1", None),
        ("1e5", None),
        (" 3", None),
        ("99999999999999999999", None),
        ("2147483648", None),
        ("", None),
        (None, None),
        (7, 7),
    ],
)
def test_one_strict_rule_for_numbers(value, expected):
    """ASCII digits within a database integer's range, nothing else."""
    assert parse_int(value) == expected


def test_an_odd_number_leaves_the_filter_out(everyone_sees_all):
    """A review queue filtered by an odd campaign shows the whole queue instead of failing."""
    page = everyone_sees_all.get("/missions/review/?campaign=²")
    assert page.status_code == 200
    assert len(page.context["page"].object_list) == 1


def test_odd_numbers_in_desk_forms_never_give_a_server_error(client_for):
    """The desk's hand-over and canned-response deletion read ids from the form strictly."""
    from mentors.models import CannedResponse
    from tests.factories.mentors import file_request, make_mentor

    lead = make_mentor("question", lead=True)
    ticket = file_request()
    canned = CannedResponse.objects.create(title="Thanks", body="Thank you for asking.")
    client = client_for(lead)
    for value in HOSTILE:
        handed = client.post(f"/desk/{ticket.pk}/", {"action": "reassign", "to_user": value})
        assert handed.status_code < 500, (value, handed.status_code)
        deleted = client.post("/desk/canned/", {"delete": value})
        assert deleted.status_code < 500, (value, deleted.status_code)
    assert CannedResponse.objects.filter(pk=canned.pk).exists()
