"""core/versions.py: named data versions moved once per transaction in the shared cache, new
at once for the transaction's own readers, nothing published by a rollback."""

import pytest
from django.core.cache import cache
from django.db import transaction

from core import versions

pytestmark = pytest.mark.django_db


def test_a_move_outside_a_transaction_is_seen_at_once():
    before = versions.current("things")
    versions.move("things")
    assert versions.current("things") != before


def test_many_moves_in_a_transaction_publish_once_when_it_commits(
    django_capture_on_commit_callbacks, monkeypatch
):
    published = []
    original = versions._publish

    def publish(names):
        published.append(list(names))
        original(names)

    monkeypatch.setattr(versions, "_publish", publish)
    before = versions.current("things")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        seen = set()
        for _ in range(50):
            versions.move("things")
            seen.add(versions.current("things"))  # this transaction's readers: new each time
        assert len(seen) == 50
        assert cache.get(versions.PREFIX + "things") == before[0]  # others: not yet
    assert published == [["things"]]
    assert cache.get(versions.PREFIX + "things") != before[0]


def test_a_transaction_rolled_back_moves_nothing():
    before = versions.current("things")
    inside = []

    def write():
        with transaction.atomic():
            versions.move("things")
            inside.append(versions.current("things"))
            raise RuntimeError

    with pytest.raises(RuntimeError):
        write()
    assert inside != [before]
    assert versions.current("things") == before


def test_a_version_evicted_from_the_cache_starts_anew():
    before = versions.current("things")
    cache.delete(versions.PREFIX + "things")
    assert versions.current("things") != before
