"""The share composer: the text to start from, hashtags, the own-words coach and its warning,
the copy step before Facebook, escaping in the preview, and fixed queries."""

import datetime as dt
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from ambassadors.models import SocialProfile
from ambassadors.roles import Role
from sharing.coach import CROWD, NEARLY_SAME, likeness, text_echo
from sharing.models import Share, TextVariant
from sharing.selectors import best_text, hashtag
from tests.factories import make_user
from tests.factories.sharing import make_item
from tests.queries import page_queries

pytestmark = pytest.mark.django_db

SUGGESTED = "Our heat pumps are now quiet enough for a classroom. Proud of the team."
OWN = (
    "I visited a school last week where the new heat pump runs all day and nobody hears it. "
    "That is why I care about this."
)


def _item(**fields):
    item = make_item(language="en", **fields)
    TextVariant.objects.filter(item=item).delete()
    TextVariant.objects.create(item=item, network="linkedin", text=SUGGESTED)
    return item


def _colleagues_shared(item, text, count, *, days_ago=1):
    for _n in range(count):
        Share.objects.create(
            user=make_user(Role.EMPLOYEE),
            item=item,
            network="linkedin",
            text=text,
            created_at=timezone.now() - dt.timedelta(days=days_ago),
        )


# --- the coach and its warning ---------------------------------------------------------------


def test_the_same_text_by_three_colleagues_warns(employee):
    """Three colleagues who shared the suggestion as it is this week: a warning."""
    item = _item()
    _colleagues_shared(item, SUGGESTED, CROWD)
    echo = text_echo(user=employee, item=item, text=SUGGESTED)
    assert (echo.colleagues, echo.similar, echo.warn) == (3, 3, True)
    assert echo.suggestion == 100


def test_own_rewritten_text_does_not_warn(employee):
    """A text in one's own words is far from the suggestion and from the crowd: no warning."""
    item = _item()
    _colleagues_shared(item, SUGGESTED, CROWD + 2)
    echo = text_echo(user=employee, item=item, text=OWN)
    assert echo.warn is False
    assert echo.similar == 0
    assert echo.suggestion < 60


def test_a_personal_sentence_lowers_the_likeness():
    """Adding one sentence of one's own lowers the score (a token-set ratio would stay 100)."""
    with_sentence = SUGGESTED + " I saw it myself at De Linde school, and the children loved it."
    assert likeness(SUGGESTED, SUGGESTED) == 100
    assert likeness(with_sentence, SUGGESTED) < NEARLY_SAME


@pytest.mark.parametrize(("count", "days_ago"), [(CROWD - 1, 1), (CROWD, 8)])
def test_too_few_or_too_old_shares_do_not_warn(employee, count, days_ago):
    """Two colleagues, or three more than a week ago: no warning."""
    item = _item()
    _colleagues_shared(item, SUGGESTED, count, days_ago=days_ago)
    assert text_echo(user=employee, item=item, text=SUGGESTED).warn is False


def test_the_warning_asks_and_share_anyway_shares(client_for, employee, english):
    """The POST shows a confirmation step (nothing stored); "Share anyway" shares."""
    employee.ambassador.language = "en"
    employee.ambassador.save()
    item = _item()
    _colleagues_shared(item, SUGGESTED, CROWD)
    client = client_for(employee)
    page = client.post(f"/share/{item.pk}/", {"network": "linkedin", "text": SUGGESTED})
    assert page.status_code == 200
    body = " ".join(page.content.decode().split())
    assert "3 colleagues shared nearly the same text in the last 7 days." in body
    assert "Share anyway" in body
    assert "Edit my text" in body
    assert not Share.objects.filter(user=employee).exists()
    done = client.post(
        f"/share/{item.pk}/", {"network": "linkedin", "text": SUGGESTED, "confirmed": "1"}
    )
    assert done.status_code == 302
    assert Share.objects.filter(user=employee).exists()


def test_the_coach_answers_scores_and_counts_never_texts(client_for, employee, english):
    """The coach's JSON holds numbers and advice: a colleague's words never reach the browser."""
    item = _item()
    secret = "A colleague's very personal words about her father's heat pump"
    _colleagues_shared(item, secret, 1)
    response = client_for(employee).post(f"/share/{item.pk}/coach/", {"text": OWN})
    data = response.json()
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert data["colleagues"] == 1
    assert set(data) == {
        "suggestion",
        "colleagues",
        "similar",
        "warn",
        "advice",
        "crowd",
        "hints",  # the posting checks' hints (tests/sharing/test_posting_checks.py)
    }
    assert "father" not in json.dumps(data)
    assert "closest" not in data  # a likeness to one colleague's post, asked often, would spell it


def test_the_coach_compares_a_bounded_number_of_shares_in_one_query(
    employee, django_assert_num_queries
):
    """However many shares the item has, the coach reads them in one query (variants loaded)."""
    item = _item()
    _colleagues_shared(item, SUGGESTED, 5)
    item = type(item).objects.prefetch_related("variants").get(pk=item.pk)
    list(item.variants.all())
    with django_assert_num_queries(1):
        text_echo(user=employee, item=item, text=OWN)


# --- never an empty text ---------------------------------------------------------------------


def _instagram_person(**fields):
    person = make_user(Role.EMPLOYEE, **fields)
    SocialProfile.objects.create(
        ambassador=person.ambassador, network="instagram", audience_size=900
    )
    SocialProfile.objects.create(ambassador=person.ambassador, network="linkedin", audience_size=50)
    return person


def test_an_instagram_person_never_gets_an_empty_text(client_for):
    """No Instagram text: the composer and the feed start from the LinkedIn one."""
    person = _instagram_person()
    item = make_item()  # LinkedIn and X texts only
    page = client_for(person).get(f"/share/{item.pk}/")
    assert page.context["network"] == "instagram"
    assert page.context["text"].startswith("Variant")
    feed = client_for(person).get("/share/")
    (card, _form) = feed.context["cards"][0]
    assert card.body.startswith("Variant")


def test_without_any_text_the_title_and_summary_are_offered(employee):
    """An item without a single suggested text offers its title and summary."""
    item = make_item(title="Quiet heat pumps", summary="They run all day.")
    TextVariant.objects.filter(item=item).delete()
    item = type(item).objects.prefetch_related("variants").get(pk=item.pk)
    assert best_text(user=employee, item=item, network="instagram") == (
        "Quiet heat pumps\n\nThey run all day."
    )


def test_the_fallback_for_x_fits_x(employee):
    """A long LinkedIn text and summary are not offered for X: the title is."""
    item = make_item(title="Quiet heat pumps", summary="A long summary. " * 20)
    TextVariant.objects.filter(item=item).delete()
    TextVariant.objects.create(item=item, network="linkedin", text="Long. " * 100)
    item = type(item).objects.prefetch_related("variants").get(pk=item.pk)
    assert best_text(user=employee, item=item, network="x") == "Quiet heat pumps"


# --- hashtags --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "tag"),
    [
        ("Duurzaamheid", "#Duurzaamheid"),
        ("Werken bij", "#WerkenBij"),
        ("AI & data", "#AIData"),
        ("  ", ""),
    ],
)
def test_topic_names_become_tidy_hashtags(name, tag):
    assert hashtag(name) == tag


def test_the_composer_suggests_hashtags_in_the_items_language(
    client_for, employee, topic, other_topic
):
    """An English item's topics give English hashtags; a Dutch item's Dutch ones."""
    english_item = make_item(language="en", topics=[topic, other_topic])
    dutch_item = make_item(topics=[other_topic])
    client = client_for(employee)
    assert client.get(f"/share/{english_item.pk}/").context["hashtags"] == [
        "#Sustainability",
        "#WorkingHere",
    ]
    page = client.get(f"/share/{dutch_item.pk}/")
    assert page.context["hashtags"] == ["#WerkenBij"]
    assert 'data-hashtag="#WerkenBij"' in page.content.decode()


# --- the networks as tabs and the copy step --------------------------------------------------


def test_networks_are_tabs_with_the_persons_own_first(client_for):
    """The composer's networks are links; the person's own come first, the current one marked."""
    person = _instagram_person()
    page = client_for(person).get(f"/share/{make_item().pk}/?network=linkedin")
    tabs = page.context["network_tabs"]
    assert [tab["network"] for tab in tabs][:2] == ["instagram", "linkedin"]
    assert [tab["network"] for tab in tabs if tab["current"]] == ["linkedin"]
    assert 'href="?network=x"' in page.content.decode()


def test_the_count_reads_its_rule_from_the_server(client_for, employee):
    """The live count gets the limit and the link's length from the page, as the server counts."""
    page = client_for(employee).get(f"/share/{make_item().pk}/?network=x").content.decode()
    assert 'data-limit="280"' in page
    assert 'data-link-length="24"' in page


def test_facebook_stores_the_share_then_shows_the_copy_step(client_for, employee, english):
    """Facebook: the share is stored, the next page holds the text to copy and the link to
    Facebook's page with the tracked link (and no text, which Facebook ignores)."""
    employee.ambassador.language = "en"
    employee.ambassador.save()
    item = make_item(language="en")
    client = client_for(employee)
    response = client.post(f"/share/{item.pk}/", {"network": "facebook", "text": OWN})
    share = Share.objects.get(user=employee)
    assert response["Location"] == f"/share/facebook/{share.code}/"
    page = client.get(response["Location"])
    assert page.context["share"] == share
    intent = urlsplit(page.context["intent"])
    assert intent.netloc == "www.facebook.com"
    assert parse_qs(intent.query) == {"u": [f"http://127.0.0.1:8000/s/{share.code}"]}
    body = page.content.decode()
    assert "Your text is copied to your clipboard." in body
    assert "Open Facebook" in body
    assert "readonly" in body
    # Someone else's code, or another network's page: not found.
    assert client.get(f"/share/instagram/{share.code}/").status_code == 404
    other = make_user(Role.EMPLOYEE)
    assert client_for(other).get(f"/share/facebook/{share.code}/").status_code == 404


# --- hostile input ---------------------------------------------------------------------------


def test_html_in_texts_is_escaped_in_the_preview(client_for, employee):
    """Markup in a suggested text, a title or a typed text is shown as text, never run."""
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    item = make_item(title=f"Title {hostile}")
    TextVariant.objects.filter(item=item).update(text=f"Text {hostile}")
    client = client_for(employee)
    for page in (
        client.get(f"/share/{item.pk}/?network=linkedin"),
        client.post(f"/share/{item.pk}/", {"network": "x", "text": hostile * 20}),
        client.get("/share/"),
    ):
        body = page.content.decode()
        assert "<script>alert" not in body
        assert "<img src=x" not in body
        assert "&lt;script&gt;alert" in body


# --- fixed queries ---------------------------------------------------------------------------


def test_composer_queries_do_not_grow(client_for, employee, topic, other_topic):
    """The composer costs the same queries with 3 and with 60 shares of colleagues."""
    item = make_item(topics=[topic, other_topic])
    client = client_for(employee)
    _colleagues_shared(item, "Look", 3)
    small = page_queries(client, f"/share/{item.pk}/")
    _colleagues_shared(item, "Look at this", 57)
    large = page_queries(client, f"/share/{item.pk}/")
    assert small == large
