"""The feed and the composer from cached snapshots (sharing/snapshots.py, sharing/cards.py):
their queries at two sizes, and every write they depend on shows on the next page."""

import datetime as dt

import pytest
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from ambassadors.models import SocialProfile
from ambassadors.roles import Role
from sharing import services
from sharing.models import Dismissal, Push, Share, TextVariant
from tests.factories import make_user
from tests.factories.sharing import make_item
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


def _cards(client, path="/share/"):
    return [card for card, _html in client.get(path).context["cards"]]


def _titles(client, path="/share/"):
    return [card.item.title for card in _cards(client, path)]


def _body(client, path="/share/"):
    return " ".join(client.get(path).content.decode().split())


def _image(title="Pumps"):
    return get_image_model().objects.create(title=title, file=get_test_image_file())


def _fill(count, topic, colleague):
    """`count` items with images, topics, pushes, saves, shares and dismissals around them."""
    for n in range(count):
        item = make_item(topics=[topic], image=_image() if n % 2 else None, days_old=n % 9)
        Push.objects.create(item=item)
        Share.objects.create(user=colleague, item=item, network="linkedin", text="Look")


# --- queries ---------------------------------------------------------------------------------


def test_the_feed_costs_the_same_few_queries_at_two_sizes(client_for, employee, topic):
    """A warm feed reads only the session and the person: no query of its own, at 3 or 30."""
    colleague = make_user(Role.EMPLOYEE)
    employee.ambassador.topics.set([topic])
    client = client_for(employee)
    _fill(3, topic, colleague)
    small = [page_queries(client, path) for path in ("/share/", "/share/?show=saved")]
    _fill(27, topic, colleague)
    for item in make_item(topics=[topic]), make_item():
        services.item_save(user=employee, item=item, saved=True)
    services.item_dismiss(user=employee, item=make_item(topics=[topic]))
    large = [page_queries(client, path) for path in ("/share/", "/share/?show=saved")]
    assert small == large
    assert large == [2, 2]  # the session and the person with their profile


def test_the_composer_costs_the_same_few_queries_at_two_sizes(client_for, employee, topic):
    item = make_item(topics=[topic], image=_image())
    client = client_for(employee)
    small = page_queries(client, f"/share/{item.pk}/")
    for _n in range(30):
        Share.objects.create(user=make_user(), item=item, network="linkedin", text="Look here")
    large = page_queries(client, f"/share/{item.pk}/")
    assert small == large == 2


# --- the person's own writes -----------------------------------------------------------------


def test_sharing_an_item_takes_it_off_the_next_feed(client_for, employee):
    item = make_item(title="To share", days_old=1)
    make_item(title="Other", days_old=2)
    client = client_for(employee)
    assert _titles(client) == ["To share", "Other"]
    response = client.post(f"/share/{item.pk}/?network=linkedin", {"text": "My own words here"})
    assert response.status_code == 302
    assert _titles(client) == ["Other"]


def test_saving_and_letting_go_show_on_the_next_feed(client_for, employee):
    item = make_item(title="Keep")
    client = client_for(employee)
    assert _cards(client)[0].saved is False
    client.post(f"/share/{item.pk}/save/", {"saved": "1"})
    assert _cards(client)[0].saved is True
    assert 'aria-pressed="true"' in _body(client)
    assert _titles(client, "/share/?show=saved") == ["Keep"]
    assert client.get("/share/").context["saved_count"] == 1
    client.post(f"/share/{item.pk}/save/", {})
    assert _cards(client)[0].saved is False
    assert _titles(client, "/share/?show=saved") == []
    assert client.get("/share/").context["saved_count"] == 0


def test_dismissing_shows_on_the_next_feed(client_for, employee, topic, other_topic):
    """The hidden item leaves, and its topic weighs down the rest at once."""
    first = make_item(title="A 1", topics=[topic], days_old=1)
    make_item(title="B", topics=[other_topic], days_old=2)
    make_item(title="A 2", topics=[topic], days_old=3)
    client = client_for(employee)
    assert _titles(client) == ["A 1", "B", "A 2"]
    client.post(f"/share/{first.pk}/dismiss/", {"reason": "Not mine"})
    assert Dismissal.objects.filter(user=employee, item=first).exists()
    assert _titles(client) == ["B", "A 2"]


def test_a_refused_dismissal_keeps_its_error_on_its_card(client_for, employee):
    """The refused card is rendered with its bound form; the others as kept."""
    item = make_item(title="Mine", days_old=1)
    other = make_item(title="Other", days_old=2)
    client = client_for(employee)
    client.get("/share/")
    reason = "Not for my network, " * 20
    response = client.post(f"/share/{item.pk}/dismiss/", {"reason": reason})
    page = " ".join(response.content.decode().split())
    assert response.status_code == 400
    assert page.count('<details class="dismiss" open>') == 1
    assert reason.strip() in page
    assert f'id="dismiss-{other.pk}-reason"' in page
    assert page.count('name="csrfmiddlewaretoken"') >= 4


def test_my_topics_and_networks_show_on_the_next_pages(client_for, employee, topic, other_topic):
    make_item(title="Other topic", topics=[other_topic], days_old=1)
    make_item(title="My topic", topics=[topic], days_old=5)
    item = make_item(title="Old", days_old=9)
    client = client_for(employee)
    assert _titles(client)[0] == "Other topic"
    employee.ambassador.topics.set([topic])
    assert _titles(client)[0] == "My topic"
    assert str(_cards(client)[0].reason) == "Past bij je onderwerp Duurzaamheid"
    SocialProfile.objects.create(ambassador=employee.ambassador, network="x", audience_size=10)
    assert client.get("/share/").context["network"] == "x"
    assert client.get(f"/share/{item.pk}/").context["network"] == "x"


# --- comms staff's writes --------------------------------------------------------------------


def test_publishing_unpublishing_and_editing_show_on_the_next_pages(client_for, employee):
    client = client_for(employee)
    item = make_item(title="Draft", status="proposed")
    assert _titles(client) == []
    assert client.get(f"/share/{item.pk}/").status_code == 404
    item.status = "published"
    item.save()
    assert _titles(client) == ["Draft"]
    item.title = "Final title"
    item.save()
    assert _titles(client) == ["Final title"]
    assert "Final title" in _body(client)
    assert client.get(f"/share/{item.pk}/").context["item"].title == "Final title"
    item.expires_at = timezone.now() - dt.timedelta(minutes=1)
    item.save()
    assert _titles(client) == []
    assert client.get(f"/share/{item.pk}/").status_code == 404


def test_a_publication_window_opens_and_closes_on_time(client_for, employee, monkeypatch):
    """No write: an item appears at its publish_from and leaves at its expiry."""
    now = timezone.now()
    make_item(
        title="Timed",
        publish_from=now + dt.timedelta(hours=1),
        expires_at=now + dt.timedelta(hours=2),
    )
    client = client_for(employee)
    assert _titles(client) == []
    monkeypatch.setattr(timezone, "now", lambda: now + dt.timedelta(hours=1, minutes=1))
    assert _titles(client) == ["Timed"]
    monkeypatch.setattr(timezone, "now", lambda: now + dt.timedelta(hours=2, minutes=1))
    assert _titles(client) == []


def test_a_changed_text_shows_on_the_next_pages(client_for, employee):
    item = make_item(variants=1)
    client = client_for(employee)
    assert _cards(client)[0].body.startswith("Variant 1")
    variant = TextVariant.objects.get(item=item, network="linkedin")
    variant.text = "A better suggested text"
    variant.save()
    assert _cards(client)[0].body == "A better suggested text"
    assert "A better suggested text" in _body(client)
    assert client.get(f"/share/{item.pk}/").context["text"] == "A better suggested text"


def test_a_changed_topic_shows_on_the_next_feed(client_for, employee, topic, other_topic):
    item = make_item(topics=[topic])
    client = client_for(employee)
    assert "· Duurzaamheid" in _body(client)
    topic.name_nl = "Klimaat"
    topic.save()
    assert "· Klimaat" in _body(client)
    item.topics.set([other_topic])
    item.save()
    body = _body(client)
    assert "· Werken bij" in body
    assert "· Klimaat" not in body


def test_a_push_shows_on_the_next_feed(client_for, employee):
    item = make_item()
    client = client_for(employee)
    assert str(_cards(client)[0].reason) != "Uitgelicht door het communicatieteam"
    Push.objects.create(item=item)
    assert str(_cards(client)[0].reason) == "Uitgelicht door het communicatieteam"


def test_an_image_added_or_replaced_shows_on_the_next_feed(client_for, employee):
    item = make_item()
    client = client_for(employee)
    assert "item-placeholder" in _body(client)
    image = _image()
    item.image = image
    item.save()
    body = _body(client)
    assert 'class="card-image"' in body
    assert "item-placeholder" not in body
    before = _cards(client)[0].image
    image.file = get_test_image_file(filename="other.png", colour="red")
    image.save()
    image.renditions.all().delete()  # as Wagtail does when an image's file is replaced
    assert _cards(client)[0].image != before


# --- colleagues' shares ----------------------------------------------------------------------


def test_a_colleagues_share_shows_on_the_next_pages(client_for, employee):
    """Shares by people in my stage lift an item and say so; the coach counts them."""
    item = make_item(title="Shared")
    make_item(title="Fresher", days_old=0)
    client = client_for(employee)
    assert _titles(client) == ["Fresher", "Shared"]
    colleague = make_user(Role.EMPLOYEE)
    services.share_create(user=colleague, item=item, network="linkedin", text="Worth reading")
    assert _titles(client) == ["Shared", "Fresher"]
    assert str(_cards(client)[0].reason) == "Gedeeld door 1 collega in jouw fase"
    assert client.get(f"/share/{item.pk}/").context["coach"]["colleagues"] == 1


def test_a_colleagues_stage_change_shows_on_the_next_feed(client_for, employee):
    item = make_item(title="Shared")
    colleague = make_user(Role.EMPLOYEE)
    Share.objects.create(user=colleague, item=item, network="linkedin", text="Look")
    client = client_for(employee)
    assert str(_cards(client)[0].reason).startswith("Gedeeld door 1")
    colleague.ambassador.stage = employee.ambassador.stage + 1
    colleague.ambassador.save(update_fields=["stage"])
    assert not str(_cards(client)[0].reason).startswith("Gedeeld door")


def test_a_fetched_link_preview_shows_on_the_next_composer(client_for, employee, monkeypatch):
    """The preview task writes past the signals (an update): it moves the library itself."""
    from sharing import tasks

    item = make_item(title="Own title")
    client = client_for(employee)
    assert client.get(f"/share/{item.pk}/").context["preview"]["title"] == "Own title"
    found = {"title": "Fetched title", "description": "", "image": "https://news.example/a.png"}
    monkeypatch.setattr("sharing.preview.fetch_preview", lambda url: found)
    assert tasks.fetch_preview(item.pk) == "fetched"
    preview = client.get(f"/share/{item.pk}/").context["preview"]
    assert preview["title"] == "Fetched title"
    assert preview["image_url"] == "https://news.example/a.png"


def test_a_process_keeps_the_cards_of_the_current_library_version_only(client_for, employee):
    """A library change renders new cards; the old ones are dropped, not kept beside them."""
    from sharing import cards

    for n in range(3):
        make_item(title=f"Open day {n}")
    client = client_for(employee)
    client.get("/share/")
    before = dict(cards._kept)
    assert before
    versions_before = {key[0] for key in before}
    assert len(versions_before) == 1
    make_item(title="Open day 3")  # the library moves on
    client.get("/share/")
    versions_after = {key[0] for key in cards._kept}
    assert len(versions_after) == 1
    assert versions_after != versions_before
