"""The test factories make rows the apps accept: each one once, with its defaults."""

import pytest

from ambassadors.models import Ambassador
from ambassadors.roles import Role
from courses.models import LessonPage
from mentors.models import Ticket
from missions.models import Assignment
from sharing.models import ContentItem
from tests.factories import ambassadors, courses, guidelines, insights, mentors, missions, sharing

pytestmark = pytest.mark.django_db


def test_make_user_gives_a_joined_employee_who_can_log_in(client):
    user = ambassadors.make_user()
    assert user.groups.filter(name=Role.EMPLOYEE.value).exists()
    assert user.ambassador.status == Ambassador.Status.ACTIVE
    assert client.login(username=user.username, password=ambassadors.PASSWORD)
    newcomer = ambassadors.make_user(Role.EMPLOYEE, Role.MENTOR, joined=False, language="en")
    assert newcomer.ambassador.status == Ambassador.Status.INVITED
    assert ambassadors.AmbassadorFactory().status == Ambassador.Status.ACTIVE
    roles = set(newcomer.groups.values_list("name", flat=True))
    assert roles == {Role.EMPLOYEE.value, Role.MENTOR.value}
    assert newcomer.username != user.username


@pytest.mark.parametrize(
    "factory",
    [
        ambassadors.TopicFactory,
        ambassadors.DepartmentFactory,
        ambassadors.SocialProfileFactory,
        ambassadors.NotificationFactory,
        courses.EnrolmentFactory,
        courses.QuizAttemptFactory,
        insights.SummarySubscriptionFactory,
        mentors.MentorProfileFactory,
        mentors.TicketFactory,
        mentors.CannedResponseFactory,
        missions.MissionFactory,
        missions.AssignmentFactory,
        missions.CampaignFactory,
        sharing.ContentItemFactory,
        sharing.ShareFactory,
        sharing.ClickFactory,
        sharing.DismissalFactory,
        sharing.PushFactory,
        sharing.NewsFeedFactory,
    ],
)
def test_each_factory_makes_a_stored_row(factory):
    first, second = factory(), factory()
    assert first.pk
    assert second.pk
    assert first.pk != second.pk
    assert type(first).objects.filter(pk__in=[first.pk, second.pk]).count() == 2


def test_a_holiday_is_made_once_per_date():
    import datetime as dt

    day = dt.date(2030, 12, 25)
    assert mentors.HolidayFactory(date=day) == mentors.HolidayFactory(date=day)


def test_an_item_has_its_texts_and_topics():
    topic = ambassadors.TopicFactory()
    item = sharing.make_item(topics=[topic], variants=3)
    assert isinstance(item, ContentItem)
    assert [variant.network for variant in item.variants.all()].count("linkedin") == 3
    assert list(item.topics.all()) == [topic]


def test_pages_are_published_under_their_parent_with_quiz_ids():
    tree = courses.build_tree()
    assert tree.stage1.live
    assert tree.stage1.get_parent().specific == tree.index
    assert list(tree.stage1.prerequisites.all()) == [tree.basics]
    lesson = LessonPage.objects.get(pk=tree.quiz_lesson.pk)
    quiz = lesson.quizzes()[0]
    assert quiz.id
    assert all(question.id for question in quiz.value["questions"].bound_blocks)
    draft = courses.LessonPageFactory(parent=tree.basics, publish=False)
    assert draft.latest_revision is None


def test_guidelines_have_sections_and_a_strategy_with_a_theme():
    built = guidelines.build_guidelines()
    assert built.main.version == 1
    assert [block.block_type for block in built.privacy.body] == ["principles"]
    assert [theme.topic.slug for theme in built.strategy.themes.all()] == ["duurzaamheid"]


def test_submitted_work_and_a_filed_request():
    assignment = missions.submitted()
    assert assignment.state == Assignment.State.SUBMITTED
    assert assignment.submissions.get().screenshot
    ticket = mentors.file_request()  # no mentor yet: it waits in the queue
    assert ticket.state == Ticket.State.QUEUED
    closed = mentors.TicketFactory(state=Ticket.State.RESOLVED)
    assert closed.open_since is None
