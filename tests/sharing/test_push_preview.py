"""The push preview: the planner's own numbers before the push is made, writing nothing."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.users.models import UserProfile

from ambassadors.roles import Role
from ambassadors.services import nudge_plan
from sharing import services
from sharing.models import Push
from sharing.selectors import push_progress
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
    assert "This push would reach 9 people" in html
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
