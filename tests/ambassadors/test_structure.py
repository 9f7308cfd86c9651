"""The structure cache: values kept until the site changes, and seen at once when it does."""

import pytest
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


def test_one_request_reads_the_cache_once(rf):
    request = rf.get("/")
    structure.cached("x", lambda: "value", request=request)
    structure.changed()
    # Within the same request the remembered value stands (a page is rendered from one view).
    assert structure.cached("x", lambda: "other", request=request) == "value"
    assert structure.cached("x", lambda: "other") == "other"
