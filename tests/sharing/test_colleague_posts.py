"""'Ask colleagues to engage': counted once per person, and a fair share of the budget."""

import datetime as dt

import pytest
from django.utils import timezone

from ambassadors.models import Notification, Topic
from ambassadors.roles import Role
from ambassadors.services import nudge_plan
from sharing import services
from tests.factories import make_user

pytestmark = pytest.mark.django_db

_posts = iter(range(1, 1000))


def _post(user):
    return services.colleague_post_create(
        user=user, url=f"https://www.linkedin.com/posts/me-{next(_posts)}", comment="New project"
    )


def _following(*topics, **profile):
    user = make_user(Role.EMPLOYEE, **profile)
    user.ambassador.topics.set(topics)
    return user


def _invitations(recipient):
    return Notification.objects.filter(kind="colleague_post", recipient=recipient)


@pytest.fixture
def topics(db):
    return [
        Topic.objects.create(slug=slug, name_nl=slug, name_en=slug)
        for slug in ("duurzaamheid", "werken-bij")
    ]


def test_colleagues_sharing_two_topics_are_invited_and_counted_once(client_for, topics):
    """Three colleagues share both topics, two share one: five invited, and the page says 5."""
    me = _following(*topics, language="en")
    both = [_following(*topics) for _ in range(3)]
    one = [_following(topics[0]) for _ in range(2)]
    response = client_for(me).post(
        "/share/my-post/",
        {"url": "https://www.linkedin.com/posts/me-1", "comment": "Our project"},
        follow=True,
    )
    invitations = Notification.objects.filter(kind="colleague_post")
    assert invitations.count() == 5
    assert set(invitations.values_list("recipient_id", flat=True)) == {u.pk for u in both + one}
    text = response.content.decode()
    assert "Done. 5 colleagues with the same topics have been invited" in text


def test_colleague_requests_keep_to_their_own_share_of_the_budget(topics):
    """At most one colleague's request a week per person, the same requester at most once in
    four weeks, and the rest of the budget stays free for the programme."""
    first, second, third = (_following(topics[0]) for _ in range(3))
    colleague = _following(topics[0])
    _item, invited = _post(first)
    assert _invitations(colleague).count() == 1
    assert invited == 3  # the colleague and the two other requesters
    # A second requester the same day: this week's share for colleagues is taken.
    _post(second)
    assert _invitations(colleague).count() == 1
    # The budget itself still has room for what the programme asks.
    programme = nudge_plan(
        ambassador=colleague.ambassador, kind="share_suggestion", key="push:x", subject="Push"
    )
    assert programme is not None
    assert programme.visible_from < timezone.now() + dt.timedelta(days=2)

    # Eight days later the colleague's week has room again: not for the first requester
    # (asked within four weeks), but for someone else.
    Notification.objects.filter(kind="colleague_post").update(
        visible_from=timezone.now() - dt.timedelta(days=8)
    )
    Notification.objects.filter(idempotency_key="push:x").update(
        visible_from=timezone.now() - dt.timedelta(days=8)
    )
    _post(first)
    assert _invitations(colleague).count() == 1
    _post(third)
    assert _invitations(colleague).count() == 2


def test_no_invitation_arrives_when_the_post_is_stale(topics):
    """A colleague whose budget is full for the next days is not invited a week later."""
    me = _following(topics[0])
    busy = _following(topics[0], max_nudges_per_week=1)
    nudge_plan(ambassador=busy.ambassador, kind="other", key="busy", subject="Busy")
    _item, invited = _post(me)
    assert invited == 0
    assert not _invitations(busy).exists()


def test_colleagues_get_the_comment_cleaned(topics):
    """The line sent to colleagues is the cleaned comment, without markup."""
    from sharing.services import colleague_post_create

    me = _following(topics[0])
    colleague = _following(topics[0])
    colleague_post_create(
        user=me,
        url="https://www.linkedin.com/posts/me-2",
        comment="Read about <b>heat pumps</b><script>alert(1)</script>",
    )
    body = _invitations(colleague).get().body
    assert "heat pumps" in body
    assert "<" not in body
