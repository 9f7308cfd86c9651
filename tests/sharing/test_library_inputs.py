"""Proposals, their review, colleagues' LinkedIn posts, and news feed imports."""

import pytest

from ambassadors.models import Notification, Stage
from ambassadors.roles import Role
from sharing import services
from sharing.models import ContentItem, NewsFeed
from sharing.services import feed_import
from tests.factories import make_user
from tests.factories.sharing import make_item

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>
<item><title>Heat pumps in schools</title><link>https://www.vermeer.example/news/1</link>
<description>&lt;p&gt;Quiet and warm.&lt;/p&gt;</description></item>
<item><title>Bad link</title><link>javascript:alert(1)</link></item>
<item><title>Second</title><link>https://www.vermeer.example/news/2</link></item>
</channel></rss>"""


def test_proposal_needs_stage_two(employee):
    """Stage-1 ambassadors cannot propose links yet."""
    with pytest.raises(services.SharingError, match="curation"):
        services.proposal_create(
            user=employee, url="https://blog.example/a", title="A", comment="Worth it"
        )


def test_proposal_review_approve_and_reject_with_reason(comms):
    """Comms approve one proposal and reject another with a reason; the proposer is told."""
    curator = make_user(Role.EMPLOYEE, stage=Stage.CURATION)
    first = services.proposal_create(
        user=curator, url="https://blog.example/a", title="A", comment="Good read"
    )
    second = services.proposal_create(
        user=curator, url="https://blog.example/b", title="B", comment="Also good"
    )
    assert first.status == ContentItem.Status.PROPOSED
    with pytest.raises(services.SharingError, match="already in the library"):
        services.proposal_create(user=curator, url="https://blog.example/a", title="", comment="x")
    services.proposal_review(item=first, approve=True, reason="", reviewer=comms)
    with pytest.raises(services.SharingError, match="reason"):
        services.proposal_review(item=second, approve=False, reason=" ", reviewer=comms)
    services.proposal_review(item=second, approve=False, reason="Off topic", reviewer=comms)
    assert ContentItem.objects.get(pk=first.pk).status == ContentItem.Status.PUBLISHED
    assert ContentItem.objects.get(pk=second.pk).review_reason == "Off topic"
    assert Notification.objects.filter(recipient=curator, kind="proposal_reviewed").count() == 2
    with pytest.raises(services.SharingError):
        services.proposal_review(item=second, approve=True, reason="", reviewer=comms)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "not a url", ""])
def test_proposals_refuse_bad_addresses(url):
    """Only http(s) addresses can be proposed; nothing is written otherwise."""
    curator = make_user(Role.EMPLOYEE, stage=Stage.CURATION)
    with pytest.raises(services.SharingError):
        services.proposal_create(user=curator, url=url, title="x", comment="y")
    assert not ContentItem.objects.exists()


def test_colleague_post_invites_colleagues_with_the_same_topics(employee, topic):
    """Colleagues who follow the same topic are invited once, within their budget."""
    employee.ambassador.topics.set([topic])
    follower = make_user(Role.EMPLOYEE)
    follower.ambassador.topics.set([topic])
    make_user(Role.EMPLOYEE)  # follows nothing: not invited
    item, invited = services.colleague_post_create(
        user=employee, url="https://www.linkedin.com/posts/me-123", comment="Our new project"
    )
    assert invited == 1
    assert item.kind == ContentItem.Kind.COLLEAGUE
    assert Notification.objects.filter(kind="colleague_post", recipient=follower).count() == 1
    with pytest.raises(services.SharingError, match="LinkedIn"):
        services.colleague_post_create(user=employee, url="https://evil.example/x", comment="")


def test_feed_import_adds_new_entries_once():
    """An RSS feed adds its entries with http(s) links, once; bad links are skipped."""
    feed = NewsFeed.objects.create(name="Newsroom", url="https://www.vermeer.example/rss")
    assert feed_import(feed=feed, content=RSS) == 2
    assert feed_import(feed=NewsFeed.objects.get(pk=feed.pk), content=RSS) == 0
    item = ContentItem.objects.get(url="https://www.vermeer.example/news/1")
    assert item.summary == "Quiet and warm."
    assert item.variants.count() == 1
    assert NewsFeed.objects.get(pk=feed.pk).imported == 2


def test_imported_items_wait_for_review_unless_the_feed_publishes_at_once(client_for, comms):
    """By default a feed's items wait for comms staff (not in anyone's feed, not pushable,
    listed under their status in the CMS); a feed set to publish at once puts them in the
    library directly."""
    careful = NewsFeed.objects.create(name="Newsroom", url="https://www.vermeer.example/rss")
    assert feed_import(feed=careful, content=RSS) == 2
    waiting = ContentItem.objects.filter(url__startswith="https://www.vermeer.example/news/")
    assert set(waiting.values_list("status", flat=True)) == {ContentItem.Status.REVIEW}
    assert not ContentItem.objects.shareable().filter(pk__in=waiting.values("pk")).exists()
    listing = client_for(comms).get("/cms/snippets/sharing/contentitem/?status=review")
    assert "Heat pumps in schools" in listing.content.decode()

    ContentItem.objects.all().delete()
    trusted = NewsFeed.objects.create(
        name="Blog", url="https://www.vermeer.example/blog.rss", publish_at_once=True
    )
    assert feed_import(feed=trusted, content=RSS) == 2
    assert set(waiting.values_list("status", flat=True)) == {ContentItem.Status.PUBLISHED}
    assert ContentItem.objects.shareable().filter(pk__in=waiting.values("pk")).count() == 2


def test_existing_item_is_not_duplicated_by_the_feed():
    """An entry whose address is already in the library is left alone."""
    make_item(url="https://www.vermeer.example/news/1")
    feed = NewsFeed.objects.create(name="Newsroom", url="https://www.vermeer.example/rss")
    assert feed_import(feed=feed, content=RSS) == 1
