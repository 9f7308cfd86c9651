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
    assert desk["Question"] == [1, 2.0, 10.0, 100.0, 100.0, 4.0]
    attention = dict(built["tables"]["attention"].rows)
    assert attention["Suggestions and requests sent"] == 3
    assert attention["Of which still unread"] == 2
    # 3 nudges / 5 people taking part / 1 week
    assert attention["Per person taking part, per week"] == 0.6
    assert Ambassador.objects.filter(department=team).count() == 5
