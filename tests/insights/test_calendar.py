"""The attention calendar: what is planned on which day, full budgets, the rule of five."""

import datetime as dt
import itertools

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from wagtail.users.models import UserProfile

from ambassadors.models import Ambassador, Notification
from ambassadors.selectors import budget_status, full_budgets_by_week
from insights import calendar
from insights.dashboard import Withheld
from missions.models import Campaign
from refreshers.services import REMINDER_KIND as REFRESHER_REMINDER
from sharing.models import Push
from tests.factories import make_user
from tests.factories.sharing import make_item
from tests.queries import page_queries

pytestmark = pytest.mark.django_db

URL = "/cms/attention-calendar/"
# A Monday well ahead, so nothing else the tests make falls in its week.
MONDAY = dt.date(2030, 12, 2)
_keys = itertools.count()


def _local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _nudges(user: User, *moments: dt.datetime, kind: str = "share_suggestion") -> None:
    Notification.objects.bulk_create(
        [
            Notification(
                recipient=user,
                kind=kind,
                idempotency_key=f"calendar-test:{next(_keys)}",
                subject="Something to share",
                is_nudge=True,
                visible_from=moment,
            )
            for moment in moments
        ]
    )


def _people(count: int, **profile) -> list[User]:
    return [make_user(**profile) for _n in range(count)]


@pytest.fixture
def comms_en(comms):
    UserProfile.objects.update_or_create(user=comms, defaults={"preferred_language": "en"})
    return comms


def _day(shown: calendar.Calendar, day: dt.date) -> calendar.Day:
    return next(d for week in shown.weeks for d in week.days if d.date == day)


def test_a_nudge_shows_on_its_local_day():
    """00:30 in Amsterdam on Tuesday is Monday 23:30 UTC: the nudge counts on Tuesday."""
    tuesday = MONDAY + dt.timedelta(days=1)
    moment = _local(tuesday, 0, 30)
    assert moment.astimezone(dt.UTC).date() == MONDAY
    for user in _people(5):
        _nudges(user, moment)
    shown = calendar.calendar(view=calendar.WEEK, day=MONDAY + dt.timedelta(days=3))
    assert [d.date for d in shown.weeks[0].days][0] == MONDAY
    assert _day(shown, tuesday).counts == {"suggestions": 5}
    assert _day(shown, MONDAY).counts == {}


def test_small_counts_of_a_day_are_withheld():
    """Three reminders on a day read "fewer than 5"; five mission offers read 5."""
    for user in _people(3):
        _nudges(user, _local(MONDAY, 10), kind="mission_reminder")
    for user in _people(5):
        _nudges(user, _local(MONDAY, 11), kind="mission_offer")
    counts = _day(calendar.calendar(view=calendar.WEEK, day=MONDAY), MONDAY).counts
    assert isinstance(counts["reminders"], Withheld)
    assert counts["offers"] == 5


def test_refresher_reminders_count_as_reminders():
    """Five refresher reminders on a day count under "Reminders", not "Other nudges"."""
    for user in _people(5):
        _nudges(user, _local(MONDAY, 9), kind=REFRESHER_REMINDER)
    counts = _day(calendar.calendar(view=calendar.WEEK, day=MONDAY), MONDAY).counts
    assert counts == {"reminders": 5}


def test_full_budgets_follow_each_persons_budget():
    """Full budgets per week are the people whose own budget status has nothing left."""
    week = _local(MONDAY, 0)
    people = [
        *_people(4, max_nudges_per_week=1),  # one nudge each: full
        *_people(2),  # the programme's three, two used: room left
        *_people(2),  # three used: full
        *_people(1, max_nudges_per_week=5),  # lowered to the programme's three, three used
    ]
    for user in people[:4]:
        _nudges(user, _local(MONDAY, 10))
    for user in people[4:6]:
        _nudges(user, _local(MONDAY, 10), _local(MONDAY + dt.timedelta(days=2), 10))
    for user in people[6:]:
        _nudges(user, *(_local(MONDAY + dt.timedelta(days=d), 10) for d in (0, 2, 4)))
    paused = make_user(max_nudges_per_week=1)
    _nudges(paused, _local(MONDAY, 10))
    Ambassador.objects.filter(user=paused).update(status=Ambassador.Status.PAUSED)
    # The week before: one person, full.
    _nudges(people[0], _local(MONDAY - dt.timedelta(days=3), 10))

    expected = sum(
        budget_status(ambassador=user.ambassador, now=week).remaining == 0 for user in people
    )
    assert expected == 7
    before = _local(MONDAY - dt.timedelta(days=7), 0)
    assert full_budgets_by_week([before, week]) == {before: 1, week: 7}
    shown = calendar.calendar(view=calendar.MONTH, day=MONDAY)
    fulls = {w.start: w.full_budgets for w in shown.weeks}
    assert fulls[MONDAY] == 7
    assert isinstance(fulls[MONDAY - dt.timedelta(days=7)], Withheld)


def test_week_page_lists_pushes_and_campaigns_on_their_day(client_for, comms_en):
    """The push (title, segment) and campaign show on their local day, in English."""
    item = make_item(title="Our new office")
    push = Push.objects.create(item=item)
    Push.objects.filter(pk=push.pk).update(
        planned_at=_local(MONDAY + dt.timedelta(days=2), 9), segment_size=12
    )
    Campaign.objects.create(name="Winter campaign", starts_at=_local(MONDAY, 23, 30))
    response = client_for(comms_en).get(f"{URL}?view=week&day={MONDAY:%Y-%m-%d}")
    assert response.status_code == 200
    shown = response.context["calendar"]
    wednesday = _day(shown, MONDAY + dt.timedelta(days=2))
    assert [(e.push.item.title, e.segment) for e in wednesday.pushes] == [("Our new office", 12)]
    assert [c.name for c in _day(shown, MONDAY).campaigns] == ["Winter campaign"]
    html = response.content.decode()
    assert "Monday 2 December" in html
    assert "Our new office" in html
    assert "segment: 12" in html


def test_dutch_day_names_and_today(client_for, comms):
    """In Dutch the days are Dutch; today is marked for screen readers too."""
    UserProfile.objects.update_or_create(user=comms, defaults={"preferred_language": "nl"})
    html = client_for(comms).get(f"{URL}?view=week&day={MONDAY:%Y-%m-%d}").content.decode()
    assert "maandag 2 december" in html
    assert 'aria-current="date"' not in html
    today = client_for(comms).get(URL).content.decode()
    assert today.count('aria-current="date"') == 1


def test_month_view_has_every_week_of_the_month(client_for, comms_en):
    """December 2030 runs from Monday 2 to Tuesday 31: the weeks from 25 November on."""
    response = client_for(comms_en).get(f"{URL}?view=month&day=2030-12-15")
    shown = response.context["calendar"]
    assert [w.start for w in shown.weeks][0] == dt.date(2030, 11, 25)
    assert len(shown.weeks) == 6
    assert shown.previous == dt.date(2030, 11, 1)
    assert shown.next == dt.date(2031, 1, 1)
    assert not _day(shown, dt.date(2030, 11, 30)).in_period
    assert "December 2030" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "view=year",
        "day=yesterday",
        "day=2030-13-01",
        "day=9999-12-31",
        "day=0001-01-01",
        "day=%00",
        "view=month&day=2030-02-30",
        "day=<script>",
        "view=WEEK",
    ],
)
def test_odd_addresses_show_this_week_with_a_message(client_for, comms_en, query):
    """An address that cannot be read shows the current week and says so, never an error."""
    response = client_for(comms_en).get(f"{URL}?{query}")
    assert response.status_code == 200
    shown = response.context["calendar"]
    assert shown.view == calendar.WEEK
    assert shown.first == timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
    assert "could not be read" in response.content.decode()


def test_first_and_last_years_still_work(client_for, comms_en):
    """The edges of the allowed years render, with their neighbours as links."""
    for query in ("view=month&day=2000-01-01", "view=week&day=2100-12-31"):
        assert client_for(comms_en).get(f"{URL}?{query}").status_code == 200


def _fill(size: int) -> None:
    people = _people(size)
    for index, user in enumerate(people):
        _nudges(user, *(_local(MONDAY + dt.timedelta(days=d), 10 + index % 8) for d in (0, 3)))
    for n in range(size):
        push = Push.objects.create(item=make_item())
        Push.objects.filter(pk=push.pk).update(planned_at=_local(MONDAY, 9 + n), segment_size=n)
        Campaign.objects.create(name=f"Campaign {n}", starts_at=_local(MONDAY, 10 + n))


@pytest.mark.parametrize("view", ["week", "month"])
def test_queries_do_not_grow_with_the_data(client_for, comms_en, view):
    """The week and the month run as many queries with 2 people as with 8."""
    client = client_for(comms_en)
    path = f"{URL}?view={view}&day={MONDAY:%Y-%m-%d}"
    _fill(2)
    small = page_queries(client, path)
    _fill(6)
    assert page_queries(client, path) == small


def test_the_budget_expression_is_the_planners_budget():
    """For every own limit (none, zero, lower, higher than the programme's) the database
    expression gives what `weekly_budget()` gives each person."""
    from django.db.models import IntegerField

    from ambassadors.selectors import weekly_budget, weekly_budget_expression

    for own in (None, 0, 1, 2, 3, 7):
        make_user(max_nudges_per_week=own)
    rows = Ambassador.objects.annotate(budget=weekly_budget_expression()).values_list(
        "pk", "budget"
    )
    assert isinstance(weekly_budget_expression().output_field, IntegerField)
    for pk, budget in rows:
        assert budget == weekly_budget(Ambassador.objects.get(pk=pk))


def test_full_budgets_after_real_planning_match_each_persons_status():
    """After the planner fills budgets (a push to people allowing one a week), the calendar
    counts exactly the people whose own budget status has nothing left."""
    from sharing.services import push_plan

    people = [*_people(6, max_nudges_per_week=1), *_people(3)]
    push = push_plan(push=Push.objects.create(item=make_item(), window_hours=24))
    assert push.planned == len(people)
    weeks = sorted(
        {timezone.localtime(n.visible_from).date() for n in Notification.objects.nudges()}
    )
    mondays = sorted({day - dt.timedelta(days=day.weekday()) for day in weeks})
    starts = [_local(monday, 0) for monday in mondays]
    counted = full_budgets_by_week(starts)
    for start in starts:
        expected = sum(
            budget_status(ambassador=Ambassador.objects.get(user=user), now=start).remaining == 0
            for user in User.objects.filter(ambassador__status=Ambassador.Status.ACTIVE)
        )
        assert counted[start] == expected
    assert sum(counted.values()) >= 6
