"""Signed webhooks against a real local receiver: the signature checks out with the snippet
of the README, a failure is retried after its backoff, redirects are not followed, internal
addresses are never contacted, an event told twice is delivered once, and payloads name
nobody."""

import base64
import datetime as dt
import hashlib
import hmac
import json
import time
import uuid

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import ModelLogEntry

from ambassadors.models import Ambassador, Notification
from ambassadors.roles import Role
from ambassadors.services.participation import ambassador_join, ambassador_leave
from integrations.models import WebhookDelivery, WebhookSubscription
from integrations.webhooks import services, signing
from integrations.webhooks.services import (
    webhook_delivery_retry,
    webhook_event,
    webhook_ping,
    webhook_secret_rotate,
    webhook_subscription_create,
    webhooks_sweep,
)
from mentors.services import ticket_resolve
from missions.services import assignment_approve
from tests.factories import make_user
from tests.factories.api import bearer, make_service_token
from tests.factories.courses import build_tree, complete_basics
from tests.factories.guidelines import acknowledge, build_guidelines
from tests.factories.mentors import file_request
from tests.factories.missions import submitted
from tests.outbound_helpers import PUBLIC_IP, fake_dns, route_public

pytestmark = pytest.mark.django_db

URL = "http://hooks.example.com/academy"

# --- the verification snippet of the README, as it stands there ---------------------------
TOLERANCE_SECONDS = 5 * 60


def verify(secret: str, headers, body: bytes) -> bool:
    """True when the delivery was signed with `secret` (whsec_...) less than 5 minutes ago."""
    msg_id = headers["webhook-id"]
    timestamp = headers["webhook-timestamp"]
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS:
        return False
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{msg_id}.{timestamp}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    for entry in headers["webhook-signature"].split():
        version, _comma, signature = entry.partition(",")
        if version == "v1" and hmac.compare_digest(signature, expected):
            return True
    return False


# -------------------------------------------------------------------------------------------


@pytest.fixture
def receiver(http_server, monkeypatch):
    """A real HTTP server that plays hooks.example.com on the internet."""
    server = http_server()
    fake_dns(monkeypatch, {"hooks.example.com": [PUBLIC_IP]})
    route_public(monkeypatch, server)
    return server


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run what is enqueued on commit (the deliveries' tasks) when the block ends."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def subscribe(events=("person.joined",), url=URL, **fields) -> WebhookSubscription:
    subscription = webhook_subscription_create(
        name="HR system", url=url, events=list(events), created_by=None
    )
    if fields:
        WebhookSubscription.objects.filter(pk=subscription.pk).update(**fields)
        subscription.refresh_from_db()
    return subscription


def received(server) -> list[tuple[dict, bytes]]:
    """What the receiver got: lower-cased headers and the raw body of each POST."""
    return [
        ({k.lower(): v for k, v in headers.items()}, body) for _p, headers, body in server.posts
    ]


def join(user):
    ambassador = Ambassador.objects.get(user=user)
    return ambassador_join(ambassador=ambassador)


def test_a_delivery_arrives_signed_and_the_readme_snippet_verifies_it(
    receiver, newcomer, on_commit
):
    """The receiver gets the event once, with the Standard Webhooks headers; the README's
    snippet accepts it with the secret, and refuses it with another or when it is old."""
    subscription = subscribe()
    with on_commit():
        join(newcomer)
    [(headers, body)] = received(receiver)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.Status.DELIVERED
    assert delivery.response_status == 204
    assert delivery.attempts == 1
    assert headers["content-type"] == "application/json"
    assert headers["user-agent"].startswith("AmbassadorAcademy-Webhooks/")
    assert headers["webhook-id"] == str(delivery.event_id)
    assert abs(int(headers["webhook-timestamp"]) - time.time()) < 60
    assert headers["webhook-signature"].startswith("v1,")
    assert verify(subscription.secret, headers, body)
    assert not verify(WebhookSubscription().secret, headers, body)
    assert not verify(subscription.secret, headers, body + b" ")
    old = {**headers, "webhook-timestamp": str(int(time.time()) - 6 * 60)}
    assert not verify(subscription.secret, old, body)
    payload = json.loads(body)
    assert payload["type"] == "person.joined"
    assert payload["id"] == str(delivery.event_id)
    assert payload["data"] == {
        "person": {"id": newcomer.pk, "url": f"/api/v1/people/{newcomer.pk}"},
        "first_time": True,
    }


def test_signing_matches_the_standard_webhooks_test_vector(monkeypatch):
    """The reference libraries' own example (standard-webhooks, libraries/*/tests): our
    signature is theirs, and the README snippet accepts it."""
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    body = b'{"test": 2432232314}'
    expected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    made = signing.signature(
        secret, msg_id="msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp=1614265330, body=body
    )
    assert made == expected
    headers = {
        "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
        "webhook-timestamp": "1614265330",
        "webhook-signature": f"v1,bm90IGl0 {expected}",
    }
    monkeypatch.setattr(time, "time", lambda: 1614265330 + 299)
    assert verify(secret, headers, body)
    monkeypatch.setattr(time, "time", lambda: 1614265330 + 301)
    assert not verify(secret, headers, body)


def test_the_secret_is_standard_webhooks_shaped():
    """whsec_ and base64 of at least 24 random bytes; each subscription its own."""
    first, second = WebhookSubscription(), WebhookSubscription()
    assert first.secret.startswith("whsec_")
    assert len(base64.b64decode(first.secret[6:])) >= 24
    assert first.secret != second.secret


def test_a_failed_delivery_is_retried_after_its_backoff_and_then_delivered(
    receiver, newcomer, on_commit
):
    subscription = subscribe()
    receiver.post_answers.append((500, {}, b"oops"))
    before = timezone.now()
    with on_commit():
        join(newcomer)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert (delivery.response_status, delivery.attempts) == (500, 1)
    assert delivery.last_error == "HTTP 500"
    # The first wait is a minute (and a little jitter).
    assert before + dt.timedelta(seconds=60) <= delivery.next_attempt_at
    assert delivery.next_attempt_at <= timezone.now() + dt.timedelta(seconds=67)
    # Not due yet: the sweep leaves it.
    assert webhooks_sweep() == 0
    assert len(receiver.posts) == 1
    WebhookDelivery.objects.update(next_attempt_at=timezone.now() - dt.timedelta(seconds=1))
    assert webhooks_sweep() == 1
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.DELIVERED
    assert (delivery.response_status, delivery.attempts, delivery.last_error) == (204, 2, "")
    [(first, first_body), (second, second_body)] = received(receiver)
    # The same event id and body each time; a new timestamp, and a signature that fits it.
    assert first["webhook-id"] == second["webhook-id"]
    assert first_body == second_body
    assert verify(subscription.secret, second, second_body)


def test_the_waits_grow_and_after_the_last_attempt_it_is_given_up(receiver, newcomer, on_commit):
    subscribe()
    receiver.post_answers.extend([(503, {}, b"")] * services.MAX_ATTEMPTS)
    with on_commit():
        join(newcomer)
    waits = []
    for _ in range(services.MAX_ATTEMPTS - 1):
        delivery = WebhookDelivery.objects.get()
        waits.append((delivery.next_attempt_at - timezone.now()).total_seconds())
        WebhookDelivery.objects.update(next_attempt_at=timezone.now())
        webhooks_sweep()
    delivery = WebhookDelivery.objects.get()
    assert waits == sorted(waits)
    assert 55 < waits[0] < 70
    assert waits[1] > 290
    assert waits[-1] > 20 * 3600
    assert delivery.status == WebhookDelivery.Status.GIVEN_UP
    assert delivery.attempts == services.MAX_ATTEMPTS
    assert delivery.next_attempt_at is None
    assert len(receiver.posts) == services.MAX_ATTEMPTS
    assert WebhookSubscription.objects.get().failures_in_a_row == 1


def test_retry_after_is_honoured_within_a_bound(receiver, newcomer, on_commit):
    subscribe()
    receiver.post_answers.append((429, {"Retry-After": "900"}, b""))
    with on_commit():
        join(newcomer)
    wait = WebhookDelivery.objects.get().next_attempt_at - timezone.now()
    assert dt.timedelta(seconds=890) < wait <= dt.timedelta(seconds=900)
    assert services.backoff(1, dt.timedelta(days=30)) == services.MAX_RETRY_AFTER


def test_retry_after_as_a_date_and_nonsense():
    now = timezone.now()
    later = (now + dt.timedelta(minutes=10)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    wait = services._retry_after(later, now)
    assert dt.timedelta(minutes=9) < wait <= dt.timedelta(minutes=10)
    assert services._retry_after("soon", now) is None
    assert services._retry_after("", now) is None


def test_an_absurd_retry_after_is_bounded_not_a_crash():
    """A receiver's 10**30 seconds (or more digits than int() takes) waits the bound."""
    now = timezone.now()
    assert services._retry_after("9" * 30, now) == services.MAX_RETRY_AFTER
    assert services._retry_after("9" * 5000, now) == services.MAX_RETRY_AFTER
    assert services._retry_after("86401", now) == services.MAX_RETRY_AFTER
    assert services._retry_after("60", now) == dt.timedelta(seconds=60)


def test_a_410_switches_off_even_when_another_delivery_arrived_in_the_same_sweep(receiver):
    subscription = subscribe()
    for _ in range(2):
        WebhookDelivery.objects.create(
            subscription=subscription,
            event="person.joined",
            event_id=uuid.uuid4(),
            payload={},
            next_attempt_at=timezone.now(),
        )
    receiver.post_answers.extend([(204, {}, b""), (410, {}, b"")])
    webhooks_sweep()
    assert sorted(WebhookDelivery.objects.values_list("response_status", flat=True)) == [204, 410]
    assert not WebhookSubscription.objects.get().active


def test_a_receiver_that_fails_does_not_fail_the_persons_step(newcomer, monkeypatch):
    """The outbox row cannot be written: logged, and the person still joins."""
    from integrations.webhooks import receivers

    def broken(**kwargs):
        raise RuntimeError("outbox unavailable")

    subscribe()
    monkeypatch.setattr(receivers, "webhook_event", broken)
    join(newcomer)
    assert Ambassador.objects.get(user=newcomer).status == Ambassador.Status.ACTIVE
    assert not WebhookDelivery.objects.exists()


def test_a_delivery_being_sent_is_not_sent_again_by_retry_now(receiver):
    subscription = subscribe()
    delivery = WebhookDelivery.objects.create(
        subscription=subscription,
        event="person.joined",
        event_id=uuid.uuid4(),
        payload={},
        status=WebhookDelivery.Status.FAILED,
        claimed_at=timezone.now(),
    )
    with pytest.raises(services.WebhookError):
        webhook_delivery_retry(delivery=delivery)
    assert receiver.posts == []


def test_a_redirect_is_not_followed(receiver, internal, newcomer, on_commit, monkeypatch):
    """A 3xx counts as a failure; where it points is never asked."""
    subscribe()
    location = f"http://127.0.0.1:{internal.port}/admin"
    receiver.post_answers.append((307, {"Location": location}, b""))
    with on_commit():
        join(newcomer)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert delivery.response_status == 307
    assert "redirect" in delivery.last_error
    assert len(receiver.posts) == 1
    assert internal.posts == []
    assert internal.requests == []


def test_an_internal_address_is_refused_at_save(internal):
    for url in (
        f"http://127.0.0.1:{internal.port}/hook",
        "http://10.0.0.8/hook",
        "http://localhost/hook",
        "http://intranet.corp.internal/hook",
        "ftp://hooks.example.com/",
    ):
        with pytest.raises(ValidationError) as refused:
            subscribe(url=url)
        assert list(refused.value.message_dict) == ["url"]
    assert not WebhookSubscription.objects.exists()
    assert internal.posts == []


def test_a_name_that_resolves_inside_is_refused_at_send_and_never_contacted(
    internal, newcomer, on_commit, monkeypatch, caplog
):
    """Saved while it looked public; by sending time it answers with an internal address."""
    subscribe()
    fake_dns(monkeypatch, {"hooks.example.com": ["127.0.0.1"]})
    with on_commit():
        join(newcomer)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert delivery.response_status is None
    assert "internal" in delivery.last_error
    assert internal.posts == []
    assert internal.requests == []
    assert "internal address" in caplog.text
    assert WebhookSubscription.objects.get().secret not in caplog.text


def test_a_signal_sent_twice_makes_one_delivery(receiver, employee, on_commit):
    """guideline_acknowledged is sent again when the acknowledgement was there already."""
    subscribe(events=["guideline.acknowledged"])
    guidelines = build_guidelines()
    with on_commit():
        acknowledge(employee, guidelines.main)
        acknowledge(employee, guidelines.main)
    delivery = WebhookDelivery.objects.get()
    assert delivery.event == "guideline.acknowledged"
    assert len(receiver.posts) == 1
    # Told again directly, with the same key: still one.
    webhook_event(
        event="guideline.acknowledged",
        key="x",
        occurred_at=timezone.now(),
        data={},
    )
    webhook_event(
        event="guideline.acknowledged",
        key="x",
        occurred_at=timezone.now(),
        data={},
    )
    assert WebhookDelivery.objects.count() == 2


def test_nothing_for_an_inactive_subscription_or_an_event_it_did_not_ask_for(
    receiver, newcomer, on_commit
):
    subscribe(events=["person.left"])
    subscribe(events=["person.joined"], active=False)
    with on_commit():
        join(newcomer)
    assert not WebhookDelivery.objects.exists()
    assert receiver.posts == []


def test_each_subscription_gets_its_own_delivery_and_signature(receiver, newcomer, on_commit):
    first = subscribe()
    second = subscribe(url="http://hooks.example.com/other")
    with on_commit():
        join(newcomer)
    assert WebhookDelivery.objects.filter(status="delivered").count() == 2
    by_path = {path: (headers, body) for path, headers, body in receiver.posts}
    low = {path: {k.lower(): v for k, v in h.items()} for path, (h, _b) in by_path.items()}
    assert verify(first.secret, low["/academy"], by_path["/academy"][1])
    assert verify(second.secret, low["/other"], by_path["/other"][1])
    assert not verify(first.secret, low["/other"], by_path["/other"][1])


def test_every_event_names_nobody_and_nothing_about_those_without_consent(
    receiver, newcomer, on_commit
):
    """Each event arrives with ids and API addresses only (no name, no e-mail address); a
    person who has not joined causes none, except by joining."""
    person = make_user(Role.EMPLOYEE)
    User.objects.filter(pk=person.pk).update(first_name="Sanne", last_name="Visser")
    person.refresh_from_db()
    reviewer = make_user(Role.EMPLOYEE, Role.COMMS)
    tree = build_tree()
    guidelines = build_guidelines()
    subscribe(events=list(services.EVENTS))
    with on_commit():
        # Not joined: nothing about them.
        complete_basics(newcomer, tree)
        acknowledge(newcomer, guidelines.main)
        assert list(WebhookDelivery.objects.values_list("event", "payload")) == []
        complete_basics(person, tree)
        acknowledge(person, guidelines.main)
        acknowledge(person, guidelines.privacy)
        assignment = submitted(person)
        assignment_approve(assignment=assignment, reviewer=reviewer)
        ticket = file_request(person)
        ticket_resolve(ticket=ticket, by=person)
        ambassador_leave(ambassador=person.ambassador)
        join(newcomer)
    events = sorted(set(WebhookDelivery.objects.values_list("event", flat=True)))
    assert events == sorted(services.EVENTS)
    assert WebhookDelivery.objects.exclude(status="delivered").count() == 0
    texts = [body.decode() for _p, _h, body in receiver.posts]
    assert len(texts) == len(services.EVENTS) + 1  # two guidelines acknowledged
    for user in (person, newcomer):
        for text in texts:
            for personal in (user.first_name, user.last_name, user.email, user.username):
                assert personal not in text
    payloads = {p["type"]: p for p in (json.loads(text) for text in texts)}
    assert payloads["mission.approved"]["data"]["assignment"] == {"id": assignment.pk}
    assert payloads["mission.approved"]["data"]["mission"] == {
        "id": assignment.mission_id,
        "url": f"/api/v1/assignments?mission={assignment.mission_id}",
    }
    assert payloads["request.resolved"]["data"]["request"] == {"id": ticket.pk}
    assert payloads["course.completed"]["data"]["course"]["id"] == str(tree.basics.translation_key)
    assert payloads["guideline.acknowledged"]["data"]["version"] == 1

    # Every address a payload names is one a service token reads, and it holds the event's
    # object: the person, the completion, the acknowledgement, the approved assignment.
    _token, raw = make_service_token(all_scopes=True)
    client = Client(headers={**bearer(raw), "Accept-Language": "en"})
    urls = {
        reference["url"]
        for payload in payloads.values()
        for reference in payload["data"].values()
        if isinstance(reference, dict) and "url" in reference
    }
    assert {url.split("?")[0] for url in urls} >= {
        f"/api/v1/people/{person.pk}",
        "/api/v1/completions",
        "/api/v1/acknowledgements",
        "/api/v1/assignments",
    }
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.content)
        body = response.json()
        if "items" in body:
            assert any(item.get("person") == person.pk for item in body["items"]), (url, body)


def test_rejoining_is_a_new_event(receiver, newcomer, on_commit):
    subscribe(events=["person.joined"])
    with on_commit():
        join(newcomer)
    ambassador_leave(ambassador=Ambassador.objects.get(user=newcomer))
    with on_commit():
        join(newcomer)
    payloads = [json.loads(body) for _p, _h, body in receiver.posts]
    assert [p["data"]["first_time"] for p in payloads] == [True, False]
    assert payloads[0]["id"] != payloads[1]["id"]


def test_the_sweep_runs_a_fixed_number_of_queries(receiver, newcomer):
    """Claiming, loading and recording a batch are one query each, at 2 or 12 due."""
    subscription = subscribe(events=["person.joined"])

    def due(count):
        WebhookDelivery.objects.all().delete()
        now = timezone.now()
        WebhookDelivery.objects.bulk_create(
            WebhookDelivery(
                subscription=subscription,
                event="person.joined",
                event_id=uuid.uuid4(),
                payload={"type": "person.joined", "data": {}},
                next_attempt_at=now,
            )
            for _ in range(count)
        )
        with CaptureQueriesContext(connection) as captured:
            assert webhooks_sweep() == count
        return len(captured)

    assert due(2) == due(12)


def test_a_claimed_delivery_is_not_sent_twice_until_its_lease_runs_out(
    receiver, newcomer, on_commit
):
    subscribe()
    receiver.post_answers.append((500, {}, b""))
    with on_commit():
        join(newcomer)
    now = timezone.now()
    WebhookDelivery.objects.update(next_attempt_at=now, claimed_at=now)
    assert webhooks_sweep() == 0
    WebhookDelivery.objects.update(claimed_at=now - dt.timedelta(hours=1))
    assert webhooks_sweep() == 1
    assert len(receiver.posts) == 2


def test_many_give_ups_in_a_row_switch_the_subscription_off(
    receiver, newcomer, administrator, monkeypatch
):
    """Audit entry, administrators told; the next event is not queued."""
    monkeypatch.setattr(services, "GIVE_UPS_BEFORE_SWITCHING_OFF", 2)
    subscription = subscribe(failures_in_a_row=1)
    WebhookDelivery.objects.create(
        subscription=subscription,
        event="person.joined",
        event_id=uuid.uuid4(),
        payload={},
        status=WebhookDelivery.Status.FAILED,
        attempts=services.MAX_ATTEMPTS - 1,
        next_attempt_at=timezone.now(),
    )
    receiver.post_answers.append((500, {}, b""))
    webhooks_sweep()
    subscription.refresh_from_db()
    assert not subscription.active
    assert subscription.disabled_at is not None
    entry = ModelLogEntry.objects.get(action="academy.webhook_switch_off")
    assert entry.data["reason"] == "failing"
    assert subscription.secret not in json.dumps(entry.data)
    note = Notification.objects.get(recipient=administrator, kind="webhook_switched_off")
    assert f"/edit/{subscription.pk}/" in note.link
    join(newcomer)
    assert WebhookDelivery.objects.count() == 1


def test_a_410_gone_switches_the_subscription_off_at_once(receiver, newcomer, on_commit):
    subscribe()
    receiver.post_answers.append((410, {}, b""))
    with on_commit():
        join(newcomer)
    assert WebhookDelivery.objects.get().status == WebhookDelivery.Status.GIVEN_UP
    assert not WebhookSubscription.objects.get().active
    assert ModelLogEntry.objects.get(action="academy.webhook_switch_off").data["reason"] == "gone"


def test_a_delivery_resets_the_count_of_failures(receiver, newcomer, on_commit):
    subscribe(failures_in_a_row=4)
    with on_commit():
        join(newcomer)
    assert WebhookSubscription.objects.get().failures_in_a_row == 0


def test_after_a_rotation_both_secrets_sign_for_a_day(receiver, administrator, on_commit):
    subscription = subscribe()
    old = subscription.secret
    rotated = webhook_secret_rotate(subscription=subscription, by=administrator)
    assert rotated.secret != old
    with on_commit():
        webhook_ping(subscription=rotated)
    [(headers, body)] = received(receiver)
    assert len(headers["webhook-signature"].split()) == 2
    assert verify(old, headers, body)
    assert verify(rotated.secret, headers, body)
    entry = ModelLogEntry.objects.get(action="academy.webhook_secret_rotate")
    assert old not in json.dumps(entry.data)
    assert rotated.secret not in json.dumps(entry.data)
    WebhookSubscription.objects.update(previous_secret_until=timezone.now())
    with on_commit():
        webhook_ping(subscription=rotated)
    headers, body = received(receiver)[1]
    assert len(headers["webhook-signature"].split()) == 1
    assert not verify(old, headers, body)
    assert verify(rotated.secret, headers, body)


def test_a_ping_goes_to_the_one_subscription_whatever_its_events(
    receiver, administrator, on_commit
):
    subscribe(events=["request.resolved"])
    with on_commit():
        webhook_ping(subscription=WebhookSubscription.objects.get())
    [(headers, body)] = received(receiver)
    assert json.loads(body)["type"] == "ping"


def test_retry_now_sends_a_given_up_delivery_once_more(receiver, administrator, on_commit):
    subscription = subscribe()
    delivery = WebhookDelivery.objects.create(
        subscription=subscription,
        event="person.joined",
        event_id=uuid.uuid4(),
        payload={},
        status=WebhookDelivery.Status.GIVEN_UP,
        attempts=services.MAX_ATTEMPTS,
    )
    with on_commit():
        webhook_delivery_retry(delivery=delivery)
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.DELIVERED
    with pytest.raises(services.WebhookError):
        webhook_delivery_retry(delivery=delivery)


def test_erasing_a_person_removes_the_deliveries_about_them(receiver, newcomer, on_commit):
    from ambassadors.erasure import _erasers

    subscribe()
    with on_commit():
        join(newcomer)
    assert WebhookDelivery.objects.exists()
    _erasers["webhooks"](newcomer)
    assert not WebhookDelivery.objects.exists()
