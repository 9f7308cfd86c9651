"""The programme overview: comms staff's start page with this week's pushes and campaigns
and their progress, the review queue, proposals, last week's figures; fixed queries."""

import datetime as dt

import pytest
from django.utils import timezone

from ambassadors.models import Notification
from ambassadors.roles import Role
from insights.models import ActivePeriod, SharingDaily
from insights.rollups import week_start
from missions.models import Assignment
from sharing.models import ContentItem, Push, Share
from tests.factories import make_user
from tests.factories.missions import AssignmentFactory, CampaignFactory, mission, submitted
from tests.factories.sharing import make_item
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


def push_with_progress(comms, *, people=3, read=1, shared=1):
    item = make_item(title=f"Item {Push.objects.count() + 1}")
    push = Push.objects.create(item=item, created_by=comms, planned_at=timezone.now())
    for n in range(people):
        person = make_user(Role.EMPLOYEE)
        Notification.objects.create(
            recipient=person,
            kind="share_suggestion",
            idempotency_key=f"push:{push.pk}:{person.pk}",
            subject="Something to share",
            visible_from=timezone.now() - dt.timedelta(minutes=5),
            read_at=timezone.now() if n < read else None,
        )
        if n < shared:
            Share.objects.create(user=person, item=item, network="linkedin", text="Mine")
    return push


def campaign_with_progress(accepted=1, offered=3):
    campaign = CampaignFactory(name=f"Campaign {timezone.now():%f}")
    for n in range(offered):
        taken = n < accepted
        AssignmentFactory(
            campaign=campaign,
            state=Assignment.State.ACCEPTED if taken else Assignment.State.OFFERED,
            accepted_at=timezone.now() if taken else None,
        )
    return campaign


def test_comms_staff_see_pushes_campaigns_queues_and_figures(client):
    comms = make_user(Role.EMPLOYEE, Role.COMMS, language="en")
    push = push_with_progress(comms, people=3, read=2, shared=1)
    campaign_with_progress(accepted=1, offered=3)
    submitted()
    make_item(title="Proposed by Lisa", status=ContentItem.Status.PROPOSED)
    today = timezone.localdate()
    SharingDaily.objects.create(
        day=today, stage=1, language="nl", network="linkedin", shares=7, unique_clicks=30
    )
    SharingDaily.objects.create(
        day=today - dt.timedelta(days=8), stage=1, language="nl", network="linkedin", shares=4
    )
    ActivePeriod.objects.create(
        period="week", day=week_start(today), stage=1, language="nl", active=12
    )
    client.force_login(comms)
    response = client.get("/programme/")
    assert response.status_code == 200
    context = response.context
    row = context["pushes"][0]
    assert (row.push, row.planned, row.sent, row.opened, row.shared) == (push, 3, 3, 2, 1)
    campaign = context["campaigns"][0]
    assert (campaign.offered, campaign.accepted) == (3, 1)
    assert context["review"]["count"] == 1
    assert context["proposals"]["count"] == 1
    assert (context["figures"]["shares"].now, context["figures"]["shares"].before) == (7, 4)
    assert context["figures"]["active"].now == 12
    html = response.content.decode()
    assert "Programme overview" in html
    assert f'href="/cms/sharing/pushes/{push.pk}/"' in html
    assert 'href="/missions/review/"' in html
    assert "/cms/sharing/push/" in html  # a quick "Push" link to the CMS form


def test_the_overview_reads_in_dutch(client):
    comms = make_user(Role.EMPLOYEE, Role.COMMS, language="nl")
    client.force_login(comms)
    html = client.get("/programme/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Programma-overzicht" in html
    assert "Programme overview" not in html


def test_only_comms_staff_and_administrators_open_it(client):
    for roles, status in (
        ((Role.EMPLOYEE,), 403),
        ((Role.EMPLOYEE, Role.MENTOR), 403),
        ((Role.EMPLOYEE, Role.COMMS), 200),
        ((Role.ADMIN,), 200),
    ):
        client.force_login(make_user(*roles))
        assert client.get("/programme/").status_code == status, roles


def test_a_fixed_number_of_queries_whatever_the_data_size(client):
    comms = make_user(Role.EMPLOYEE, Role.COMMS, language="en")
    client.force_login(comms)
    push_with_progress(comms, people=1)
    campaign_with_progress(offered=1)
    submitted()
    few = page_queries(client, "/programme/")
    for _ in range(12):  # more than a list shows
        push_with_progress(comms, people=3)
        campaign_with_progress(offered=4)
        submitted()
        make_item(status=ContentItem.Status.PROPOSED)
    mission()
    assert page_queries(client, "/programme/") == few
