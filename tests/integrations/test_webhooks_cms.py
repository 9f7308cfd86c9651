"""Webhooks in the CMS: administrators subscribe an address and see its secret once, rotate
it, send a test event, read the delivery log and send a failed delivery again; a bad address
is a form error in the person's language; comms staff do not get there."""

import re
import uuid

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from integrations.models import WebhookDelivery, WebhookSubscription
from tests.outbound_helpers import PUBLIC_IP, fake_dns, route_public
from tests.queries import page_queries

pytestmark = pytest.mark.django_db

NEW = "/cms/webhooks/new/"
DELIVERIES = "/cms/webhook-deliveries/"


@pytest.fixture
def receiver(http_server, monkeypatch):
    server = http_server()
    fake_dns(monkeypatch, {"hooks.example.com": [PUBLIC_IP]})
    route_public(monkeypatch, server)
    return server


def secret_in(response) -> str | None:
    found = re.search(r'value="(whsec_[^"]+)"', response.content.decode())
    return found[1] if found else None


def add(cms, url="https://hooks.example.com/academy", events=("person.joined", "person.left")):
    return cms.post(NEW, {"name": "HR system", "url": url, "events": list(events)})


def make_subscription(**fields) -> WebhookSubscription:
    fields.setdefault("url", "http://hooks.example.com/academy")
    return WebhookSubscription.objects.create(name="HR system", events=["person.joined"], **fields)


def test_an_administrator_subscribes_and_sees_the_secret_once(client_for, administrator):
    cms = client_for(administrator)
    form = cms.get(NEW).content.decode()
    assert 'type="checkbox"' in form
    assert 'value="course.completed"' in form
    response = add(cms)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    secret = secret_in(response)
    subscription = WebhookSubscription.objects.get()
    assert secret == subscription.secret
    assert subscription.created_by == administrator
    assert subscription.events == ["person.joined", "person.left"]
    assert subscription.active
    for page in (
        "/cms/webhooks/",
        f"/cms/webhooks/edit/{subscription.pk}/",
        f"/cms/webhooks/history/{subscription.pk}/",
    ):
        answer = cms.get(page)
        assert answer.status_code == 200
        assert secret not in answer.content.decode()
    for entry in ModelLogEntry.objects.all():
        assert secret not in f"{entry.label} {entry.data}"


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "This address points to an internal network and is not fetched."),
        ("nl", "Dit adres verwijst naar een intern netwerk en wordt niet opgehaald."),
    ],
)
def test_an_internal_address_is_a_form_error_in_the_persons_language(
    client_for, administrator, language, message
):
    """The CMS speaks the administrator's language (their CMS profile)."""
    UserProfile.objects.update_or_create(
        user=administrator, defaults={"preferred_language": language}
    )
    response = client_for(administrator).post(
        NEW, {"name": "Sneaky", "url": "http://10.1.2.3/hook", "events": ["person.joined"]}
    )
    assert response.status_code == 200
    assert secret_in(response) is None
    assert message in response.content.decode()
    assert not WebhookSubscription.objects.exists()


def test_editing_keeps_the_address_check_and_the_secret(client_for, administrator):
    subscription = make_subscription()
    secret = subscription.secret
    cms = client_for(administrator)
    edit = f"/cms/webhooks/edit/{subscription.pk}/"
    fields = {"name": "HR", "events": ["person.left"], "active": ""}
    refused = cms.post(edit, {**fields, "url": "http://192.168.1.5/hook"})
    assert refused.status_code == 200
    subscription.refresh_from_db()
    assert subscription.url == "http://hooks.example.com/academy"
    assert cms.post(edit, {**fields, "url": "https://hooks.example.com/v2"}).status_code == 302
    subscription.refresh_from_db()
    assert (subscription.url, subscription.events) == (
        "https://hooks.example.com/v2",
        ["person.left"],
    )
    assert not subscription.active
    assert subscription.secret == secret


def test_switching_on_again_starts_the_count_of_failures_afresh(client_for, administrator):
    """Switched off by the platform after give-ups in a row: switched on in the CMS, the next
    give-up is the first again, not one more over the limit."""
    subscription = make_subscription()
    WebhookSubscription.objects.filter(pk=subscription.pk).update(
        active=False, disabled_at=timezone.now(), failures_in_a_row=10
    )
    fields = {"name": "HR", "events": ["person.joined"], "url": "https://hooks.example.com/v2"}
    edit = f"/cms/webhooks/edit/{subscription.pk}/"
    assert client_for(administrator).post(edit, {**fields, "active": "on"}).status_code == 302
    subscription.refresh_from_db()
    assert (subscription.active, subscription.disabled_at, subscription.failures_in_a_row) == (
        True,
        None,
        0,
    )


def test_without_events_or_with_an_unknown_one_nothing_is_made(client_for, administrator):
    cms = client_for(administrator)
    for events in ([], ["person.deleted"]):
        response = add(cms, events=events)
        assert response.status_code == 200
        assert secret_in(response) is None
    assert not WebhookSubscription.objects.exists()


def test_rotating_shows_the_new_secret_once(client_for, administrator):
    subscription = make_subscription()
    old = subscription.secret
    cms = client_for(administrator)
    page = cms.get(f"/cms/webhooks/rotate/{subscription.pk}/")
    assert page.status_code == 200
    assert old not in page.content.decode()
    response = cms.post(f"/cms/webhooks/rotate/{subscription.pk}/")
    assert "no-store" in response["Cache-Control"]
    subscription.refresh_from_db()
    assert secret_in(response) == subscription.secret != old
    assert subscription.previous_secret == old


def test_a_test_event_is_sent_and_shows_in_the_log(
    client_for, administrator, receiver, django_capture_on_commit_callbacks
):
    subscription = make_subscription()
    cms = client_for(administrator)
    with django_capture_on_commit_callbacks(execute=True):
        response = cms.post(f"/cms/webhooks/ping/{subscription.pk}/")
    assert response.status_code == 302
    assert len(receiver.posts) == 1
    delivery = WebhookDelivery.objects.get()
    assert (delivery.event, delivery.status) == ("ping", "delivered")
    log = cms.get(response["Location"]).content.decode()
    assert "ping" in log
    assert "204" in log


def test_a_switched_off_subscription_sends_no_test_event(client_for, administrator):
    subscription = make_subscription(active=False)
    response = client_for(administrator).post(f"/cms/webhooks/ping/{subscription.pk}/")
    assert response.status_code == 200
    assert (
        "switched off" in response.content.decode() or "uitgeschakeld" in response.content.decode()
    )
    assert not WebhookDelivery.objects.exists()


def deliveries(subscription, count, **fields):
    WebhookDelivery.objects.bulk_create(
        WebhookDelivery(
            subscription=subscription,
            event="person.joined",
            event_id=uuid.uuid4(),
            payload={"type": "person.joined", "data": {}},
            **fields,
        )
        for _ in range(count)
    )


def test_the_log_filters_by_status_exports_and_runs_flat_queries(client_for, administrator):
    subscription = make_subscription()
    deliveries(subscription, 2, status="failed", response_status=503, attempts=3)
    deliveries(subscription, 1, status="delivered", response_status=200, attempts=1)
    cms = client_for(administrator)
    failed = cms.get(DELIVERIES, {"status": "failed"}).content.decode()
    assert failed.count("Send again") + failed.count("Opnieuw versturen") == 2
    assert "503" in failed
    assert f"{DELIVERIES}inspect/" in failed
    export = cms.get(DELIVERIES, {"export": "csv"})
    assert export.status_code == 200
    text = b"".join(export.streaming_content).decode()
    rows = text.strip().splitlines()
    assert len(rows) == 4
    assert "503" in rows[1] or "503" in rows[2]
    assert subscription.secret not in text
    # Flat at two sizes.
    few = page_queries(cms, DELIVERIES)
    deliveries(make_subscription(url="http://hooks.example.com/b"), 20, status="given_up")
    assert page_queries(cms, DELIVERIES) == few


def test_retry_now_sends_a_failed_delivery_again(
    client_for, administrator, receiver, django_capture_on_commit_callbacks
):
    subscription = make_subscription()
    deliveries(subscription, 1, status="given_up", attempts=8, response_status=500)
    delivery = WebhookDelivery.objects.get()
    cms = client_for(administrator)
    assert cms.get(f"{DELIVERIES}retry/{delivery.pk}/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = cms.post(f"{DELIVERIES}retry/{delivery.pk}/")
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == "delivered"
    assert len(receiver.posts) == 1
    # Delivered: nothing to send again.
    again = cms.post(f"{DELIVERIES}retry/{delivery.pk}/")
    assert again.status_code == 200
    assert len(receiver.posts) == 1


def test_the_log_has_no_add_edit_or_delete(client_for, administrator):
    subscription = make_subscription()
    deliveries(subscription, 1)
    delivery = WebhookDelivery.objects.get()
    cms = client_for(administrator)
    assert cms.get(f"{DELIVERIES}inspect/{delivery.pk}/").status_code == 200
    for path in (f"{DELIVERIES}new/", f"{DELIVERIES}edit/{delivery.pk}/"):
        assert cms.get(path).status_code == 404


def test_comms_staff_cannot_subscribe_or_read_the_log(client_for, comms):
    subscription = make_subscription()
    cms = client_for(comms)
    assert add(cms)["Location"] == "/cms/"
    assert cms.post(f"/cms/webhooks/rotate/{subscription.pk}/")["Location"] == "/cms/"
    assert cms.get(DELIVERIES)["Location"] == "/cms/"
    assert WebhookSubscription.objects.count() == 1
    assert WebhookSubscription.objects.get().secret == subscription.secret
