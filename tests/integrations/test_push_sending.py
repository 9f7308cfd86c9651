"""Web push through the outbox against a real local push service: the message is encrypted
per RFC 8291 and decrypts with the browser's keys to the recipient's language, the VAPID
header verifies with the site's key, an expired subscription (410) is dropped, a busy
service (5xx, 429) is tried again later, and nothing is sent twice."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ambassadors.models import Ambassador, Notification
from ambassadors.services.notifications import notify
from integrations.channels import outbox
from integrations.channels import push as push_channel
from integrations.models import ChannelDelivery, PushSubscription
from integrations.webpush import services
from tests.factories import make_user
from tests.integrations.push_helpers import PUSH_HOST, Browser, vapid_claims

pytestmark = pytest.mark.django_db


def choose_push(user, category="other"):
    Ambassador.objects.filter(user=user).update(channel_choices={category: ["push"]})


def device(user, browser: Browser, path="/send/device-1", scheme="http") -> PushSubscription:
    """A subscription as the browser made it (the sender's tests reach the local server over
    plain HTTP; the form's tests show only https is taken from browsers)."""
    keys = browser.keys()
    return PushSubscription.objects.create(
        user=user,
        endpoint=f"{scheme}://{PUSH_HOST}{path}",
        p256dh=keys["p256dh"],
        auth=keys["auth"],
        label="Chrome on Android",
    )


def tell(user, key="push-1") -> Notification:
    # "Profile" is in the compiled Dutch catalogue: the text shows which language it is in.
    return notify(
        recipient=user,
        kind="test",
        key=key,
        subject=gettext_lazy("Profile"),
        body=gettext_lazy("Your profile has been saved."),
        link="/profile/",
        email=False,
    )


def make_due():
    ChannelDelivery.objects.filter(status="pending").update(send_after=timezone.now())


def test_a_notification_arrives_encrypted_signed_and_in_the_recipients_language(
    vapid, push_service, settings
):
    """The push service gets one POST with the RFC 8291/8292 headers; the browser's keys
    decrypt it to the title, body and address in the recipient's language."""
    person = make_user(language="nl")
    choose_push(person)
    browser = Browser.make()
    subscription = device(person, browser)
    notification = tell(person)
    [delivery] = ChannelDelivery.objects.filter(notification=notification)
    assert delivery.channel == "push"
    make_due()
    assert outbox.deliveries_sweep() == 1

    [(path, headers, body)] = push_service.posts
    headers = {key.lower(): value for key, value in headers.items()}
    assert path == "/send/device-1"
    assert headers["content-encoding"] == "aes128gcm"
    assert headers["ttl"] == str(24 * 60 * 60)
    assert headers["urgency"] == "normal"
    claims = vapid_claims(headers["authorization"], vapid)
    assert claims["aud"] == f"http://{PUSH_HOST}"
    assert claims["sub"] == "mailto:comms@example.org"
    assert b"Profiel" not in body  # encrypted
    message = browser.decrypt(body)
    assert message == {
        "title": "Profiel",
        "body": notification.text_in("nl").body,
        "url": settings.SITE_URL + "/profile/",
        "tag": f"notification-{notification.pk}",
    }
    delivery.refresh_from_db()
    assert delivery.status == ChannelDelivery.Status.SENT
    assert delivery.reference == {"devices": 1, "expired": 0}
    subscription.refresh_from_db()
    assert subscription.last_sent_at is not None

    outbox.deliveries_sweep()
    assert len(push_service.posts) == 1  # nothing twice


def test_an_english_speaker_reads_english(vapid, push_service):
    """The same message for someone who reads English."""
    person = make_user(language="en")
    choose_push(person)
    browser = Browser.make()
    device(person, browser)
    tell(person)
    make_due()
    outbox.deliveries_sweep()
    [(_path, _headers, body)] = push_service.posts
    message = browser.decrypt(body)
    assert (message["title"], message["body"]) == ("Profile", "Your profile has been saved.")


def test_every_device_gets_it_and_one_is_enough(vapid, push_service):
    """Two devices, one of them expired: the other takes it, the delivery is sent, the
    expired subscription is gone."""
    person = make_user()
    choose_push(person)
    phone, laptop = Browser.make(), Browser.make()
    device(person, phone, "/send/phone")
    kept = device(person, laptop, "/send/laptop")
    push_service.post_answers = [(410, {}, b""), (201, {}, b"")]
    tell(person)
    make_due()
    assert outbox.deliveries_sweep() == 1
    assert [path for path, _h, _b in push_service.posts] == ["/send/phone", "/send/laptop"]
    assert list(PushSubscription.objects.values_list("pk", flat=True)) == [kept.pk]
    delivery = ChannelDelivery.objects.get()
    assert delivery.reference == {"devices": 1, "expired": 1}


def test_an_expired_subscription_is_dropped_and_the_notification_stays_in_app(vapid, push_service):
    """410 Gone: the subscription is deleted, the delivery failed, the notification is still
    there to read in the platform, and nothing is sent again."""
    person = make_user()
    choose_push(person)
    device(person, Browser.make())
    push_service.post_answers = [(410, {}, b"")]
    notification = tell(person)
    make_due()
    assert outbox.deliveries_sweep() == 0
    assert not PushSubscription.objects.exists()
    delivery = ChannelDelivery.objects.get()
    assert delivery.status == ChannelDelivery.Status.FAILED
    assert delivery.error == push_channel.FAILED_EXPIRED
    assert Notification.objects.visible().filter(pk=notification.pk, read_at=None).exists()
    make_due()
    outbox.deliveries_sweep()
    assert len(push_service.posts) == 1


def test_a_busy_push_service_is_tried_again_later_and_only_once_more(vapid, push_service):
    """503 with Retry-After: the delivery waits at least that long, then goes once."""
    person = make_user()
    choose_push(person)
    browser = Browser.make()
    device(person, browser)
    push_service.post_answers = [(503, {"Retry-After": "600"}, b"")]
    tell(person)
    make_due()
    before = timezone.now()
    assert outbox.deliveries_sweep() == 0
    delivery = ChannelDelivery.objects.get()
    assert delivery.status == ChannelDelivery.Status.PENDING
    assert delivery.send_after >= before + dt.timedelta(seconds=600)
    assert outbox.deliveries_sweep() == 0  # not due yet
    assert len(push_service.posts) == 1
    make_due()
    assert outbox.deliveries_sweep() == 1
    outbox.deliveries_sweep()
    assert len(push_service.posts) == 2
    assert browser.decrypt(push_service.posts[1][2])["title"] == "Profiel"
    assert PushSubscription.objects.exists()


def test_too_many_requests_is_a_retry(vapid, push_service):
    """429 is a retry too, after the default wait when no Retry-After comes."""
    person = make_user()
    choose_push(person)
    device(person, Browser.make())
    push_service.post_answers = [(429, {}, b"")]
    tell(person)
    make_due()
    outbox.deliveries_sweep()
    delivery = ChannelDelivery.objects.get()
    assert delivery.status == ChannelDelivery.Status.PENDING
    assert delivery.attempts == 1


def test_an_internal_endpoint_is_never_contacted(vapid, internal):
    """A subscription whose address leads inside (stored before a check, or a name that
    resolves inside) fails without a request."""
    person = make_user()
    choose_push(person)
    PushSubscription.objects.create(
        user=person,
        endpoint=f"http://127.0.0.1:{internal.port}/send",
        p256dh=Browser.make().p256dh,
        auth="AAAAAAAAAAAAAAAAAAAAAA",
        label="x",
    )
    tell(person)
    make_due()
    outbox.deliveries_sweep()
    assert internal.posts == []
    assert ChannelDelivery.objects.get().status == ChannelDelivery.Status.FAILED


def test_push_is_planned_only_for_people_with_a_device(vapid):
    """Chosen but no device: no push delivery (in-app and e-mail as ever)."""
    person = make_user()
    choose_push(person)
    tell(person)
    assert not ChannelDelivery.objects.exists()


def test_without_keys_push_is_not_offered(settings):
    """No VAPID key: the channel is not available, nothing is planned."""
    settings.WEBPUSH_VAPID_PRIVATE_KEY = ""
    person = make_user()
    choose_push(person)
    device(person, Browser.make())
    tell(person)
    assert not ChannelDelivery.objects.exists()


def test_the_senders_batch_runs_a_fixed_number_of_queries(vapid, push_service):
    """Sending to 2 or 6 people with 2 devices each: the same number of queries."""

    def sweep_queries(count: int, start: int) -> int:
        people = [make_user() for _ in range(count)]
        for number, person in enumerate(people):
            choose_push(person)
            device(person, Browser.make(), f"/send/{start + number}-a")
            device(person, Browser.make(), f"/send/{start + number}-b")
            tell(person, key=f"push-{start + number}")
        make_due()
        push_service.post_answers = [(201, {}, b"")] * (2 * count)
        with CaptureQueriesContext(connection) as captured:
            assert outbox.deliveries_sweep() == count
        return len(captured)

    assert sweep_queries(2, 0) == sweep_queries(6, 100)


def test_the_test_button_reaches_every_device_in_the_persons_language(vapid, push_service):
    """The devices page's test message goes to each device, in the person's language."""
    person = make_user(language="en")
    phone, laptop = Browser.make(), Browser.make()
    device(person, phone, "/send/phone")
    device(person, laptop, "/send/laptop")
    assert services.push_test_send(user_id=person.pk) == 2
    titles = {
        browser.decrypt(body)["title"]
        for browser, (_p, _h, body) in zip((phone, laptop), push_service.posts, strict=True)
    }
    assert titles == {"Push works on this device"}
