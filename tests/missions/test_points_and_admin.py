"""Points from courses, badges at milestones, the opt-in leaderboard, query counts, and the
CMS side: campaigns and changing someone's stage by hand."""

import pytest
from django.utils import timezone

from ambassadors.models import Ambassador, Department, Notification, Stage
from ambassadors.roles import Role
from courses import services as courses
from missions import services
from missions.models import Assignment, Campaign, PointsEntry, StageChange, Submission
from tests.factories import make_user
from tests.factories.courses import build_tree
from tests.factories.missions import mission, submitted
from tests.queries import page_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
S = Assignment.State


def test_a_completed_course_earns_points_once(employee):
    tree = build_tree()
    Ambassador.objects.filter(user=employee).update(stage=Stage.PRODUCTION)  # may take stage 3
    courses.lesson_mark_done(user=employee, course=tree.stage3, lesson=tree.stage3_lesson)
    courses.lesson_mark_done(user=employee, course=tree.stage3, lesson=tree.stage3_lesson)
    assert services.points_total(user=employee) == services.COURSE_POINTS
    assert PointsEntry.objects.filter(user=employee).count() == 1


def test_badges_at_milestones_are_announced_once(employee):
    for number in range(6):
        services.points_award(user=employee, points=10, reason="test", key=f"t{number}")
    services.points_award(user=employee, points=10, reason="test", key="t0")  # a retry
    assert services.points_total(user=employee) == 60
    assert services.badges_earned(total=60) == [50]
    milestones = Notification.objects.filter(recipient=employee, kind="points_milestone")
    assert list(milestones.values_list("idempotency_key", flat=True)) == [
        f"milestone:{employee.pk}:50"
    ]


def _opted_in(user, *, anonymous=False, department=None):
    Ambassador.objects.filter(user=user).update(
        leaderboard_visible=True, leaderboard_anonymous=anonymous, department=department
    )
    return Ambassador.objects.get(user=user)


def test_leaderboard_shows_only_people_who_opted_in(client_for):
    sales = Department.objects.create(name="Sales")
    viewer, named, hidden, quiet = (make_user(Role.EMPLOYEE, language="en") for _ in range(4))
    _opted_in(viewer, department=sales)
    _opted_in(named, department=sales)
    _opted_in(hidden, anonymous=True)
    for number, person in enumerate((viewer, named, hidden, quiet)):
        services.points_award(user=person, points=10 * (number + 1), reason="t", key=f"k{number}")

    page = client_for(viewer).get("/missions/leaderboard/").content.decode()
    assert named.get_full_name() in page
    assert viewer.get_full_name() in page
    assert hidden.get_full_name() not in page
    assert "An ambassador" in page
    assert quiet.get_full_name() not in page
    assert ">40<" not in page

    team = client_for(viewer).get("/missions/leaderboard/?scope=team").content.decode()
    assert "An ambassador" not in team
    assert named.get_full_name() in team


def _rows(client, scope):
    return [
        (row.name, row.department)
        for row in client.get(f"/missions/leaderboard/?scope={scope}").context["rows"]
    ]


def test_anonymous_entry_names_its_department_only_when_five_take_part(client_for):
    """Rule of five: an anonymous entry's department shows only with five or more taking part."""
    small, large = Department.objects.create(name="Legal"), Department.objects.create(name="Sales")
    viewer = make_user(Role.EMPLOYEE, language="en")
    _opted_in(viewer, department=large)
    hidden_small = make_user(Role.EMPLOYEE)
    _opted_in(hidden_small, anonymous=True, department=small)
    hidden_large = make_user(Role.EMPLOYEE)
    _opted_in(hidden_large, anonymous=True, department=large)
    for _ in range(3):  # Sales: viewer, hidden_large and three more take part; Legal: two.
        make_user(Role.EMPLOYEE, department=large)
    make_user(Role.EMPLOYEE, department=small)
    for _ in range(5):  # invited people who have not joined do not make Legal big enough
        make_user(Role.EMPLOYEE, department=small, joined=False)
    services.points_award(user=hidden_small, points=30, reason="t", key="small")
    services.points_award(user=hidden_large, points=20, reason="t", key="large")

    client = client_for(viewer)
    assert _rows(client, "all")[:2] == [("An ambassador", ""), ("An ambassador", "Sales")]
    assert ">Legal<" not in client.get("/missions/leaderboard/").content.decode()

    # In a small department's own list the department goes without saying: no anonymous entry.
    colleague = make_user(Role.EMPLOYEE, language="en")
    _opted_in(colleague, department=small)
    assert _rows(client_for(colleague), "team") == [(colleague.get_full_name(), "Legal")]
    assert ("An ambassador", "Sales") in _rows(client, "team")


def test_leaderboard_is_closed_to_people_who_did_not_opt_in(client_for):
    viewer = make_user(Role.EMPLOYEE, language="en")
    shown = make_user(Role.EMPLOYEE)
    _opted_in(shown)
    page = client_for(viewer).get("/missions/leaderboard/").content.decode()
    assert shown.get_full_name() not in page
    assert "/profile/" in page


def _assignments(user, count):
    missions = [mission(title_en=f"Mission {n}") for n in range(count)]
    Assignment.objects.bulk_create(
        [
            Assignment(
                mission=m,
                user=user,
                state=[S.OFFERED, S.ACCEPTED, S.APPROVED, S.DECLINED][n % 4],
                accepted_at=timezone.now() if n % 4 in (1, 2) else None,
                due_at=timezone.now() + timezone.timedelta(days=3),
            )
            for n, m in enumerate(missions)
        ]
    )


def test_mission_list_queries_do_not_grow(client_for, employee, other_employee):
    _assignments(employee, 10)
    _assignments(other_employee, 500)
    mission(title_en="Free")
    small = page_queries(client_for(employee), "/missions/")
    large = page_queries(client_for(other_employee), "/missions/")
    assert small == large


def _waiting(count):
    person = make_user(Role.EMPLOYEE)
    created = [
        Assignment(
            mission=mission(title_en=f"M{n}"),
            user=person,
            state=S.SUBMITTED,
            accepted_at=timezone.now(),
            submitted_at=timezone.now(),
        )
        for n in range(count)
    ]
    Assignment.objects.bulk_create(created)


def test_review_queue_queries_do_not_grow(client_for, mentor):
    _waiting(10)
    small = page_queries(client_for(mentor), "/missions/review/")
    _waiting(490)
    large = page_queries(client_for(mentor), "/missions/review/")
    assert small == large
    one = submitted()
    Submission.objects.bulk_create(
        [Submission(assignment=one, link=f"https://x.example/{n}") for n in range(30)]
    )
    detail_small = page_queries(client_for(mentor), f"/missions/review/{submitted().pk}/")
    detail_large = page_queries(client_for(mentor), f"/missions/review/{one.pk}/")
    assert detail_small == detail_large


def test_comms_staff_create_a_campaign_in_the_cms(
    client_for, comms, django_capture_on_commit_callbacks
):
    """Saving a campaign whose start has come plans it straight away."""
    people = [make_user(Role.EMPLOYEE) for _ in range(3)]
    task = mission()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(comms).post(
            "/cms/snippets/missions/campaign/add/",
            {
                "name": "Open day",
                "missions": [task.pk],
                "stage": "1",
                "language": "",
                "starts_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
                "window_hours": "24",
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    made = Campaign.objects.get()
    assert made.created_by == comms
    assert made.planned_at is not None
    assert Assignment.objects.filter(campaign=made, user__in=people).count() == 3


def test_a_campaign_is_created_by_the_person_saving_it(client_for, comms):
    """The CMS form has no "created by" list; the creator is who saves it, whatever is posted."""
    someone_else = make_user(Role.EMPLOYEE, Role.COMMS)
    client = client_for(comms)
    form = client.get("/cms/snippets/missions/campaign/add/").content.decode()
    assert 'name="created_by"' not in form
    response = client.post(
        "/cms/snippets/missions/campaign/add/",
        {
            "name": "Open day",
            "missions": [mission().pk],
            "stage": "1",
            "language": "",
            "starts_at": (timezone.localtime() + timezone.timedelta(days=3)).strftime(
                "%Y-%m-%d %H:%M"
            ),
            "window_hours": "24",
            "created_by": str(someone_else.pk),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    made = Campaign.objects.get()
    assert made.created_by == comms
    edit = f"/cms/snippets/missions/campaign/edit/{made.pk}/"
    assert 'name="created_by"' not in client_for(someone_else).get(edit).content.decode()


def test_comms_staff_change_a_stage_by_hand_with_a_reason(client_for, comms, employee):
    ambassador = employee.ambassador
    client = client_for(comms)
    url = f"/cms/missions/stage/{ambassador.pk}/"
    missing = client.post(url, {"to_stage": "2", "reason": ""})
    assert missing.status_code == 200
    assert not StageChange.objects.exists()

    response = client.post(url, {"to_stage": "2", "reason": "Wrote for the blog for years."})
    assert response.status_code == 302
    change = StageChange.objects.get()
    assert (change.from_stage, change.to_stage, change.changed_by) == (1, 2, comms)
    assert change.reason == "Wrote for the blog for years."
    assert Ambassador.objects.get(pk=ambassador.pk).stage == Stage.CURATION
    assert Notification.objects.filter(recipient=employee, kind="stage_changed").exists()
    assert "Wrote for the blog" in client.get(url).content.decode()


def test_employees_cannot_change_stages(client_for, employee, other_employee):
    url = f"/cms/missions/stage/{other_employee.ambassador.pk}/"
    client_for(employee).post(url, {"to_stage": "3", "reason": "me"})
    assert Ambassador.objects.get(user=other_employee).stage == Stage.ENGAGEMENT
