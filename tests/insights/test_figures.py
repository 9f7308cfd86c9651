"""Learning, missions, the desk and attention figures against values worked out by hand."""

import datetime as dt

import pytest
from django.utils import timezone

from ambassadors.models import Ambassador, Department, Notification
from ambassadors.roles import Role
from courses.models import Enrolment, QuizAttempt
from insights import rollups
from insights.dashboard import Filters
from insights.tables import build
from mentors.models import Rating, Ticket
from missions.models import Assignment, Mission
from tests.factories import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_learning_missions_desk_and_attention_by_hand():
    today = timezone.localdate()
    noon = timezone.make_aware(dt.datetime.combine(today, dt.time(12)))
    team = Department.objects.create(name="Service")
    people = [make_user(Role.EMPLOYEE, department=team) for _ in range(5)]
    # Learning: two quiz attempts (60 and 90 → average 75), one course started and completed.
    for person, score in ((people[0], 60), (people[1], 90)):
        QuizAttempt.objects.create(
            user=person,
            course_key="8b1c1f0e-0000-4000-8000-000000000001",
            lesson_key="8b1c1f0e-0000-4000-8000-000000000002",
            quiz_id="q",
            number=1,
            score=score,
            passed=score >= 70,
        )
    Enrolment.objects.create(
        user=people[2],
        course_key="8b1c1f0e-0000-4000-8000-000000000003",
        completed_at=noon,
        certificate_code="demo-certificate",
    )
    # Missions: one offered only, one approved after 6 hours of review.
    task = Mission.objects.create(stage=1, kind="comment", title_en="Comment")
    other = Mission.objects.create(stage=1, kind="comment", title_en="Comment again")
    Assignment.objects.create(mission=task, user=people[0], offered_at=noon)
    Assignment.objects.create(
        mission=other,
        user=people[1],
        offered_at=noon,
        accepted_at=noon,
        state="approved",
        submitted_at=noon,
        reviewed_at=noon + dt.timedelta(hours=6),
    )
    # Desk: one question answered after 2 hours, closed after 10, rated 4.
    ticket = Ticket.objects.create(
        kind="question",
        requester=people[3],
        subject="Q",
        body="?",
        state="resolved",
        first_response_at=noon + dt.timedelta(hours=2),
        resolved_at=noon + dt.timedelta(hours=10),
    )
    Ticket.objects.filter(pk=ticket.pk).update(created_at=noon)
    Rating.objects.create(ticket=ticket, satisfaction=4)
    # Attention: three nudges, one read.
    for number in range(3):
        Notification.objects.create(
            recipient=people[4],
            kind="share_suggestion",
            idempotency_key=f"n{number}",
            subject="S",
            is_nudge=True,
            visible_from=noon,
            read_at=noon if number == 0 else None,
        )
    rollups.refresh(today)

    built = build(Filters.from_query({"department": str(team.pk), "days": "7"}))
    learning = dict(built["tables"]["learning"].rows)
    assert learning["Quiz attempts"] == 2
    assert learning["Average quiz score (%)"] == 75.0
    assert learning["Courses started"] == 1
    assert learning["Courses completed"] == 1
    missions = built["tables"]["missions"].rows
    assert missions == [["Engagement", "Comment on a post", 2, 1, 0, 1, 0, 6.0]]
    desk = {row[0]: row[1:] for row in built["tables"]["desk"].rows}
    assert desk["Question"] == [1, 2.0, 10.0, 100.0, 100.0, 0, 4.0]
    attention = dict(built["tables"]["attention"].rows)
    assert attention["Suggestions and requests sent"] == 3
    assert attention["Of which still unread"] == 2
    # 3 nudges / 5 people taking part / 1 week
    assert attention["Per person taking part, per week"] == 0.6
    assert Ambassador.objects.filter(department=team).count() == 5


def test_desk_figures_agree_with_the_desk():
    """Requests open past their target are what the desk's "Breached" tab shows; insights
    counts them (as late) instead of showing every kind "resolved in time 100%" (#16.22)."""
    from mentors import selectors, services
    from tests.factories.mentors import file_request, make_mentor

    mentor = make_mentor("question", "ghostwriting", capacity=20, lead=True)
    now = timezone.now()
    # One question answered and closed in time today.
    done = file_request()
    services.ticket_reply(ticket=done, author=mentor, body="Here you go.")
    services.ticket_resolve(ticket=done, by=done.requester)
    # Two questions from last month, answered but open past their resolution target.
    late = [file_request() for _ in range(2)]
    for ticket in late:
        services.ticket_reply(ticket=ticket, author=mentor, body="Looking into it.")
    month_ago = now - dt.timedelta(days=30)
    Ticket.objects.filter(pk__in=[t.pk for t in late]).update(
        created_at=month_ago,
        first_response_at=month_ago + dt.timedelta(hours=1),
        resolution_due_at=now - dt.timedelta(days=20),
        resolution_warn_at=now - dt.timedelta(days=21),
    )
    # A ghostwriting request from last month nobody answered: past its response target.
    silent = file_request(kind="ghostwriting")
    Ticket.objects.filter(pk=silent.pk).update(
        created_at=month_ago,
        response_due_at=now - dt.timedelta(days=29),
        response_warn_at=now - dt.timedelta(days=29),
    )
    rollups.refresh(timezone.localdate())

    table = build(Filters.from_query({"days": "7"}))["tables"]["desk"]
    desk = {row[0]: row[1:] for row in table.rows}
    # filed, avg response, avg resolution, response in time, resolved in time, open past, score
    question = desk["Question"]
    assert question[0] == 1
    assert question[3] == 100.0  # one answered in time this week, none unanswered over time
    assert question[4] == round(100 / 3, 1)  # one closed in time, two open past the target
    assert question[5] == 2
    ghost = desk["Ghostwriting"]  # nothing happened this week, but it is over time now
    assert ghost[0] == 0
    assert ghost[3] == 0.0
    assert ghost[4] is None
    assert ghost[5] == 1
    breached_tab = selectors.queue_counts(user=mentor)["breached"]
    assert sum(row[6] for row in table.rows) == breached_tab == 3
    assert "still open past their target" in str(table.note)

    # The desk's own figures count them the same way.
    by_kind = {row.label: row for row in selectors.figures(group_by="kind")}
    assert by_kind["Question"].resolution_met == pytest.approx(1 / 3)
    assert by_kind["Question"].overdue == 2
    assert by_kind["Ghostwriting"].response_met == 0
