"""The per-person page cache (ambassadors/personal.py): read back until the person writes,
staff change shared data, comms staff publish, or the moment the value names passes."""

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from ambassadors import personal
from core import structure

pytestmark = pytest.mark.django_db


class Counter:
    def __init__(self, until=None):
        self.calls = 0
        self.until = until

    def __call__(self):
        self.calls += 1
        return self.calls, self.until


def test_a_value_is_computed_once_and_read_back(employee):
    compute = Counter()
    assert personal.cached(employee.pk, "page", compute) == 1
    assert personal.cached(employee.pk, "page", compute) == 1
    assert compute.calls == 1


def test_forgetting_a_person_computes_their_value_again_and_no_one_elses(employee, other_employee):
    mine, theirs = Counter(), Counter()
    personal.cached(employee.pk, "page", mine)
    personal.cached(other_employee.pk, "page", theirs)
    personal.forget([employee.pk])
    assert personal.cached(employee.pk, "page", mine) == 2
    assert personal.cached(other_employee.pk, "page", theirs) == 1


def test_a_value_computed_while_a_write_happened_is_not_read_back(employee):
    """The token is read before computing: a write during the computation retires the value
    the computation stores (it may hold the state from before the write)."""
    calls = []

    def compute():
        calls.append(1)
        if len(calls) == 1:
            personal.forget([employee.pk])  # a write lands while the page computes
        return len(calls), None

    assert personal.cached(employee.pk, "page", compute) == 1
    assert personal.cached(employee.pk, "page", compute) == 2


def test_forgetting_in_a_transaction_forgets_again_at_commit(
    employee, django_capture_on_commit_callbacks
):
    compute = Counter()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        personal.forget([employee.pk])
        personal.cached(employee.pk, "page", compute)  # computed before the commit
    assert personal.cached(employee.pk, "page", compute) == 2


def test_forgetting_everyone_and_many_people_at_once(employee, other_employee):
    compute = Counter()
    personal.cached(employee.pk, "page", compute)
    personal.forget_everyone()
    assert personal.cached(employee.pk, "page", compute) == 2
    personal.forget(range(10_000, 10_000 + personal.FORGET_ONE_BY_ONE + 1))
    assert personal.cached(employee.pk, "page", compute) == 3


def test_a_publication_retires_every_value(employee):
    compute = Counter()
    personal.cached(employee.pk, "page", compute)
    structure.changed()
    assert personal.cached(employee.pk, "page", compute) == 2


def test_a_value_ends_at_the_moment_it_names(employee, monkeypatch):
    now = timezone.now()
    compute = Counter(until=(now + dt.timedelta(minutes=5)).timestamp())
    personal.cached(employee.pk, "page", compute)
    monkeypatch.setattr(timezone, "now", lambda: now + dt.timedelta(minutes=4))
    assert personal.cached(employee.pk, "page", compute) == 1
    monkeypatch.setattr(timezone, "now", lambda: now + dt.timedelta(minutes=6))
    assert personal.cached(employee.pk, "page", compute) == 2


def test_earliest_of_moments():
    now = timezone.now()
    later = now + dt.timedelta(hours=1)
    assert personal.earliest(None, later, now) == now.timestamp()
    assert personal.earliest(None, None) is None
