"""The reminder: only for people who asked, about a question coming back, within the
attention budget, at most once a week."""

import datetime as dt

import pytest
from django.utils import timezone

from ambassadors.channels import Category, category_of
from ambassadors.models import Ambassador, Notification
from ambassadors.roles import Role
from ambassadors.services import nudge_plan
from refreshers import services, tasks
from refreshers.models import RefresherAnswer, RefresherQuestion, ReviewState
from refreshers.selectors import question_ref
from tests.factories import make_user
from tests.factories.guidelines import acknowledge
from tests.factories.refreshers import due_moment, make_question, option_ids

pytestmark = pytest.mark.django_db


def answered_once(user, question, *, remind=True):
    """`user` answered `question` once and its next time has come."""
    acknowledge(user, question.guideline)
    services.refresher_answer(
        user=user,
        ref=question_ref(question.pk),
        chosen=option_ids(question, True),
        language="nl",
        now=due_moment(),
    )
    ReviewState.objects.filter(user=user).update(due=timezone.now() - dt.timedelta(hours=1))
    services.reminder_choose(user=user, remind=remind)


def reminders(user=None):
    rows = Notification.objects.filter(kind=services.REMINDER_KIND)
    return rows.filter(recipient=user) if user else rows


def test_a_reminder_is_planned_once_for_people_who_asked(awake_now, guidelines):
    """Twice the same day, or again days later while the same question waits: still one."""
    question = make_question(guidelines.main)
    wants, does_not = make_user(Role.EMPLOYEE), make_user(Role.EMPLOYEE)
    answered_once(wants, question)
    answered_once(does_not, question, remind=False)

    assert tasks.daily() == 1
    assert tasks.daily() == 0
    assert services.reminders_plan(now=timezone.now() + dt.timedelta(days=9)) == 0
    note = reminders().get()
    assert note.recipient == wants
    assert note.is_nudge
    assert note.link == "/refreshers/"
    assert category_of(services.REMINDER_KIND) == Category.OTHER


def test_no_reminder_about_questions_never_answered(awake_now, guidelines):
    """A new question shows on the path; a reminder is about what comes back."""
    make_question(guidelines.main)
    person = make_user(Role.EMPLOYEE)
    acknowledge(person, guidelines.main)
    services.reminder_choose(user=person, remind=True)
    assert tasks.daily() == 0


def test_the_reminder_respects_the_attention_budget(awake_now, guidelines):
    """No budget: nothing. A full week: the reminder waits for room, not now."""
    question = make_question(guidelines.main)
    none_left = make_user(Role.EMPLOYEE, max_nudges_per_week=0)
    full = make_user(Role.EMPLOYEE, max_nudges_per_week=1)
    for person in (none_left, full):
        answered_once(person, question)
    nudge_plan(ambassador=full.ambassador, kind="other", key="busy", subject="Something else")

    services.reminders_plan()

    assert not reminders(none_left).exists()
    planned = reminders(full).get()
    assert planned.visible_from >= timezone.now() + dt.timedelta(days=6)


def test_paused_people_get_no_reminder(awake_now, guidelines):
    question = make_question(guidelines.main)
    person = make_user(Role.EMPLOYEE)
    answered_once(person, question)
    Ambassador.objects.filter(user=person).update(status=Ambassador.Status.PAUSED)
    assert services.reminders_plan() == 0


def test_the_daily_task_is_declared():
    from core import provisioning

    declared = {s.func for d in provisioning.declarations() for s in d.schedules}
    assert "refreshers.tasks.daily" in declared


def test_a_question_that_comes_back_again_brings_a_new_reminder(awake_now, guidelines):
    """Answered after the reminder, then due again weeks later: one more reminder."""
    question = make_question(guidelines.main)
    person = make_user(Role.EMPLOYEE)
    answered_once(person, question)
    assert services.reminders_plan() == 1
    later = timezone.now() + dt.timedelta(days=20)  # within the planning horizon
    ReviewState.objects.filter(user=person).update(due=later - dt.timedelta(hours=1))
    assert services.reminders_plan(now=later) == 1
    assert reminders(person).count() == 2


def test_no_reminder_about_a_question_no_longer_asked_and_its_schedule_goes(awake_now, guidelines):
    """Comms unticked "ask this question": the page cannot ask it, so no reminder points
    there, and the daily task drops its schedule (the answer stays for the report)."""
    question = make_question(guidelines.main)
    person = make_user(Role.EMPLOYEE)
    answered_once(person, question)
    RefresherQuestion.objects.filter(pk=question.pk).update(live=False)

    assert services.reminders_plan() == 0
    assert tasks.daily() == 0
    assert not ReviewState.objects.filter(user=person).exists()
    assert RefresherAnswer.objects.filter(user=person).count() == 1


def test_a_schedule_that_cannot_be_asked_does_not_hold_back_later_reminders(awake_now, guidelines):
    """An earlier due schedule of a question in the other language (the person switched) is
    not what the reminder waits for: each time their own question comes back, a reminder."""
    question = make_question(guidelines.main)
    elsewhere = make_question(guidelines.main, language="en")
    person = make_user(Role.EMPLOYEE)
    answered_once(person, question)
    ReviewState.objects.create(
        user=person, question=elsewhere, due=timezone.now() - dt.timedelta(days=3)
    )
    assert services.reminders_plan() == 1
    later = timezone.now() + dt.timedelta(days=20)
    ReviewState.objects.filter(question=question).update(due=later - dt.timedelta(hours=1))
    assert services.reminders_plan(now=later) == 1
    assert reminders(person).count() == 2


def test_no_reminder_once_the_person_no_longer_has_the_question(awake_now, guidelines):
    """The question only in the other language now that the person reads English."""
    question = make_question(guidelines.main)
    person = make_user(Role.EMPLOYEE)
    answered_once(person, question)
    Ambassador.objects.filter(user=person).update(language="en")
    assert services.reminders_plan() == 0
