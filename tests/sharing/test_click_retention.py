"""Raw clicks past the retention period become daily counts; every figure stays the same."""

import datetime as dt

import pytest
from django.utils import timezone

from insights import rollups
from insights.models import ContentDaily, SharingDaily
from sharing import tasks
from sharing.models import Click, ClickDay, Share
from sharing.selectors import my_reach
from tests.factories import make_user
from tests.factories.sharing import make_item

pytestmark = pytest.mark.django_db


def _clicks(share, day, visitors, bots=0):
    at = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
    rows = [Click(share=share, day=day, visitor=v, at=at) for v in visitors]
    rows += [Click(share=share, day=day, visitor="bot", is_bot=True, at=at) for _ in range(bots)]
    Click.objects.bulk_create(rows)


def _figures(user, days):
    rows, totals = my_reach(ambassador=user.ambassador)
    group_of = rollups.groups()
    for day in days:
        rollups.rollup_day(day, group_of)
    daily = sorted(
        SharingDaily.objects.filter(day__in=days).values_list("day", "clicks", "unique_clicks")
    )
    content = sorted(ContentDaily.objects.filter(day__in=days).values_list("day", "unique_clicks"))
    return [(row.clicks, row.visitors) for row in rows], totals, daily, content


def test_old_clicks_are_folded_into_days_and_the_figures_do_not_move(settings):
    settings.ACADEMY_CLICK_RETENTION_DAYS = 30
    user = make_user()
    today = timezone.localdate()
    old, older, recent = (today - dt.timedelta(days=n) for n in (40, 41, 3))
    shares = [
        Share.objects.create(user=user, item=make_item(), network=network, text="x")
        for network in ("linkedin", "x")
    ]
    _clicks(shares[0], older, ["a", "a", "b"], bots=2)
    _clicks(shares[0], old, ["g", "c"])  # visitor hashes differ from day to day
    _clicks(shares[1], old, ["d", "d", "d"], bots=1)
    _clicks(shares[0], recent, ["e", "f"])
    before = _figures(user, [older, old, recent])

    assert tasks.prune_clicks() == 11
    assert set(Click.objects.values_list("day", flat=True)) == {recent}
    assert sorted(ClickDay.objects.values_list("day", "clicks", "visitors", "bot_clicks")) == [
        (older, 3, 2, 2),
        (old, 2, 2, 0),
        (old, 3, 1, 1),
    ]
    # My reach, the rollups rebuilt from scratch and the content figures: all unchanged.
    SharingDaily.objects.all().delete()
    ContentDaily.objects.all().delete()
    assert _figures(user, [older, old, recent]) == before
    # Running again has nothing left to do and changes nothing.
    assert tasks.prune_clicks() == 0
    assert ClickDay.objects.count() == 3


def test_the_period_is_configurable(settings):
    user = make_user()
    share = Share.objects.create(user=user, item=make_item(), network="linkedin", text="x")
    _clicks(share, timezone.localdate() - dt.timedelta(days=40), ["a"])
    settings.ACADEMY_CLICK_RETENTION_DAYS = 60
    assert tasks.prune_clicks() == 0
    assert Click.objects.count() == 1
    settings.ACADEMY_CLICK_RETENTION_DAYS = 39
    assert tasks.prune_clicks() == 1
    assert not Click.objects.exists()


def test_clicks_folded_in_several_runs_add_up():
    """Clicks of a day that somehow arrive after it was folded are added, not replacing."""
    user = make_user()
    share = Share.objects.create(user=user, item=make_item(), network="linkedin", text="x")
    day = timezone.localdate() - dt.timedelta(days=100)
    from sharing.services import clicks_compact

    _clicks(share, day, ["a", "b"])
    clicks_compact(before=day + dt.timedelta(days=1))
    _clicks(share, day, ["c"])
    clicks_compact(before=day + dt.timedelta(days=1))
    assert ClickDay.objects.values_list("clicks", "visitors").get() == (3, 3)


def test_the_reach_page_costs_the_same_queries_with_archived_days(client_for):
    from tests.queries import page_queries

    user = make_user()
    for size in (1, 8):
        for _ in range(size):
            share = Share.objects.create(user=user, item=make_item(), network="linkedin", text="x")
            _clicks(share, timezone.localdate() - dt.timedelta(days=200), ["a", "b"])
        tasks.prune_clicks()
        if size == 1:
            small = page_queries(client_for(user), "/share/reach/")
    assert page_queries(client_for(user), "/share/reach/") == small
