"""The devices page and turning push on: only a real browser subscription is stored (an
https push service on the internet, keys of the right kind), each person sees and removes
only their own devices, and the page costs the same queries for one device or many."""

import json

import pytest
from django.urls import reverse

from integrations.models import ChannelDelivery, PushSubscription
from integrations.webpush import forms, services
from integrations.webpush.devices import device_label
from tests.factories import make_user
from tests.integrations.push_helpers import Browser, b64
from tests.queries import page_queries

pytestmark = pytest.mark.django_db

SUBSCRIBE = "/profile/devices/subscribe/"
DEVICES = "/profile/devices/"
ANDROID_CHROME = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)
ENDPOINT = "https://fcm.googleapis.com/fcm/send/abc:def"


def subscription_json(endpoint=ENDPOINT, **keys):
    return {"endpoint": endpoint, "expirationTime": None, "keys": {**Browser.make().keys(), **keys}}


def post(client, data, **extra):
    body = data if isinstance(data, (bytes, str)) else json.dumps(data)
    return client.post(
        SUBSCRIBE, body, content_type="application/json", HTTP_USER_AGENT=ANDROID_CHROME, **extra
    )


@pytest.fixture
def person(db):
    return make_user(language="en")


def test_a_browser_subscription_is_stored_with_a_recognisable_name(vapid, person, client_for):
    """The JSON of PushSubscription.toJSON() is stored for the person, named by its browser."""
    data = subscription_json()
    response = post(client_for(person), data)
    assert response.status_code == 201
    assert response.json() == {"ok": True, "device": "Chrome on Android"}
    stored = PushSubscription.objects.get()
    assert (stored.user, stored.endpoint, stored.p256dh, stored.auth) == (
        person,
        ENDPOINT,
        data["keys"]["p256dh"],
        data["keys"]["auth"],
    )


def test_a_browser_turned_on_again_moves_to_who_did_it(vapid, person, client_for):
    """The same browser (endpoint) turned on by someone else on a shared device is theirs."""
    other = make_user()
    data = subscription_json()
    post(client_for(other), data)
    post(client_for(person), data)
    assert list(PushSubscription.objects.values_list("user", flat=True)) == [person.pk]


HOSTILE = {
    "plain http": (subscription_json("http://push.example.com/x"), forms.ERROR_NOT_HTTPS),
    "internal address": (
        subscription_json("https://10.0.0.5/push"),
        "This address points to an internal network and is not fetched.",
    ),
    "localhost": (
        subscription_json("https://push.localhost/push"),
        "This address points to an internal network and is not fetched.",
    ),
    "loopback": (
        subscription_json("https://127.0.0.1/push"),
        "This address points to an internal network and is not fetched.",
    ),
    "a javascript address": (subscription_json("javascript:alert(1)"), "Enter an http or https"),
    "short p256dh": (subscription_json(p256dh=b64(b"\x04" + b"1" * 31)), forms.ERROR_KEY),
    "p256dh not on the curve": (
        subscription_json(p256dh=b64(b"\x04" + b"\x01" * 64)),
        forms.ERROR_KEY,
    ),
    "compressed p256dh": (subscription_json(p256dh=b64(b"\x02" + b"1" * 64)), forms.ERROR_KEY),
    "long auth": (subscription_json(auth=b64(b"a" * 32)), forms.ERROR_KEY),
    "auth not base64url": (subscription_json(auth="a+b/c" * 4), forms.ERROR_KEY),
    "keys missing": ({"endpoint": ENDPOINT}, forms.ERROR_NOT_JSON),
    "keys of the wrong type": ({"endpoint": ENDPOINT, "keys": ["x"]}, forms.ERROR_NOT_JSON),
    "not an object": ([1, 2, 3], forms.ERROR_NOT_JSON),
    "not JSON": ("{endpoint:", forms.ERROR_NOT_JSON),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_input_is_refused_with_a_clear_message_and_nothing_stored(
    case, vapid, person, client_for, english
):
    """Each bad subscription gets a 400 with a message the page shows; nothing is stored."""
    data, message = HOSTILE[case]
    response = post(client_for(person), data)
    assert response.status_code == 400
    assert response.json()["ok"] is False
    assert str(message) in " ".join(response.json()["errors"])
    assert not PushSubscription.objects.exists()


def test_huge_json_is_refused_unread(vapid, person, client_for, english):
    """A body far larger than a subscription: 413 and nothing stored."""
    data = subscription_json()
    data["padding"] = "x" * 10_000
    response = post(client_for(person), data)
    assert response.status_code == 413
    assert response.json()["errors"] == [str(forms.ERROR_TOO_LARGE)]
    assert not PushSubscription.objects.exists()


def test_without_keys_nothing_can_be_turned_on(settings, person, client_for, english):
    """Push not set up: the page says so and the endpoint stores nothing."""
    settings.WEBPUSH_VAPID_PRIVATE_KEY = ""
    assert post(client_for(person), subscription_json()).status_code == 404
    assert not PushSubscription.objects.exists()
    page = client_for(person).get(DEVICES).content.decode()
    assert "Push notifications are not set up for this organisation." in page
    assert "data-push-subscribe" not in page


def test_subscribing_needs_the_csrf_token(vapid, person):
    """A cross-site POST (no token) is refused."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(person)
    assert post(client, subscription_json()).status_code == 403
    assert not PushSubscription.objects.exists()


def own_device(user, name="Firefox on Windows", n=0):
    return PushSubscription.objects.create(
        user=user,
        endpoint=f"https://updates.push.services.mozilla.com/wpush/v2/{user.pk}-{n}",
        p256dh=Browser.make().p256dh,
        auth="AAAAAAAAAAAAAAAAAAAAAA",
        label=name,
    )


def test_the_devices_page_lists_only_the_persons_own_devices(vapid, person, client_for, english):
    """Own devices with their remove buttons; someone else's device is not there."""
    mine = own_device(person, "Firefox on Windows")
    theirs = own_device(make_user(), "Safari on iPhone")
    page = client_for(person).get(DEVICES).content.decode()
    assert "Firefox on Windows" in page
    assert reverse("integrations:push_remove", args=[mine.pk]) in page
    assert "Safari on iPhone" not in page
    assert reverse("integrations:push_remove", args=[theirs.pk]) not in page
    assert "Turn on push on this device" in page
    assert "Send a test notification" in page
    assert f'data-key="{services.keys.public_key()}"' in page


def test_removing_another_persons_device_is_not_found(vapid, person, client_for):
    """Someone else's device: 404, and it stays."""
    theirs = own_device(make_user())
    response = client_for(person).post(reverse("integrations:push_remove", args=[theirs.pk]))
    assert response.status_code == 404
    assert PushSubscription.objects.filter(pk=theirs.pk).exists()


def test_removing_the_last_device_leaves_waiting_pushes_in_app(vapid, person, client_for, english):
    """The device goes; what waited for push is cancelled (it stays in-app)."""
    from ambassadors.models import Ambassador
    from ambassadors.services.notifications import notify

    mine = own_device(person)
    Ambassador.objects.filter(user=person).update(channel_choices={"other": ["push"]})
    notify(recipient=person, kind="test", key="k", subject="Hello", email=False)
    assert ChannelDelivery.objects.get().status == ChannelDelivery.Status.PENDING
    response = client_for(person).post(
        reverse("integrations:push_remove", args=[mine.pk]), follow=True
    )
    assert "Firefox on Windows will get no more notifications." in response.content.decode()
    assert not PushSubscription.objects.exists()
    assert ChannelDelivery.objects.get().status == ChannelDelivery.Status.CANCELLED


def test_the_test_button_queues_a_message_or_says_what_is_missing(
    vapid, person, client_for, english, push_service, django_capture_on_commit_callbacks
):
    """With a device: queued and sent; without: a message to turn push on first."""
    client = client_for(person)
    response = client.post(reverse("integrations:push_test"), follow=True)
    assert str(services.ERROR_NO_DEVICE) in response.content.decode()
    PushSubscription.objects.create(
        user=person,
        endpoint="http://push.example.com/send/1",
        p256dh=Browser.make().p256dh,
        auth=b64(b"1" * 16),
        label="Chrome on Android",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("integrations:push_test"), follow=True)
    assert "A test notification is on its way to your devices." in response.content.decode()
    assert len(push_service.posts) == 1


def test_the_devices_page_costs_the_same_for_one_device_or_many(vapid, person, client_for):
    """One device or eight: the same number of queries."""
    client = client_for(person)
    own_device(person)
    one = page_queries(client, DEVICES)
    for n in range(1, 8):
        own_device(person, n=n)
    assert page_queries(client, DEVICES) == one


@pytest.mark.parametrize(
    ("agent", "label"),
    [
        (ANDROID_CHROME, "Chrome on Android"),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
            "Firefox on Windows",
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
            "Safari on iPhone",
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
            "Edge on Windows",
        ),
        ("", "A browser"),
    ],
)
def test_devices_get_names_people_recognise(agent, label, english):
    assert device_label(agent) == label


def test_devices_are_in_the_export_without_their_secrets_and_gone_after_erasure(vapid, person):
    """The export lists the device's name and dates, never its push address or keys;
    erasing the account forgets the device."""
    from ambassadors.erasure import account_erase
    from ambassadors.personal_data import personal_data

    own_device(person, "Firefox on Windows")
    exported = personal_data(person)["push_devices"]
    assert [row["label"] for row in exported] == ["Firefox on Windows"]
    assert not {"endpoint", "p256dh", "auth"} & set(exported[0])
    account_erase(user=person)
    assert not PushSubscription.objects.exists()
