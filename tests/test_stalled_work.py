"""Work whose queued task was lost (Redis keeps no receipts, a worker died) is taken up again
by the periodic sweeps, from what the database says is unfinished, and never done twice."""

import datetime as dt

import pytest
from django.utils import timezone

from ambassadors.models import Notification
from guidelines import tasks as guideline_tasks
from sharing import tasks as sharing_tasks
from sharing.models import Push
from tests.factories import make_user
from tests.factories.guidelines import acknowledge, build_guidelines, major_change
from tests.factories.sharing import make_item

pytestmark = pytest.mark.django_db


def test_a_push_whose_task_was_lost_is_planned_by_the_sweep():
    people = [make_user() for _ in range(3)]
    push = Push.objects.create(item=make_item())
    Push.objects.filter(pk=push.pk).update(created_at=timezone.now() - dt.timedelta(minutes=20))
    fresh = Push.objects.create(item=make_item())  # its task may still be on its way

    sharing_tasks.resume_stalled()
    push.refresh_from_db()
    assert push.planned_at is not None
    planned = Notification.objects.filter(idempotency_key__startswith=f"push:{push.pk}:")
    assert sorted(planned.values_list("recipient_id", flat=True)) == [p.pk for p in people]
    assert Push.objects.get(pk=fresh.pk).planned_at is None
    sharing_tasks.resume_stalled()
    assert planned.count() == 3


def test_guideline_notices_whose_task_was_lost_go_out_once(employee):
    guidelines = build_guidelines()
    acknowledge(employee, guidelines.main)
    major_change(guidelines.main, "Ask before you post a colleague's photo")  # task not run
    asked = Notification.objects.filter(recipient=employee, kind="guidelines_changed")
    assert not asked.exists()
    guideline_tasks.resume_asking()
    assert asked.count() == 1
    guideline_tasks.resume_asking()
    assert asked.count() == 1
