"""Campaigns, reminders and "we miss you": humane pace, one attention budget for everything."""

import datetime as dt
from collections import Counter

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from ambassadors.models import Ambassador, Department, Notification, ProgrammeSettings, Stage
from ambassadors.quiet import is_quiet
from ambassadors.roles import Role
from ambassadors.services import TIME_TO_ACT, nudge_plan
from missions import services, tasks
from missions.models import Assignment, Campaign
from sharing import services as sharing
from sharing.models import Push
from tests.factories import make_user
from tests.factories.missions import mission
from tests.factories.sharing import make_item

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
S = Assignment.State


def campaign(*missions, **fields) -> Campaign:
    fields.setdefault("starts_at", timezone.now())
    fields.setdefault("window_hours", 48)
    made = Campaign.objects.create(name=fields.pop("name", "Open day"), **fields)
    made.missions.set(missions)
    return made


def test_campaign_offers_its_missions_to_the_segment_spread_over_the_window():
    sales = Department.objects.create(name="Sales")
    people = [make_user(Role.EMPLOYEE, department=sales) for _ in range(40)]
    elsewhere = make_user(Role.EMPLOYEE)
    production = make_user(Role.EMPLOYEE, department=sales, stage=Stage.PRODUCTION)
    like, comment = mission(), mission(kind="like", title_en="Like it")

    planned = services.campaign_plan(campaign=campaign(like, comment, department=sales))

    assert (planned.segment_size, planned.offered, planned.skipped) == (40, 40, 0)
    offers = Assignment.objects.filter(campaign=planned)
    assert offers.count() == 80
    assert set(offers.values_list("state", flat=True)) == {S.OFFERED}
    assert not Assignment.objects.filter(user__in=[elsewhere, production]).exists()
    # One nudge per person (not per mission), spread: no hour holds more than its share.
    nudges = Notification.objects.filter(idempotency_key__startswith=f"campaign:{planned.pk}:")
    assert nudges.count() == 40
    hours = Counter(n.visible_from.replace(minute=0, second=0, microsecond=0) for n in nudges)
    assert max(hours.values()) <= 40 / 48 + 2
    # Each offer shows up when its nudge does, not before.
    first = people[-1]
    nudge = nudges.get(recipient=first)
    assert {a.offered_at for a in offers.filter(user=first)} == {nudge.visible_from}


def test_campaign_planning_is_idempotent_and_respects_own_picks():
    person = make_user(Role.EMPLOYEE)
    like, comment = mission(), mission()
    services.mission_pick(user=person, mission=like)
    running = campaign(like, comment)
    tasks.plan_campaign(running.pk)
    tasks.plan_campaign(running.pk)
    assert Assignment.objects.filter(user=person).count() == 2
    assert Assignment.objects.get(user=person, mission=like).campaign is None
    assert Notification.objects.filter(kind="mission_offer").count() == 1


def test_one_budget_for_pushes_and_campaigns(awake_now):
    """Someone whose week is full of share suggestions gets no campaign offer on top."""
    ProgrammeSettings.objects.update(max_nudges_per_week=2)
    busy = make_user(Role.EMPLOYEE)
    free = make_user(Role.EMPLOYEE)
    for _ in range(2):
        sharing.push_plan(push=Push.objects.create(item=make_item(), window_hours=1))
    Notification.objects.filter(recipient=free, is_nudge=True).delete()

    planned = services.campaign_plan(campaign=campaign(mission(), window_hours=1))

    week = dt.timedelta(days=7)
    busy_nudges = sorted(
        Notification.objects.filter(recipient=busy, is_nudge=True).values_list(
            "visible_from", flat=True
        )
    )
    offer = Notification.objects.get(recipient=busy, kind="mission_offer")
    assert offer.visible_from >= busy_nudges[0] + week  # waits until the week has room
    for start in busy_nudges:
        assert sum(start <= moment < start + week for moment in busy_nudges) <= 2
    free_offer = Notification.objects.get(recipient=free, kind="mission_offer")
    assert free_offer.visible_from < timezone.now() + dt.timedelta(hours=2)
    assert planned.offered + planned.skipped == 2


def test_a_campaign_nobody_matches_is_refused_and_marked():
    nobody = campaign(mission(), language="en")
    with pytest.raises(services.MissionError):
        services.campaign_plan(campaign=nobody)
    assert tasks.plan_campaign(nobody.pk) == 0
    assert Campaign.objects.get(pk=nobody.pk).planned_at is not None


def test_hourly_task_starts_due_campaigns_and_ends_overdue_missions():
    person = make_user(Role.EMPLOYEE)
    due = campaign(mission(), starts_at=timezone.now() - dt.timedelta(minutes=5))
    later = campaign(mission(), starts_at=timezone.now() + dt.timedelta(days=1))
    overdue = services.mission_pick(user=person, mission=mission())
    Assignment.objects.filter(pk=overdue.pk).update(due_at=timezone.now() - dt.timedelta(hours=1))

    result = tasks.hourly()

    assert Campaign.objects.get(pk=due.pk).planned_at is not None
    assert Campaign.objects.get(pk=later.pk).planned_at is None
    assert Assignment.objects.get(pk=overdue.pk).state == S.EXPIRED
    assert result["expired"] >= 1
    # Expiring is quiet: no message about it.
    assert not Notification.objects.filter(recipient=person, kind__contains="expire").exists()


def test_one_reminder_before_an_accepted_mission_ends():
    person = make_user(Role.EMPLOYEE)
    soon = services.mission_pick(user=person, mission=mission(title_en="Due soon"))
    Assignment.objects.filter(pk=soon.pk).update(due_at=timezone.now() + dt.timedelta(days=1))
    far = services.mission_pick(user=person, mission=mission())

    assert services.reminders_send() == 1
    assert services.reminders_send() == 1  # the same reminder again, not a second one
    reminders = Notification.objects.filter(recipient=person, kind="mission_reminder")
    assert reminders.count() == 1
    reminder = reminders.get()
    assert "Due soon" in reminder.subject
    assert reminder.link == f"/missions/{soon.pk}/"
    assert reminder.visible_from < Assignment.objects.get(pk=soon.pk).due_at
    assert not Notification.objects.filter(link=f"/missions/{far.pk}/").exists()


def test_no_reminder_when_the_budget_leaves_no_moment_before_the_end():
    ProgrammeSettings.objects.update(max_nudges_per_week=1)
    person = make_user(Role.EMPLOYEE)
    Ambassador.objects.filter(user=person).update(max_nudges_per_week=1)
    push = Push.objects.create(item=make_item(), window_hours=1)
    sharing.push_plan(push=push)
    soon = services.mission_pick(user=person, mission=mission())
    Assignment.objects.filter(pk=soon.pk).update(due_at=timezone.now() + dt.timedelta(days=1))
    assert services.reminders_send() == 0


def _quiet(person: User, days: int) -> None:
    past = timezone.now() - dt.timedelta(days=days)
    User.objects.filter(pk=person.pk).update(last_login=past)
    Ambassador.objects.filter(user=person).update(consented_at=past)


def test_we_miss_you_once_a_month_only_for_quiet_people_who_want_email():
    quiet = make_user(Role.EMPLOYEE)
    no_email = make_user(Role.EMPLOYEE, channel_choices={"missions": []})
    active = make_user(Role.EMPLOYEE)
    for person in (quiet, no_email):
        _quiet(person, 45)
    _quiet(active, 45)
    User.objects.filter(pk=active.pk).update(last_login=timezone.now())

    assert tasks.miss_you() == 1
    assert tasks.miss_you() == 0  # the next day: nothing new
    notes = Notification.objects.filter(kind="miss_you")
    assert list(notes.values_list("recipient", flat=True)) == [quiet.pk]

    # Three weeks later it is still less than a month since the last one: nothing.
    later = timezone.now() + dt.timedelta(days=21)
    assert services.miss_you_send(now=later) == 0


def test_paused_people_get_no_offers_reminders_or_notes():
    person = make_user(Role.EMPLOYEE)
    _quiet(person, 45)
    Ambassador.objects.filter(user=person).update(status=Ambassador.Status.PAUSED)
    with pytest.raises(services.MissionError):
        services.campaign_plan(campaign=campaign(mission()))
    assert tasks.miss_you() == 0
    assert not Notification.objects.filter(recipient=person, is_nudge=True).exists()


def test_no_campaign_offer_after_its_missions_end():
    """People whose next free moment is after the missions end are left out and counted."""
    free = make_user(Role.EMPLOYEE)
    full = [make_user(Role.EMPLOYEE, max_nudges_per_week=1) for _ in range(3)]
    for user in full:  # each has one suggestion showing now, so no room for a week
        nudge_plan(ambassador=user.ambassador, kind="other", key=f"busy:{user.pk}", subject="x")
    ends = timezone.now() + dt.timedelta(days=3)
    short = mission(active_until=ends)

    planned = services.campaign_plan(campaign=campaign(short, window_hours=24))

    offers = Notification.objects.filter(kind="mission_offer")
    assert list(offers.values_list("recipient_id", flat=True)) == [free.pk]
    assert all(offer.visible_from <= ends - TIME_TO_ACT for offer in offers)
    assert not Assignment.objects.filter(user__in=full).exists()
    assert (planned.offered, planned.skipped, planned.skipped_after_end) == (1, 3, 3)


def test_campaign_offers_keep_the_programmes_quiet_hours():
    """Offers and their e-mails for people without quiet hours stay out of 20:00–08:00."""
    for _ in range(30):
        make_user(Role.EMPLOYEE)
    services.campaign_plan(campaign=campaign(mission(), window_hours=48))
    quiet = ProgrammeSettings.load().quiet_hours
    offers = Notification.objects.filter(kind="mission_offer")
    assert offers.count() == 30
    assert not any(is_quiet(offer.visible_from, quiet) for offer in offers)
    assert not any(is_quiet(offer.email_after, quiet) for offer in offers)


def test_offers_for_missions_ending_early_are_spread_over_the_time_they_have():
    """Missions that end before the window does: everyone with room is offered in time."""
    people = [make_user(Role.EMPLOYEE) for _ in range(12)]
    ends = timezone.now() + dt.timedelta(hours=40)
    planned = services.campaign_plan(campaign=campaign(mission(active_until=ends), window_hours=72))
    offers = Notification.objects.filter(kind="mission_offer")
    assert offers.count() == len(people)
    assert all(offer.visible_from <= ends - TIME_TO_ACT for offer in offers)
    assert (planned.skipped, planned.skipped_after_end) == (0, 0)
