"""The periodic tasks the worker runs: scheduled publishing of CMS pages."""

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.module_loading import import_string
from django_q.models import Schedule
from wagtail.models import Page

from core import provisioning

pytestmark = pytest.mark.django_db


def test_a_page_scheduled_in_the_past_is_published_by_the_schedule():
    """The worker's schedule runs Wagtail's publish_scheduled: a page whose time came goes live."""
    schedule = Schedule.objects.get(name="scheduled publishing")
    assert (schedule.schedule_type, schedule.repeats) == (Schedule.MINUTES, -1)
    assert schedule.minutes <= 5
    home = provisioning.wagtail_site_ensure()
    page = home.add_child(instance=Page(title="Launch news", slug="launch-news", live=False))
    page.go_live_at = timezone.now() + dt.timedelta(hours=1)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live  # scheduled, not yet published
    # The hour passes: the scheduled moment is now a minute ago.
    revision = page.scheduled_revision
    revision.approved_go_live_at = timezone.now() - dt.timedelta(minutes=1)
    revision.content["go_live_at"] = revision.approved_go_live_at.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])

    task = import_string(schedule.func)
    task()
    task()  # a second run (overlapping workers) changes nothing
    page.refresh_from_db()
    assert page.live
    assert page.live_revision_id == revision.pk
    revision.refresh_from_db()
    assert revision.approved_go_live_at is None  # nothing left to publish
