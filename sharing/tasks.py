"""django-q2 tasks for sharing: thin and idempotent."""

from __future__ import annotations

from . import snapshots
from .models import Push
from .services import SharingError, push_plan


def plan_push(push_id: int) -> int:
    """Plan a push's suggestions; running it again keeps everyone's existing slot."""
    push = Push.objects.filter(pk=push_id).select_related("item").first()
    if push is None:
        return 0
    try:
        return push_plan(push=push).planned
    except SharingError:
        return 0


def fetch_preview(item_id: int) -> str:
    """Fetch an item's link preview; a failure is stored for the editor, never raised."""
    from .models import ContentItem
    from .preview import PreviewError
    from .preview import fetch_preview as fetch

    item = ContentItem.objects.filter(pk=item_id).first()
    if item is None:
        return "gone"
    try:
        found = fetch(item.url)
    except PreviewError as error:
        ContentItem.objects.filter(pk=item_id).update(
            preview_status=ContentItem.Preview.FAILED, preview_error=str(error)[:300]
        )
        return "failed"
    ContentItem.objects.filter(pk=item_id).update(
        preview_status=ContentItem.Preview.FETCHED,
        preview_error="",
        preview_title=found["title"],
        preview_description=found["description"],
        preview_image_url=found["image"],
    )
    snapshots.library_changed()  # the composer shows the preview's title and image
    return "fetched"


def import_feeds() -> int:
    """Periodic: import every active news feed; a failing feed does not stop the others."""
    from .models import NewsFeed
    from .services import feed_import

    return sum(feed_import(feed=feed) for feed in NewsFeed.objects.filter(active=True))


def prune_clicks() -> int:
    """Nightly: raw clicks past the retention period become per-share daily counts."""
    import datetime as dt

    from django.conf import settings
    from django.utils import timezone

    from .services import clicks_compact

    before = timezone.localdate() - dt.timedelta(days=settings.ACADEMY_CLICK_RETENTION_DAYS)
    return clicks_compact(before=before)


def resume_stalled() -> dict:
    """Every 15 minutes: work whose task never ran (a Redis broker keeps no receipts, a worker
    may die) is taken up again from what the database says is unfinished. Both tasks are
    idempotent, so work that is merely slow is not done twice."""
    import datetime as dt

    from django.utils import timezone

    from core.queue import enqueue

    from .models import ContentItem

    now = timezone.now()
    window = {"created_at__gte": now - dt.timedelta(days=2)}
    pushes = Push.objects.filter(
        planned_at__isnull=True, created_at__lte=now - dt.timedelta(minutes=5), **window
    ).values_list("pk", flat=True)
    previews = ContentItem.objects.filter(
        preview_status=ContentItem.Preview.PENDING,
        created_at__lte=now - dt.timedelta(minutes=10),
        **window,
    ).values_list("pk", flat=True)
    for pk in previews:  # web requests: each in its own task, not one after another here
        enqueue("sharing.tasks.fetch_preview", pk)
    return {"pushes": [plan_push(pk) for pk in pushes], "previews": len(previews)}
