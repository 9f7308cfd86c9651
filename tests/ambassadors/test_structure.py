"""The structure cache: values kept until the site changes, and seen at once when it does."""

import pytest
from django.conf import settings
from wagtail.models import Page

from core import structure

pytestmark = pytest.mark.django_db


def test_value_is_kept_until_the_structure_changes():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert structure.cached("thing", compute) == 1
    assert structure.cached("thing", compute) == 1
    structure.changed()
    assert structure.cached("thing", compute) == 2


def test_publishing_or_unpublishing_a_page_moves_the_version():
    root = Page.get_first_root_node()
    page = root.add_child(instance=Page(title="News", slug="news-structure", live=False))
    before = structure.version()
    page.save_revision().publish()
    published = structure.version()
    assert published != before
    page.refresh_from_db()
    page.unpublish()
    assert structure.version() != published


def test_one_request_reads_the_version_once_and_each_value_once_per_process(monkeypatch):
    structure.version()  # the site has a version already
    reads = []
    real_get = structure.cache.get
    monkeypatch.setattr(
        structure.cache, "get", lambda key, *a, **k: reads.append(key) or real_get(key, *a, **k)
    )
    structure.request_started()
    try:
        assert structure.cached("x", lambda: "value") == "value"
        assert structure.cached("x", lambda: "other") == "value"
        assert structure.cached("y", lambda: "why") == "why"
        assert reads.count(structure.VERSION_KEY) == 1
        assert reads.count(f"{settings.ACADEMY_RELEASE}:structure:{structure.version()}:x") == 1
        # Another process publishes: this request goes on with the version it read...
        structure.cache.set(structure.VERSION_KEY, 1)
        assert structure.cached("x", lambda: "other") == "value"
        # ...but a change made in this request is seen by it.
        structure.changed()
        assert structure.cached("x", lambda: "other") == "other"
    finally:
        structure.request_finished()
    # The next request reads the version again.
    structure.request_started()
    try:
        structure.cache.set(structure.VERSION_KEY, 2)
        assert structure.cached("x", lambda: "new") == "new"
    finally:
        structure.request_finished()


def test_outside_a_request_every_read_sees_the_current_version():
    """Tasks and commands: no request, so a change elsewhere shows at once."""
    assert structure.cached("z", lambda: 1) == 1
    structure.cache.set(structure.VERSION_KEY, 3)
    assert structure.cached("z", lambda: 2) == 2


def test_a_process_keeps_only_what_it_read_in_the_last_minute(monkeypatch):
    """Values under versions that moved on are never read again: they leave the process's
    memory once their minute is over, not only when the bound is reached."""
    clock = [1000.0]
    monkeypatch.setattr(structure.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(structure, "_kept", type(structure._kept)())
    for n in range(50):
        structure.kept(f"test:v{n}:menu", lambda n=n: n, 300)
    assert len(structure._kept) == 50
    clock[0] += structure.KEPT_SECONDS + 1
    assert structure.kept("test:v50:menu", lambda: 50, 300) == 50
    assert list(structure._kept) == [f"{settings.ACADEMY_RELEASE}:test:v50:menu"]
