"""Feed cards: why an item is suggested, save for later (one's own list), images or a generated
one, network tabs, labels in Dutch and English, and fixed queries with images and saves."""

import pytest
from django.db import IntegrityError
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from ambassadors.roles import Role
from sharing import services
from sharing.models import Push, SavedItem
from tests.factories import make_user
from tests.factories.sharing import make_item
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


def _cards(client, path="/share/"):
    return [card for card, _form in client.get(path).context["cards"]]


# --- why it is suggested ---------------------------------------------------------------------


def test_each_card_says_why_it_is_suggested(client_for, employee, topic, other_topic):
    """Topic match, the comms team's push, a colleague's post, the stage: each card says which."""
    employee.ambassador.topics.set([topic])
    mine = make_item(title="Mine", topics=[topic], days_old=1)
    pushed = make_item(title="Pushed", topics=[other_topic], days_old=2)
    Push.objects.create(item=pushed)
    make_item(title="Colleague", kind="colleague", days_old=3)
    make_item(title="Stage", days_old=4)
    cards = {card.item.title: str(card.reason) for card in _cards(client_for(employee))}
    assert cards == {
        "Mine": "Past bij je onderwerp Duurzaamheid",
        "Pushed": "Uitgelicht door het communicatieteam",
        "Colleague": "Bericht van je collega",
        "Stage": "Past bij jouw fase: Engagement",
    }
    assert mine.pk


def test_english_labels_for_an_english_person(client_for, topic):
    """An English-speaking person reads the reasons and buttons in English."""
    person = make_user(Role.EMPLOYEE, language="en")
    person.ambassador.topics.set([topic])
    make_item(language="en", topics=[topic])
    page = client_for(person).get("/share/")
    body = " ".join(page.content.decode().split())
    assert "Matches your topic Sustainability" in body
    assert "Save for later" in body
    assert "For you" in body
    assert "Texts for" in body


def test_dutch_labels_for_a_dutch_person(client_for, employee, topic):
    employee.ambassador.topics.set([topic])
    make_item(topics=[topic])
    body = " ".join(client_for(employee).get("/share/").content.decode().split())
    assert "Past bij je onderwerp Duurzaamheid" in body
    assert "Bewaar voor later" in body
    assert "Voor jou" in body
    assert "Niet relevant voor mijn netwerk" in body


# --- images ----------------------------------------------------------------------------------


def test_an_item_without_image_gets_a_generated_one_from_its_topic(client_for, employee, topic):
    """No image: a block drawn from the tokens with the topic's initial, no file."""
    make_item(topics=[topic])
    body = client_for(employee).get("/share/").content.decode()
    assert 'class="item-placeholder tone-' in body
    assert "<span>D</span>" in body


def test_an_item_with_an_image_shows_it(client_for, employee):
    image = get_image_model().objects.create(title="Pumps", file=get_test_image_file())
    make_item(image=image)
    body = client_for(employee).get("/share/").content.decode()
    assert 'class="card-image"' in body
    assert "item-placeholder" not in body


# --- network tabs ----------------------------------------------------------------------------


def test_the_feed_network_switch_is_links(client_for, employee):
    """No dropdown: each network is a link, the current one marked, the texts follow it."""
    make_item()
    page = client_for(employee).get("/share/?network=x")
    body = page.content.decode()
    assert "<select" not in body
    assert 'href="?network=x" aria-current="page"' in body
    (card,) = [card for card, _form in page.context["cards"]]
    assert card.body.startswith("Short text")


# --- save for later --------------------------------------------------------------------------


def test_save_for_later_and_let_go(client_for, employee):
    """Saving puts the item under Saved; saving twice keeps one; letting go removes it."""
    item = make_item(title="Keep me")
    client = client_for(employee)
    response = client.post(f"/share/{item.pk}/save/", {"saved": "1", "network": "x"})
    assert response.status_code == 302
    assert response["Location"] == "/share/?network=x"
    client.post(f"/share/{item.pk}/save/", {"saved": "1"})
    assert SavedItem.objects.filter(user=employee).count() == 1
    saved = _cards(client, "/share/?show=saved")
    assert [card.item.title for card in saved] == ["Keep me"]
    assert saved[0].saved is True
    assert _cards(client)[0].saved is True
    response = client.post(f"/share/{item.pk}/save/", {"show": "saved"})
    assert response["Location"] == "/share/?show=saved"
    assert not SavedItem.objects.exists()
    assert _cards(client, "/share/?show=saved") == []


def test_a_saved_list_is_its_owners(client_for, employee, other_employee):
    """My saved items are not in a colleague's list, and a colleague cannot let mine go."""
    item = make_item()
    services.item_save(user=employee, item=item, saved=True)
    assert _cards(client_for(other_employee), "/share/?show=saved") == []
    assert _cards(client_for(other_employee))[0].saved is False
    client_for(other_employee).post(f"/share/{item.pk}/save/", {})
    assert SavedItem.objects.filter(user=employee, item=item).exists()


def test_an_expired_item_cannot_be_saved_and_leaves_the_list(employee):
    import datetime as dt

    from django.utils import timezone

    item = make_item()
    services.item_save(user=employee, item=item, saved=True)
    item.expires_at = timezone.now() - dt.timedelta(minutes=1)
    item.save()
    with pytest.raises(services.SharingError):
        services.item_save(user=employee, item=item, saved=True)
    from sharing.selectors import saved_for

    assert saved_for(ambassador=employee.ambassador, network="linkedin") == []


def test_saving_once_is_a_database_rule(employee):
    item = make_item()
    SavedItem.objects.create(user=employee, item=item)
    with pytest.raises(IntegrityError):
        SavedItem.objects.create(user=employee, item=item)


def test_save_is_post_only_through_a_form(client_for, employee):
    item = make_item()
    assert client_for(employee).get(f"/share/{item.pk}/save/").status_code == 405
    assert client_for(make_user(Role.EMPLOYEE, joined=False)).post(
        f"/share/{item.pk}/save/", {"saved": "1"}
    ).status_code in (302, 403)
    assert not SavedItem.objects.exists()


# --- fixed queries ---------------------------------------------------------------------------


def _items_with_images(count, topic):
    image = get_image_model().objects.create(title="Pumps", file=get_test_image_file())
    return [make_item(topics=[topic], image=image) for _n in range(count)]


def test_feed_and_saved_queries_do_not_grow(client_for, employee, topic):
    """With images, pushes and saves, the feed and the saved list cost the same at 3 and 25."""
    employee.ambassador.topics.set([topic])
    client = client_for(employee)
    for item in _items_with_images(3, topic):
        Push.objects.create(item=item)
        services.item_save(user=employee, item=item, saved=True)
    small = page_queries(client, "/share/"), page_queries(client, "/share/?show=saved")
    for item in _items_with_images(22, topic):
        Push.objects.create(item=item)
        services.item_save(user=employee, item=item, saved=True)
    large = page_queries(client, "/share/"), page_queries(client, "/share/?show=saved")
    assert small == large
