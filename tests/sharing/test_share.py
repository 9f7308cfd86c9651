"""Sharing: text checks, disclosure, tracked links, the network's share page, refusals."""

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from ambassadors.models import Stage
from sharing import services
from sharing.models import Click, Share
from tests.factories.sharing import make_item

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture(autouse=True)
def _english_learner(employee):
    employee.ambassador.language = "en"
    employee.ambassador.save()


def test_share_opens_the_networks_page_with_text_and_tracked_link(client_for, employee):
    """Posting the share form records the share and redirects to X's intent with both."""
    item = make_item(language="en")
    response = client_for(employee).post(
        f"/share/{item.pk}/?network=x", {"network": "x", "text": "My own words"}
    )
    share = Share.objects.get(user=employee)
    assert response.status_code == 302
    intent = urlsplit(response["Location"])
    assert intent.netloc == "x.com"
    query = parse_qs(intent.query)
    assert query["text"] == ["My own words"]
    assert query["url"] == [f"http://127.0.0.1:8000/s/{share.code}"]
    assert share.edited is True


def test_unchanged_default_text_is_recorded_as_not_edited(client_for, employee):
    """Sharing the offered text as it is records edited = False."""
    item = make_item(language="en")
    client = client_for(employee)
    page = client.get(f"/share/{item.pk}/?network=linkedin")
    client.post(f"/share/{item.pk}/", {"network": "linkedin", "text": page.context["text"]})
    assert Share.objects.get(user=employee).edited is False


def test_disclosure_is_added_when_missing(employee):
    """The item's required disclosure ends up in the shared text."""
    item = make_item(language="en", disclosure="I work at Vermeer Techniek.")
    share = services.share_create(user=employee, item=item, network="linkedin", text="Look!")
    assert share.text.endswith("I work at Vermeer Techniek.")


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("expired", "can no longer be shared"),
        ("stage", "later stage"),
        ("too_long", "Too long for X"),
        ("empty", "Write a text"),
    ],
)
def test_refusals(client_for, employee, setup, message):
    """Expired items, later-stage items, over-long and empty texts are refused with a message."""
    fields = {"language": "en"}
    text, network = "Fine", "x"
    if setup == "expired":
        fields["expires_at"] = timezone.now() - dt.timedelta(minutes=1)
    elif setup == "stage":
        fields["min_stage"] = Stage.PRODUCTION
    elif setup == "too_long":
        text = "x" * 260
    elif setup == "empty":
        text = "   "
    item = make_item(**fields)
    with pytest.raises(services.SharingError, match=message):
        services.share_create(user=employee, item=item, network=network, text=text)
    assert not Share.objects.exists()
    if setup in ("too_long", "empty"):
        response = client_for(employee).post(
            f"/share/{item.pk}/", {"network": network, "text": text}
        )
        assert response.status_code == 400
        assert message in response.content.decode()


def test_forged_user_in_the_post_is_ignored(client_for, employee, other_employee):
    """A share is always the signed-in person's, whatever the form says."""
    item = make_item(language="en")
    client_for(employee).post(
        f"/share/{item.pk}/", {"network": "x", "text": "Hi", "user": other_employee.pk}
    )
    assert list(Share.objects.values_list("user", flat=True)) == [employee.pk]


def test_guidelines_must_be_acknowledged_first(client_for, employee):
    """With published guidelines not yet acknowledged, sharing asks to read them first."""
    from tests.factories.guidelines import build_guidelines

    build_guidelines()
    item = make_item(language="en")
    with pytest.raises(services.SharingError, match="guidelines"):
        services.share_create(user=employee, item=item, network="x", text="Hi")
    page = client_for(employee).get(f"/share/{item.pk}/")
    assert page.context["gate"] is not None


def test_tracked_link_redirects_only_to_the_stored_address_with_utm(client):
    """The redirect goes to the item's URL plus UTM; extra parameters change nothing."""
    item = make_item(language="en")
    share = Share.objects.create(
        user_id=None or _user().pk, item=item, network="linkedin", text="x"
    )
    response = client.get(
        f"/s/{share.code}?next=https://evil.example/&url=https://evil.example/",
        HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    stored_target = urlsplit(item.url)
    assert (target.scheme, target.netloc, target.path) == (
        stored_target.scheme,
        stored_target.netloc,
        stored_target.path,
    )
    query = parse_qs(target.query)
    assert query["utm_source"] == ["linkedin"]
    assert query["utm_medium"] == ["employee-advocacy"]
    assert query["utm_campaign"] == [f"item-{item.pk}"]
    assert query["ref"] == ["home"]
    click = Click.objects.get()
    assert click.is_bot is False
    stored = " ".join(str(value) for value in Click.objects.values().get().values())
    assert "203.0.113.9" not in stored


def _user():
    from ambassadors.roles import Role
    from tests.factories import make_user

    return make_user(Role.EMPLOYEE)


@pytest.mark.parametrize("code", ["nope", "does-not-exist-123", "%00%00", "a" * 40, "..%2f..%2f"])
def test_unknown_or_malformed_codes_are_a_friendly_404(client, code):
    """Unknown and malformed codes answer 404 and count nothing."""
    assert client.get(f"/s/{code}").status_code == 404
    assert not Click.objects.exists()


def test_preview_fetchers_are_counted_apart(client):
    """LinkedIn's and Slack's link previews are stored as bots, not clicks."""
    item = make_item(language="en")
    share = Share.objects.create(user=_user(), item=item, network="linkedin", text="x")
    for agent in ("LinkedInBot/1.0", "Slackbot-LinkExpanding 1.0", "facebookexternalhit/1.1", ""):
        client.get(f"/s/{share.code}", HTTP_USER_AGENT=agent)
    assert Click.objects.filter(is_bot=True).count() == 4
    client.get(f"/s/{share.code}", HTTP_USER_AGENT="Mozilla/5.0 Safari/605.1.15")
    assert Click.objects.filter(is_bot=False).count() == 1


def test_my_reach_counts_human_clicks_and_unique_visitors(client_for, employee):
    """My reach shows clicks without bots, unique visitors per day and the estimated audience."""
    from ambassadors.models import SocialProfile

    SocialProfile.objects.create(
        ambassador=employee.ambassador, network="linkedin", audience_size=400
    )
    item = make_item(language="en")
    share = Share.objects.create(user=employee, item=item, network="linkedin", text="x")
    for ip in ("203.0.113.1", "203.0.113.1", "203.0.113.2"):
        services.click_record(share_id=share.pk, ip=ip, user_agent="Mozilla/5.0")
    services.click_record(share_id=share.pk, ip="203.0.113.3", user_agent="LinkedInBot/1.0")
    response = client_for(employee).get("/share/reach/")
    row = response.context["rows"][0]
    assert (row.clicks, row.visitors, row.estimated_audience) == (3, 2, 400)


def test_a_changing_browser_string_is_still_one_visitor(client, client_for, employee):
    """Twenty clicks from one address with twenty browser strings make one unique visitor."""
    share = Share.objects.create(user=employee, item=make_item(), network="linkedin", text="x")
    for number in range(4):
        client.get(
            f"/s/{share.code}",
            HTTP_USER_AGENT=f"Mozilla/5.0 (Windows NT 10.{number}) Chrome/{100 + number}.0",
            REMOTE_ADDR="203.0.113.7",
        )
    row = client_for(employee).get("/share/reach/").context["rows"][0]
    assert (row.clicks, row.visitors) == (4, 1)


def test_a_burst_from_one_network_is_flagged_and_not_counted(client_for, employee):
    """Clicks beyond five from one network within minutes count apart, never as visitors."""
    share = Share.objects.create(user=employee, item=make_item(), network="linkedin", text="x")
    for host in range(1, 9):  # eight addresses of one /24 network, one after the other
        services.click_record(share_id=share.pk, ip=f"198.51.100.{host}", user_agent="Mozilla")
    services.click_record(share_id=share.pk, ip="203.0.113.9", user_agent="Mozilla")
    assert Click.objects.filter(is_burst=True).count() == 3
    employee.ambassador.language = "en"
    employee.ambassador.save(update_fields=["language"])
    response = client_for(employee).get("/share/reach/")
    row = response.context["rows"][0]
    assert (row.clicks, row.visitors, row.burst_clicks) == (6, 6, 3)
    assert "3 clicks came in bursts from one network" in " ".join(response.content.decode().split())


def test_reach_is_private(client_for, employee, other_employee):
    """Another employee's reach page does not show my shares."""
    item = make_item(language="en")
    Share.objects.create(user=employee, item=item, network="linkedin", text="x")
    assert client_for(other_employee).get("/share/reach/").context["rows"] == []
