"""The push preview: the planner's own numbers before the push is made, writing nothing."""

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.functional import Promise
from wagtail.users.models import UserProfile

from ambassadors.roles import Role
from ambassadors.services import nudge_plan
from sharing import services
from sharing.models import Push
from sharing.selectors import push_progress
from sharing.services import pushes
from tests.factories import make_user
from tests.factories.sharing import make_item

pytestmark = pytest.mark.django_db

# A Tuesday at 10:00 in Amsterdam, outside the programme's quiet hours.
NOW = timezone.make_aware(dt.datetime(2030, 12, 3, 10, 0))


@pytest.fixture
def frozen(monkeypatch):
    """The preview and the real planning run at the same moment, so their slots compare."""
    monkeypatch.setattr(timezone, "now", lambda: NOW)


def _people(count, **profile):
    return [make_user(Role.EMPLOYEE, **profile) for _ in range(count)]


def _with_full_budgets(count):
    """People who allow one nudge a week and have one showing now."""
    users = _people(count, max_nudges_per_week=1)
    for user in users:
        nudge_plan(ambassador=user.ambassador, kind="other", key=f"busy:{user.pk}", subject="Busy")
    return users


def _segment(*, free=8, full=6, opted_out=3):
    _people(free)
    _with_full_budgets(full)
    _people(opted_out, max_nudges_per_week=0)


def _plan(item, window_hours):
    return services.push_plan(push=Push.objects.create(item=item, window_hours=window_hours))


def test_preview_equals_what_the_push_then_plans_when_the_item_ends_soon(frozen):
    """Reach, first and last moment and every reason left out match the real planning."""
    _segment()
    item = make_item(expires_at=NOW + dt.timedelta(days=3))
    preview = services.push_preview(item=item, window_hours=24)
    assert (preview.segment, preview.reach, preview.left_out) == (17, 8, 9)
    assert (preview.after_end, preview.opted_out, preview.no_room) == (6, 3, 0)
    push = _plan(item, 24)
    assert push.segment_size == preview.segment
    assert push.planned == preview.reach
    assert push.skipped == preview.left_out
    assert push.skipped_after_end == preview.after_end
    assert (push.first_slot, push.last_slot) == (preview.first, preview.last)
    assert preview.window_start <= preview.first <= preview.last <= preview.window_end


def test_preview_counts_those_reached_after_the_window(frozen):
    """People whose budget is full this week are reached later: the same count as the
    push's own progress shows afterwards."""
    _segment(opted_out=0)
    item = make_item()
    preview = services.push_preview(item=item, window_hours=24)
    assert (preview.reach, preview.left_out, preview.after_window) == (14, 0, 6)
    push = _plan(item, 24)
    assert push.planned == preview.reach
    assert push_progress(push)["after_window"] == preview.after_window
    assert (push.first_slot, push.last_slot) == (preview.first, preview.last)


def test_preview_of_an_empty_segment():
    """Nobody in the segment: a preview of nobody, not an error."""
    preview = services.push_preview(item=make_item(language="en"), window_hours=24)
    assert (preview.segment, preview.reach, preview.left_out, preview.first) == (0, 0, 0, None)


def _table_sizes():
    from django.apps import apps

    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_preview_writes_nothing():
    """The preview leaves every table as it was: no push, no notification, no lock kept."""
    _segment()
    item = make_item()
    before = _table_sizes()
    services.push_preview(item=item, window_hours=48)
    assert _table_sizes() == before


@pytest.fixture
def comms_en(comms):
    UserProfile.objects.update_or_create(user=comms, defaults={"preferred_language": "en"})
    return comms


def test_the_form_previews_without_planning(
    client_for, comms_en, django_capture_on_commit_callbacks
):
    """ "Preview the reach" shows the numbers (small ones withheld) and plans nothing."""
    _segment(free=8, full=0, opted_out=3)
    item = make_item()
    client = client_for(comms_en)
    assert client.get(f"/cms/sharing/push/{item.pk}/").status_code == 200
    before = _table_sizes()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            f"/cms/sharing/push/{item.pk}/", {"window_hours": 24, "preview": "1"}
        )
    assert response.status_code == 200
    assert callbacks == []
    assert _table_sizes() == before
    preview = response.context["preview"]
    # The eight, and the comms person: an employee taking part too.
    assert (preview.reach, preview.opted_out) == (9, 3)
    html = response.content.decode()
    # Three left out: withheld, and so is the reach, which with the segment would give it.
    assert "This push would reach 5 or more people" in html
    assert "9 people" not in html
    assert "asked for no suggestions: fewer than 5" in html
    # The same form, confirmed, plans the push.
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(f"/cms/sharing/push/{item.pk}/", {"window_hours": 24})
    assert confirmed.status_code == 302
    assert Push.objects.get().planned == 9


def test_a_refused_preview_is_a_form_error(client_for, comms_en):
    """An odd window is a form error on the preview as on the push itself."""
    item = make_item()
    client = client_for(comms_en)
    before = _table_sizes()
    response = client.post(f"/cms/sharing/push/{item.pk}/", {"window_hours": "-3", "preview": "1"})
    assert response.status_code == 200
    assert "preview" not in response.context
    assert response.context["form"].errors["window_hours"]
    assert _table_sizes() == before


def _preview_queries(client, item) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.post(
            f"/cms/sharing/push/{item.pk}/", {"window_hours": 24, "preview": "1"}
        )
    assert response.status_code == 200
    return len(captured)


def test_preview_queries_do_not_grow_with_the_segment(client_for, comms_en):
    """The preview runs as many queries for 3 people as for 12 (one batch of the planner)."""
    item = make_item()
    client = client_for(comms_en)
    _segment(free=2, full=1, opted_out=0)
    _preview_queries(client, item)
    small = _preview_queries(client, item)
    _segment(free=5, full=3, opted_out=1)
    assert _preview_queries(client, item) == small


def _reasons(html: str) -> list[str]:
    """The reasons left out, as listed after "left out:"."""
    listing = html.split("left out:", 1)[1].split("<ul>", 1)[1].split("</ul>", 1)[0]
    return [line.split("</li>")[0].strip() for line in listing.split("<li>")[1:]]


def test_preview_and_the_planned_push_show_the_same_three_reasons(client_for, comms_en, frozen):
    """Those with a weekly budget of zero "asked for no suggestions" before planning and
    after, and the small counts are withheld the same way on both pages."""
    _segment(free=8, full=6, opted_out=3)
    item = make_item(expires_at=NOW + dt.timedelta(days=3))
    client = client_for(comms_en)
    before = client.post(f"/cms/sharing/push/{item.pk}/", {"window_hours": 24, "preview": "1"})
    preview = before.context["preview"]
    assert (preview.no_room, preview.after_end, preview.opted_out) == (0, 6, 3)
    push = _plan(item, 24)
    assert (push.skipped_no_room, push.skipped_after_end, push.skipped_no_budget) == (0, 6, 3)
    after = client.get(f"/cms/sharing/pushes/{push.pk}/").content.decode()
    reasons = [
        "attention budget full in the next four weeks: 0",
        # Six, withheld with the three: otherwise 9 left out less 6 would give them away.
        "quiet hours or a full budget until the item expires: 5 or more",
        "asked for no suggestions: fewer than 5",
    ]
    assert _reasons(before.content.decode()) == reasons
    assert _reasons(after) == reasons


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        # Three opted out of twelve: the reach would give them away, so it is withheld too.
        (
            {"reach": 9, "no_room": 0, "after_end": 0, "no_budget": 3, "after_window": 0},
            {"reach": "5 or more", "left_out": "fewer than 5", "no_budget": "fewer than 5"},
        ),
        # Nine left out, three of them for one reason: the next smallest reason goes with it.
        (
            {"reach": 8, "no_room": 0, "after_end": 6, "no_budget": 3, "after_window": 0},
            {"reach": 8, "left_out": 9, "after_end": "5 or more", "no_budget": "fewer than 5"},
        ),
        # Ten reached, two of them in time: "8 after the window" would give the two away.
        (
            {"reach": 10, "no_room": 5, "after_end": 0, "no_budget": 0, "after_window": 8},
            {"reach": 10, "left_out": 5, "after_window": "5 or more"},
        ),
    ],
)
def test_withheld_counts_take_the_parts_that_would_give_them_away(counts, expected):
    """The reviewer's cases: a count under five cannot be worked out from the others."""
    segment = counts["reach"] + counts["no_room"] + counts["after_end"] + counts["no_budget"]
    shown = services.push_figures_shown(segment=segment, **counts)
    with translation.override("en"):
        assert {
            name: shown[name] if isinstance(shown[name], int) else str(shown[name])
            for name in expected
        } == expected
    assert shown["withheld"]


def test_no_withheld_count_follows_from_the_shown_ones():
    """Over every small split: no count under five is shown, and no sum of people shown
    together has exactly one part withheld (which would give that part away)."""
    names = ("reach", "no_room", "after_end", "no_budget")
    for values in itertools.product(range(8), repeat=4):
        counts = dict(zip(names, values, strict=True))
        for after_window in range(counts["reach"] + 1):
            segment = sum(values)
            shown = services.push_figures_shown(
                segment=segment, after_window=after_window, **counts
            )
            withheld = {name for name, value in shown.items() if isinstance(value, Promise)}
            real = {
                **counts,
                "segment": segment,
                "after_window": after_window,
                "left_out": segment - counts["reach"],
                "in_time": counts["reach"] - after_window,
            }
            withheld.add("in_time")  # never shown
            # Work out whatever sums of people shown together give away, until nothing new.
            equations = [
                ("segment", ("reach", "left_out")),
                ("left_out", ("no_room", "after_end", "no_budget")),
                ("segment", ("reach", "no_room", "after_end", "no_budget")),
                ("reach", ("after_window", "in_time")),
            ]
            changed = True
            while changed:
                changed = False
                for total, parts in equations:
                    hidden = [n for n in (total, *parts) if n in withheld]
                    if len(hidden) == 1:
                        withheld.discard(hidden[0])
                        changed = True
            for name, value in real.items():
                assert not (0 < value < 5) or name in withheld, (counts, after_window, name)


def test_a_segment_too_large_to_preview_is_only_counted(client_for, comms_en, monkeypatch):
    """Above the limit the preview plans nothing in the request: it gives the segment's size
    and points to the push's own page, in as many queries as a small preview."""
    monkeypatch.setattr(pushes, "PREVIEW_LIMIT", 6)
    item = make_item()
    _people(9)
    preview = services.push_preview(item=item, window_hours=24)
    # The nine and the comms person.
    assert (preview.too_large, preview.segment, preview.reach) == (True, 10, 0)
    client = client_for(comms_en)
    before = _table_sizes()
    response = client.post(f"/cms/sharing/push/{item.pk}/", {"window_hours": 24, "preview": "1"})
    html = response.content.decode()
    assert "This segment has 10 people: too many to preview here." in html
    assert "would reach" not in html
    assert _table_sizes() == before
