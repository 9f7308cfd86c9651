"""A small factory_boy base for Wagtail pages: added under a parent page and published.

Not wagtail-factories: its releases declare and test Wagtail up to 7.x only, and the blocks
of our pages are built from plain data by `core.streamfield.stream_value` already.
"""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from core import provisioning


class PageFactory(DjangoModelFactory):
    """`parent`: the page to add it under (the site's home page by default); `publish=False`
    leaves it as saved by `add_child`, without a revision. Returns the page as stored."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Page {n + 1}")
    parent = factory.LazyFunction(provisioning.wagtail_site_ensure)
    publish = True

    @classmethod
    def _create(cls, model_class, *args, parent, publish, **fields):
        page = model_class(*args, **fields)
        parent.add_child(instance=page)
        if publish:
            page.save_revision().publish()
        return model_class.objects.get(pk=page.pk)

    @classmethod
    def _build(cls, model_class, *args, parent, publish, **fields):
        return model_class(*args, **fields)


def publish(page):
    """Publish the page as it is now (a new revision) and return it as stored."""
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)
