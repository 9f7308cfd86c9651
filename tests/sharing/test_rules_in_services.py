"""The content library's rules hold for every caller: the services refuse, the pages turn a
refusal into a form error with what was typed, and showing a page writes nothing."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from ambassadors.models import Ambassador, Notification, Stage
from ambassadors.roles import Role
from sharing import services
from sharing.models import ContentItem, Dismissal, Push, Share
from sharing.selectors import may_propose, offered_variants
from tests.factories import make_user
from tests.factories.sharing import make_item

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _english(user):
    Ambassador.objects.filter(user=user).update(language="en")
    return type(user).objects.get(pk=user.pk)


# --- the curation stage gate ----------------------------------------------------------------


def test_proposing_opens_in_the_curation_stage():
    """may_propose() is the one stage gate: stage 1 may not propose, stages 2 and 3 may, and
    the service and the page both follow it."""
    assert may_propose(make_user(stage=Stage.ENGAGEMENT).ambassador) is False
    assert may_propose(make_user(stage=Stage.CURATION).ambassador) is True
    assert may_propose(make_user(stage=Stage.PRODUCTION).ambassador) is True
    beginner = make_user(stage=Stage.ENGAGEMENT)
    with pytest.raises(services.SharingError) as refused:
        services.proposal_create(
            user=beginner, url="https://blog.example/a", title="A", comment="Worth it"
        )
    assert str(refused.value) == str(services.ERROR_PROPOSAL_STAGE)
    assert not ContentItem.objects.exists()


def test_the_propose_page_follows_the_stage_gate(client_for):
    """Stage 1 reads when proposing opens; the curation stage gets the form."""
    page = client_for(_english(make_user(stage=Stage.ENGAGEMENT))).get("/share/propose/")
    assert "opens in the curation stage" in page.content.decode()
    assert 'name="url"' not in page.content.decode()
    page = client_for(_english(make_user(stage=Stage.CURATION))).get("/share/propose/")
    assert 'name="url"' in page.content.decode()


def test_a_paused_person_may_not_propose_or_share():
    """Only people taking part propose or share, whichever caller asks."""
    curator = make_user(stage=Stage.CURATION)
    Ambassador.objects.filter(user=curator).update(status=Ambassador.Status.PAUSED)
    with pytest.raises(services.SharingError, match="Join the programme"):
        services.proposal_create(user=curator, url="https://blog.example/a", title="", comment="x")
    with pytest.raises(services.SharingError, match="Join the programme"):
        services.share_create(user=curator, item=make_item(), network="x", text="Hi")
    assert not Share.objects.exists()


# --- who may act on which proposal, push, item ----------------------------------------------


def test_only_comms_staff_review_proposals(comms):
    """A reviewer without the library's change permission is refused; nothing changes and
    nobody is told."""
    curator = make_user(stage=Stage.CURATION)
    item = services.proposal_create(
        user=curator, url="https://blog.example/a", title="A", comment="Good read"
    )
    colleague = make_user(stage=Stage.PRODUCTION)
    with pytest.raises(services.SharingError) as refused:
        services.proposal_review(item=item, approve=True, reason="", reviewer=colleague)
    assert str(refused.value) == str(services.ERROR_MAY_NOT_REVIEW)
    assert ContentItem.objects.get(pk=item.pk).status == ContentItem.Status.PROPOSED
    assert not Notification.objects.filter(kind="proposal_reviewed").exists()
    services.proposal_review(item=item, approve=True, reason="", reviewer=comms)
    assert ContentItem.objects.get(pk=item.pk).status == ContentItem.Status.PUBLISHED


def test_push_rules_hold_outside_the_cms(comms, employee, django_capture_on_commit_callbacks):
    """push_create() refuses people without the push permission, items not in the library
    and empty segments (keeping no push), and plans a push that reaches someone."""
    item = make_item()
    with pytest.raises(services.SharingError) as refused:
        services.push_create(item=item, created_by=employee, window_hours=24)
    assert str(refused.value) == str(services.ERROR_MAY_NOT_PUSH)
    proposed = make_item(status=ContentItem.Status.PROPOSED)
    with pytest.raises(services.SharingError, match="no longer be shared"):
        services.push_create(item=proposed, created_by=comms, window_hours=24)
    with pytest.raises(services.SharingError) as refused:
        services.push_create(item=item, created_by=comms, window_hours=24, language="en")
    assert str(refused.value) == str(services.ERROR_EMPTY_SEGMENT)
    assert not Push.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        push, size = services.push_create(item=item, created_by=comms, window_hours=24)
    assert size == Ambassador.objects.participating().filter(language="nl").count()
    push.refresh_from_db()
    assert push.planned_at is not None
    assert push.created_by == comms


def test_an_item_outside_the_library_cannot_be_hidden(employee):
    """Hiding is for items in the library; a proposal is refused, whoever calls."""
    proposed = make_item(status=ContentItem.Status.PROPOSED)
    with pytest.raises(services.SharingError) as refused:
        services.item_dismiss(user=employee, item=proposed, reason="no")
    assert str(refused.value) == str(services.ERROR_NOT_IN_LIBRARY)
    assert not Dismissal.objects.exists()


# --- refusals become form errors, with what was typed ---------------------------------------


def test_too_long_share_text_comes_back_with_the_text(client_for, employee):
    """An over-long text for X: the page says why and keeps the text to shorten."""
    item = make_item(language="en")
    typed = "My own words " * 20
    response = client_for(_english(employee)).post(
        f"/share/{item.pk}/", {"network": "x", "text": typed}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Too long for X" in page
    assert typed.strip() in page
    assert 'maxlength="280"' in page
    assert not Share.objects.exists()


def test_a_too_long_reason_to_hide_is_a_form_error(client_for, employee):
    """The reason's limit is the model's: a longer one is shown back, nothing is hidden."""
    item = make_item(language="en")
    reason = "Not for my network, " * 20
    response = client_for(_english(employee)).post(f"/share/{item.pk}/dismiss/", {"reason": reason})
    page = response.content.decode()
    assert response.status_code == 400
    assert "at most 300 characters" in page
    assert reason.strip() in page
    assert not Dismissal.objects.exists()


def test_hiding_with_a_reason_redirects_to_the_feed(client_for, employee):
    """A reason within the limit hides the item for the person."""
    item = make_item()
    response = client_for(employee).post(f"/share/{item.pk}/dismiss/", {"reason": "Not mine"})
    assert response.status_code == 302
    assert Dismissal.objects.get(user=employee, item=item).reason == "Not mine"


def test_cms_review_refusal_keeps_the_typed_reason(client_for, comms):
    """A reason over its limit in the CMS review: the form says so and keeps the text; the
    proposal stays open."""
    curator = make_user(stage=Stage.CURATION)
    item = services.proposal_create(
        user=curator, url="https://blog.example/a", title="A", comment="Good read"
    )
    reason = "Off topic for us. " * 20
    response = client_for(comms).post(
        f"/cms/sharing/proposals/{item.pk}/", {"decision": "reject", "reason": reason}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert reason.strip() in page
    assert ContentItem.objects.get(pk=item.pk).status == ContentItem.Status.PROPOSED
    response = client_for(comms).post(
        f"/cms/sharing/proposals/{item.pk}/", {"decision": "reject", "reason": "  "}
    )
    assert response.status_code == 400
    assert str(services.ERROR_REASON_NEEDED) in response.content.decode()
    response = client_for(comms).post(
        f"/cms/sharing/proposals/{item.pk}/", {"decision": "reject", "reason": "Off topic"}
    )
    assert response.status_code == 302
    assert ContentItem.objects.get(pk=item.pk).review_reason == "Off topic"


def test_cms_push_to_nobody_says_so_and_keeps_the_choice(client_for, comms):
    """A push whose segment is empty: the form says so, keeps the window typed, and no push
    is stored."""
    item = make_item(language="en")
    response = client_for(comms).post(f"/cms/sharing/push/{item.pk}/", {"window_hours": 17})
    page = response.content.decode()
    assert str(services.ERROR_EMPTY_SEGMENT) in page
    assert re.search(r'name="window_hours"[^>]*value="17"|value="17"[^>]*name="window_hours"', page)
    assert not Push.objects.exists()


# --- no writes on GET -----------------------------------------------------------------------


def _writes(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [
        q["sql"] for q in captured if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
    ]


def test_showing_the_feed_and_the_share_page_writes_nothing(client_for, employee):
    """The offered texts are worked out, not stored: a page view changes nothing (the
    session's last-seen stamp aside)."""
    item = make_item(variants=3)
    client = client_for(employee)
    client.get("/share/")  # the first request of a session may touch the session itself
    writes = _writes(client, "/share/") + _writes(client, f"/share/{item.pk}/?network=linkedin")
    assert [sql for sql in writes if "sharing_" in sql] == []


def test_colleagues_are_offered_different_texts_and_keep_theirs(employee, other_employee):
    """Two variants, two colleagues next to each other: two different texts, each the same
    every time, and the share records the one offered."""
    item = make_item(variants=2)
    item = ContentItem.objects.prefetch_related("variants").get(pk=item.pk)
    people = sorted([employee, other_employee], key=lambda user: user.pk)
    first = offered_variants(user=people[0], items=[item], network="linkedin")[item.pk]
    second = offered_variants(user=people[1], items=[item], network="linkedin")[item.pk]
    assert first.pk != second.pk
    assert offered_variants(user=people[0], items=[item], network="linkedin")[item.pk] == first
    share = services.share_create(user=people[0], item=item, network="linkedin", text=first.text)
    assert (share.variant, share.edited) == (first, False)


# --- links and texts of what the library tells people ---------------------------------------


def test_notification_links_are_the_pages_urls(comms, employee, topic):
    """A push, a review and a colleague's post link to the share page and the feed by name."""
    item = make_item()
    services.push_plan(push=Push.objects.create(item=item, window_hours=24))
    pushed = Notification.objects.filter(idempotency_key__startswith="push:")
    assert set(pushed.values_list("link", flat=True)) == {reverse("sharing:share", args=[item.pk])}

    curator = make_user(stage=Stage.CURATION)
    proposal = services.proposal_create(
        user=curator, url="https://blog.example/a", title="A", comment="Good read"
    )
    services.proposal_review(item=proposal, approve=True, reason="", reviewer=comms)
    assert Notification.objects.get(kind="proposal_reviewed").link == reverse("sharing:feed")

    employee.ambassador.topics.set([topic])
    follower = make_user(Role.EMPLOYEE)
    follower.ambassador.topics.set([topic])
    post, invited = services.colleague_post_create(
        user=employee, url="https://www.linkedin.com/posts/me-1", comment="Our project"
    )
    assert invited == 1
    invitation = Notification.objects.get(kind=services.COLLEAGUE_POST_KIND)
    assert invitation.link == reverse("sharing:share", args=[post.pk])


def test_a_colleague_post_is_titled_in_the_items_language(topic):
    """The item's title is content in the item's (the poster's) language, whatever language
    the caller runs in (a task, the API, a test in English)."""
    poster = make_user(language="nl")
    with translation.override("en"):
        post, _invited = services.colleague_post_create(
            user=poster, url="https://www.linkedin.com/posts/me-2", comment=""
        )
    assert post.language == "nl"
    assert post.title.startswith("Een bericht van ")
