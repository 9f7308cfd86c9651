"""The CMS library's columns and details have labels in the editor's language."""

import pytest
from django.utils.functional import Promise

from sharing.models import ContentItem
from sharing.wagtail_hooks import ContentItemViewSet, NewsFeedViewSet
from tests.factories.sharing import make_item

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("viewset", "names"),
    [
        (ContentItemViewSet, ContentItemViewSet.list_display),
        (ContentItemViewSet, ContentItemViewSet.inspect_view_fields),
        (NewsFeedViewSet, NewsFeedViewSet.list_display),
    ],
)
def test_every_field_shown_has_a_translatable_label(viewset, names):
    """A field without a verbose name shows its English code name ("Preview status") in Dutch."""
    untranslated = [
        name
        for name in names
        if not isinstance(
            viewset.model._meta.get_field(name).verbose_name
            if isinstance(name, str)
            else name.label,  # a column object of its own
            Promise,
        )
    ]
    assert untranslated == []


def test_the_library_shows_the_preview_status_in_dutch(client_for, comms):
    """The list's column reads "Status voorvertoning" for a Dutch editor."""
    make_item(title="Een artikel")
    assert ContentItem.objects.exists()
    html = client_for(comms).get("/cms/snippets/sharing/contentitem/").content.decode()
    assert "Een artikel" in html
    assert "Status voorvertoning" in html
    assert "Preview status" not in html
