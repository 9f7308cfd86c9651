"""The chat and push outbox: a channel is one more way for a notification to arrive, never
an extra nudge; quiet hours, the person's choices and in-app reading hold at the moment it
goes; nothing is sent twice and nothing is lost.

The channel here is a recording one registered for the test: the engine is what is tested.
Each real channel (push, Slack, Teams) has its own tests against a local server."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ambassadors import channels as ambassador_channels
from ambassadors.models import Ambassador, Notification
from ambassadors.roles import Role
from ambassadors.selectors import budget_status
from ambassadors.services import Nudge, notify, nudge_plan_many
from integrations.channels import base, outbox
from integrations.models import ChannelDelivery
from tests.factories.ambassadors import make_user

pytestmark = pytest.mark.django_db

CODE = "recorder"


@dataclass
class Recorder:
    """A channel that records what it was asked to send and answers as told."""

    code: str = CODE
    on: bool = True
    linked: set[int] = field(default_factory=set)
    answers: list[base.Outcome] = field(default_factory=list)
    sent: list[tuple[int, str, str]] = field(default_factory=list)  # (user, language, subject)
    raises: bool = False

    def available(self) -> bool:
        return self.on

    def reachable(self, user_ids) -> set[int]:
        return self.linked & set(user_ids)

    def send(self, deliveries):
        if self.raises:
            raise ConnectionError("the chat service is down")
        outcomes = []
        for delivery in deliveries:
            recipient = delivery.notification.recipient
            language = recipient.ambassador.language
            text = delivery.notification.text_in(language)
            self.sent.append((recipient.pk, language, text.subject))
            outcomes.append(self.answers.pop(0) if self.answers else base.SENT)
        return outcomes


@pytest.fixture
def recorder():
    channel = Recorder()
    base.sender_register(channel)
    ambassador_channels.channel_offer(
        ambassador_channels.ChannelOffer(
            code=CODE,
            label="Recorder",
            available=channel.available,
            reaches=lambda user: user.pk in channel.linked,
        )
    )
    yield channel
    base._senders.pop(CODE, None)
    ambassador_channels._offers.pop(CODE, None)


def _person(recorder, *, linked=True, chosen=("email", CODE), category="other", **profile):
    user = make_user(Role.EMPLOYEE, channel_choices={category: list(chosen)}, **profile)
    Notification.objects.filter(recipient=user, kind="welcome").delete()
    if linked:
        recorder.linked.add(user.pk)
    return user


def _notify(user, key="news-1", kind="news"):
    return notify(recipient=user, kind=kind, key=key, subject="Something new")


def _shift_quiet_hours(user, *, now_inside: bool):
    """Quiet hours around now (or far from now), whatever the hour the test runs at."""
    local = timezone.localtime()
    if now_inside:
        start, end = local - dt.timedelta(hours=1), local + dt.timedelta(hours=2)
    else:
        start, end = local + dt.timedelta(hours=10), local + dt.timedelta(hours=11)
    Ambassador.objects.filter(user=user).update(
        quiet_hours_start=start.time().replace(second=0, microsecond=0),
        quiet_hours_end=end.time().replace(second=0, microsecond=0),
    )


def test_a_notification_gets_one_delivery_per_chosen_channel_that_reaches(recorder):
    """Chosen and linked: a delivery; not chosen, not linked, paused, or the channel not set
    up: none. In-app shows in every case."""
    chosen = _person(recorder)
    not_chosen = _person(recorder, chosen=("email",))
    not_linked = _person(recorder, linked=False)
    paused = _person(recorder, channels_paused=True)
    for user in (chosen, not_chosen, not_linked, paused):
        _notify(user, key=f"news-{user.pk}")
    rows = ChannelDelivery.objects.all()
    assert [(row.notification.recipient_id, row.channel) for row in rows] == [(chosen.pk, CODE)]
    assert Notification.objects.visible().count() == 4

    recorder.on = False
    _notify(chosen, key="news-off")
    assert ChannelDelivery.objects.count() == 1


def test_a_notification_planned_again_gets_no_second_delivery(recorder):
    user = _person(recorder)
    first = _notify(user)
    again = _notify(user)
    assert first.pk == again.pk
    assert ChannelDelivery.objects.count() == 1


def test_due_deliveries_are_sent_once_in_the_recipients_language(recorder):
    """Sent by the sweep in the person's language; a second sweep sends nothing more."""
    english = _person(recorder, language="en")
    dutch = _person(recorder, language="nl")
    from django.utils.translation import gettext_lazy

    for user in (english, dutch):
        notify(
            recipient=user,
            kind="news",
            key=f"thanks-{user.pk}",
            subject=gettext_lazy("Your profile has been saved."),
        )
    _shift_quiet_hours(english, now_inside=False)
    _shift_quiet_hours(dutch, now_inside=False)
    ChannelDelivery.objects.update(send_after=timezone.now())
    assert outbox.deliveries_sweep() == 2
    assert sorted(recorder.sent) == sorted(
        [
            (english.pk, "en", "Your profile has been saved."),
            (dutch.pk, "nl", "Je profiel is opgeslagen."),
        ]
    )
    assert set(ChannelDelivery.objects.values_list("status", flat=True)) == {"sent"}
    assert outbox.deliveries_sweep() == 0
    assert len(recorder.sent) == 2


def test_quiet_hours_hold_when_planned_and_again_when_sent(recorder):
    """Planned inside quiet hours: it waits for their end. Quiet hours set since: the due
    delivery moves to their end instead of going out."""
    user = _person(recorder)
    _shift_quiet_hours(user, now_inside=True)
    user.ambassador.refresh_from_db()
    _notify(user)
    row = ChannelDelivery.objects.get()
    assert row.send_after > timezone.now() + dt.timedelta(hours=1)
    assert outbox.deliveries_sweep() == 0

    ChannelDelivery.objects.update(send_after=timezone.now())
    assert outbox.deliveries_sweep() == 0
    row.refresh_from_db()
    assert row.status == "pending"
    assert row.send_after > timezone.now() + dt.timedelta(hours=1)
    assert row.attempts == 0
    assert recorder.sent == []


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ("read", outbox.CANCEL_ALREADY_READ),
        ("unchosen", outbox.CANCEL_NOT_CHOSEN),
        ("paused", outbox.CANCEL_NOT_CHOSEN),
        ("left", outbox.CANCEL_NOT_TAKING_PART),
        ("stale", outbox.CANCEL_STALE),
    ],
)
def test_what_changed_before_sending_is_respected(recorder, change, reason):
    """Read in-app, no longer chosen, every channel paused, left, or a day old: not sent."""
    user = _person(recorder)
    _shift_quiet_hours(user, now_inside=False)
    notification = _notify(user)
    if change == "read":
        Notification.objects.filter(pk=notification.pk).update(read_at=timezone.now())
    elif change == "unchosen":
        Ambassador.objects.filter(user=user).update(channel_choices={"other": ["email"]})
    elif change == "paused":
        Ambassador.objects.filter(user=user).update(channels_paused=True)
    elif change == "left":
        Ambassador.objects.filter(user=user).update(status=Ambassador.Status.LEFT)
    elif change == "stale":
        Notification.objects.filter(pk=notification.pk).update(
            visible_from=timezone.now() - dt.timedelta(days=2)
        )
    ChannelDelivery.objects.update(send_after=timezone.now())
    assert outbox.deliveries_sweep() == 0
    row = ChannelDelivery.objects.get()
    assert (row.status, row.error) == ("cancelled", reason)
    assert recorder.sent == []


def test_a_retry_waits_and_gives_up_to_in_app_only(recorder):
    """A passing failure is tried again later; after the last attempt the notification
    stays in-app only, and is not sent again."""
    user = _person(recorder)
    _shift_quiet_hours(user, now_inside=False)
    notification = _notify(user)
    recorder.answers = [base.retry("503 from the service", dt.timedelta(seconds=30))] * (
        outbox.MAX_ATTEMPTS
    )
    for attempt in range(1, outbox.MAX_ATTEMPTS + 1):
        ChannelDelivery.objects.update(send_after=timezone.now())
        assert outbox.deliveries_sweep() == 0
        row = ChannelDelivery.objects.get()
        assert row.attempts == attempt
        if attempt < outbox.MAX_ATTEMPTS:
            assert row.status == "pending"
            assert row.send_after >= timezone.now() + outbox.BACKOFF[0] - dt.timedelta(seconds=5)
    assert row.status == "failed"
    assert "gave up after 6 attempts: 503 from the service" in row.error
    ChannelDelivery.objects.update(send_after=timezone.now())
    assert outbox.deliveries_sweep() == 0
    assert len(recorder.sent) == outbox.MAX_ATTEMPTS
    assert Notification.objects.visible().filter(pk=notification.pk).exists()


def test_a_refusal_fails_at_once_and_a_crashing_channel_is_retried(recorder):
    user = _person(recorder)
    other = _person(recorder)
    for person in (user, other):
        _shift_quiet_hours(person, now_inside=False)
    _notify(user, key="a")
    recorder.answers = [base.failed("the token was revoked")]
    ChannelDelivery.objects.update(send_after=timezone.now())
    outbox.deliveries_sweep()
    assert ChannelDelivery.objects.get().status == "failed"

    recorder.raises = True
    _notify(other, key="b")
    ChannelDelivery.objects.update(send_after=timezone.now())
    assert outbox.deliveries_sweep() == 0
    crashed = ChannelDelivery.objects.get(notification__idempotency_key="b")
    assert crashed.status == "pending"
    assert "ConnectionError: the chat service is down" in crashed.error


def test_a_switched_off_channel_fails_its_waiting_deliveries(recorder):
    user = _person(recorder)
    _shift_quiet_hours(user, now_inside=False)
    _notify(user)
    recorder.on = False
    ChannelDelivery.objects.update(send_after=timezone.now())
    outbox.deliveries_sweep()
    row = ChannelDelivery.objects.get()
    assert (row.status, row.error) == ("failed", outbox.FAILED_SWITCHED_OFF)


def test_a_claimed_delivery_is_not_sent_by_a_second_worker(recorder):
    user = _person(recorder)
    _shift_quiet_hours(user, now_inside=False)
    _notify(user)
    ChannelDelivery.objects.update(send_after=timezone.now(), claimed_at=timezone.now())
    assert outbox.deliveries_sweep() == 0
    # A worker that died leaves a stale claim: the sweep takes it over after the lease.
    ChannelDelivery.objects.update(claimed_at=timezone.now() - dt.timedelta(hours=1))
    assert outbox.deliveries_sweep() == 1
    assert len(recorder.sent) == 1


def test_forgetting_a_channel_cancels_what_waits(recorder):
    user = _person(recorder)
    _shift_quiet_hours(user, now_inside=True)
    _notify(user)
    assert outbox.deliveries_forget(user_id=user.pk, channel=CODE) == 1
    assert ChannelDelivery.objects.get().status == "cancelled"


def test_every_channel_shares_one_attention_budget(recorder, awake_now):
    """A nudge to people on e-mail and chat is one notification each, counted once against
    the budget, whatever channels bring it."""
    people = [_person(recorder, category="suggestions", chosen=("email", CODE)) for _ in range(3)]
    nudges = [
        Nudge(
            ambassador_id=person.ambassador.pk,
            kind="share_suggestion",
            key=f"push:1:{person.pk}",
            subject="Something to share",
        )
        for person in people
    ]
    planned = nudge_plan_many(nudges)
    assert all(planned.values())
    for person in people:
        notifications = Notification.objects.filter(recipient=person)
        assert notifications.count() == 1
        note = notifications.get()
        assert note.email_after is not None  # e-mail: one more way for the same nudge
        assert ChannelDelivery.objects.filter(notification=note).count() == 1
        assert budget_status(ambassador=person.ambassador).used == 1
    # The same nudges planned again (a retried task): nothing more anywhere.
    nudge_plan_many(nudges)
    assert Notification.objects.count() == 3
    assert ChannelDelivery.objects.count() == 3


def test_email_can_be_off_for_suggestions_and_on_for_the_rest(awake_now):
    user = make_user(Role.EMPLOYEE, channel_choices={"suggestions": []})
    suggestion = nudge_plan_many(
        [
            Nudge(
                ambassador_id=user.ambassador.pk,
                kind="share_suggestion",
                key="push:9",
                subject="Share this",
            )
        ]
    )["push:9"]
    news = _notify(user, kind="mission_reviewed")
    assert suggestion.email_after is None
    assert news.email_after is not None


def _queries(function) -> int:
    with CaptureQueriesContext(connection) as captured:
        function()
    return len(captured)


def _plan_and_send(recorder, size: int) -> tuple[int, int]:
    people = [_person(recorder, category="suggestions") for _ in range(size)]
    for person in people:
        _shift_quiet_hours(person, now_inside=False)
    nudges = [
        Nudge(
            ambassador_id=person.ambassador.pk,
            kind="share_suggestion",
            key=f"push:{size}:{person.pk}",
            subject="Something to share",
        )
        for person in people
    ]
    notifications = [n for n in nudge_plan_many(nudges).values() if n]
    ChannelDelivery.objects.filter(notification__in=notifications).delete()
    planning = _queries(lambda: outbox.deliveries_plan(notifications))
    assert ChannelDelivery.objects.filter(notification__in=notifications).count() == size
    ChannelDelivery.objects.update(send_after=timezone.now())
    sent_before = len(recorder.sent)
    sending = _queries(outbox.deliveries_sweep)
    assert len(recorder.sent) - sent_before == size
    return planning, sending


def test_planning_and_sending_take_the_same_queries_for_any_number(recorder, awake_now):
    """One query for the people, one per channel, one insert; one claim, one read, one
    settle: the same for 2 people as for 12."""
    assert _plan_and_send(recorder, 2) == _plan_and_send(recorder, 12)


def test_a_sweep_out_of_time_records_what_it_sent_and_leaves_the_rest(recorder, monkeypatch):
    """Each chunk is recorded when it is sent; once the time budget is spent, what was not
    sent goes back to waiting, without counting as an attempt. Nothing is sent twice."""
    people = [_person(recorder) for _ in range(3)]
    for person in people:
        _shift_quiet_hours(person, now_inside=False)
        _notify(person, key=f"news-{person.pk}")
    monkeypatch.setattr(outbox, "SEND_CHUNK", 1)
    monkeypatch.setattr(outbox, "_send_budget", lambda: 3600 if not recorder.sent else -1)
    ChannelDelivery.objects.update(send_after=timezone.now())
    assert outbox.deliveries_sweep() == 1
    rows = sorted(ChannelDelivery.objects.all(), key=lambda row: row.status)
    assert [(row.status, row.attempts, row.claimed_at) for row in rows] == [
        ("pending", 0, None),
        ("pending", 0, None),
        ("sent", 1, None),
    ]
    monkeypatch.setattr(outbox, "_send_budget", lambda: 3600)
    assert outbox.deliveries_sweep() == 2
    assert sorted(user for user, _language, _subject in recorder.sent) == sorted(
        person.pk for person in people
    )


def test_a_claim_taken_over_is_recorded_by_the_worker_that_holds_it(recorder):
    """A worker whose claim went stale and was taken over records nothing for that row."""
    user = _person(recorder)
    _shift_quiet_hours(user, now_inside=False)
    _notify(user)
    ChannelDelivery.objects.update(send_after=timezone.now())
    other_claim = timezone.now() + dt.timedelta(seconds=5)

    class TakenOver(Recorder):
        def send(self, deliveries):
            ChannelDelivery.objects.update(claimed_at=other_claim)  # another worker took it
            return super().send(deliveries)

    taken = TakenOver(linked=recorder.linked)
    base.sender_register(taken)
    outbox.deliveries_sweep()
    row = ChannelDelivery.objects.get()
    assert (row.status, row.claimed_at) == ("pending", other_claim)
