"""Every way a person makes the server fetch, or stores a link others click, with crafted
addresses: propose a link, my LinkedIn post, the library's previews, news feeds, tracked
links, mission evidence and mediation links. The internal server never gets a request."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from ambassadors.models import Stage
from ambassadors.roles import Role
from core import outbound
from mentors import services as desk
from missions import services as missions
from sharing import tasks
from sharing.models import ContentItem, NewsFeed, Share
from sharing.services import feed_import
from tests.factories import make_user
from tests.factories.sharing import make_item
from tests.outbound_helpers import PUBLIC_IP, SECRET, fake_dns, route_public

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

SMUGGLED = "http://127.0.0.1:{port}\\@public.example/"  # urlsplit: public; a client: internal


@pytest.fixture(autouse=True)
def _dns(monkeypatch):
    fake_dns(
        monkeypatch,
        {name: [PUBLIC_IP] for name in ("public.example", "www.linkedin.com", "evil.example")},
    )


def test_proposing_a_smuggled_address_is_refused(client_for, internal):
    """'Propose a link' refuses the address with a form error; nothing is fetched."""
    curator = make_user(Role.EMPLOYEE, stage=Stage.CURATION)
    url = SMUGGLED.format(port=internal.port)
    response = client_for(curator).post(
        "/share/propose/", {"url": url, "title": "Hi", "comment": "Worth reading"}
    )
    assert response.status_code == 400
    with translation.override(curator.ambassador.language):
        assert str(outbound.ERROR_MALFORMED) in response.content.decode()
    assert not ContentItem.objects.exists()
    assert internal.requests == []


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example\\@www.linkedin.com/posts/x",
        "https://www.linkedin.com.evil.example/posts/x",
        "https://www.linkedin.com@evil.example/posts/x",
        "https://evil.example/#.linkedin.com",
        "https://xn--linkedn-yxa.com/posts/x",
    ],
)
def test_my_linkedin_post_must_be_on_linkedin_as_a_browser_reads_it(client_for, employee, url):
    """'My LinkedIn post' takes only addresses whose real host is LinkedIn."""
    response = client_for(employee).post("/share/my-post/", {"url": url, "comment": ""})
    assert response.status_code == 400
    assert not ContentItem.objects.exists()


def test_my_linkedin_post_on_linkedin_is_taken(client_for, employee):
    response = client_for(employee).post(
        "/share/my-post/", {"url": "https://www.linkedin.com/posts/me-1", "comment": ""}
    )
    assert response.status_code == 302
    assert ContentItem.objects.get().url == "https://www.linkedin.com/posts/me-1"


def test_library_preview_of_a_stored_smuggled_address_reads_nothing(internal):
    """An item stored before addresses were read strictly: its preview fails, the internal
    page's title never lands in the library."""
    item = make_item(url=SMUGGLED.format(port=internal.port))
    assert tasks.fetch_preview(item.pk) == "failed"
    item.refresh_from_db()
    assert SECRET not in item.preview_title
    assert item.preview_status == ContentItem.Preview.FAILED
    assert internal.requests == []


def test_the_library_and_feeds_refuse_crafted_addresses():
    """Comms staff's forms (the models' validators) refuse what a browser reads elsewhere."""
    item = ContentItem(url="http://127.0.0.1\\@public.example/", title="x")
    with pytest.raises(ValidationError) as refused:
        item.full_clean()
    assert "url" in refused.value.message_dict
    feed = NewsFeed(name="x", url="http://public.example@127.0.0.1/feed")
    with pytest.raises(ValidationError) as refused:
        feed.full_clean()
    assert "url" in refused.value.message_dict


def test_news_feed_at_a_smuggled_address_is_not_fetched(internal):
    feed = NewsFeed.objects.create(name="Intranet", url=SMUGGLED.format(port=internal.port))
    assert feed_import(feed=feed) == 0
    feed.refresh_from_db()
    assert feed.last_error
    assert internal.requests == []


def test_news_feed_is_fetched_by_us_and_parsed_from_bytes(monkeypatch, http_server, tmp_path):
    """The feed is fetched through the pinned client and parsed as bytes: a body that
    names a local file is not opened, and entries linking to crafted hosts are skipped."""
    local = tmp_path / "feed.xml"
    local.write_bytes(
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>'
        b"<item><title>From a local file</title><link>https://local.example/1</link></item>"
        b"</channel></rss>"
    )
    site = http_server()
    site.routes["/path.rss"] = (200, {"Content-Type": "application/rss+xml"}, bytes(local))
    site.routes["/news.rss"] = (
        200,
        {"Content-Type": "application/rss+xml"},
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
        b"<item><title>Good</title><link>https://public.example/news/1</link></item>"
        b"<item><title>Smuggled</title><link>https://evil.example\\@public.example/</link></item>"
        b"<item><title>Internal</title><link>http://10.0.0.1/</link></item>"
        b"</channel></rss>",
    )
    route_public(monkeypatch, site)
    by_path = NewsFeed.objects.create(name="Path", url="https://public.example/path.rss")
    monkeypatch.setattr("core.outbound._tls_context", _plain)
    assert feed_import(feed=by_path) == 0
    news = NewsFeed.objects.create(name="News", url="https://public.example/news.rss")
    assert feed_import(feed=news) == 1
    assert list(ContentItem.objects.values_list("url", flat=True)) == [
        "https://public.example/news/1"
    ]
    assert [host for _path, host in site.requests] == ["public.example"] * 2


class _plain:
    """No TLS in front of the local test server."""

    def wrap_socket(self, sock, server_hostname):
        return sock


def test_tracked_link_to_a_stored_crafted_address_is_not_followed(client):
    """A share of an item stored with a crafted address does not redirect anyone there."""
    owner = make_user(Role.EMPLOYEE)
    item = make_item(url="https://evil.example\\@www.linkedin.com/")
    share = Share.objects.create(user=owner, item=item, network="linkedin", text="x")
    assert client.get(f"/s/{share.code}").status_code == 404


@pytest.mark.parametrize("validator", [missions.http_url, desk.http_url])
def test_evidence_and_mediation_links_are_read_strictly(validator):
    """Links mentors and reviewers click are read like every other stored address."""
    for url in ("https://evil.example\\@www.linkedin.com/", "http://0x7f.1/", "http://[::1]/"):
        with pytest.raises(ValidationError):
            validator(url)
    validator("https://www.linkedin.com/feed/update/urn:li:activity:1/")
