"""Wagtail tells us when a guideline is published (also by the scheduler); we tell others
when someone acknowledges a guideline."""

from django.dispatch import Signal
from wagtail.signals import page_published

from core.queue import enqueue_on_commit

from . import services
from .models import GuidelinePage

# Sent with `user` and `acknowledgement` (its guideline and version) after an acknowledgement
# is recorded, also when it was already there (the growth path listens; receivers are
# idempotent).
guideline_acknowledged = Signal()


def on_guideline_published(sender, instance, revision=None, **kwargs):
    version = services.guideline_published(page=instance, revision=revision)
    if version is not None:
        enqueue_on_commit("guidelines.tasks.ask_again", str(instance.translation_key), version)


def connect():
    page_published.connect(on_guideline_published, sender=GuidelinePage)
