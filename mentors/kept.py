"""What the desk's pages keep between requests, and what makes them read it anew.

A mentor's queue, its tab counts, the urgent banner and an open request's thread are read
far more often than anything on the desk changes: every mentor opens the queue again after
each answer, and the banner sits on every page a mediator opens. Each is kept per mentor
(`ambassadors.personal`, so their own role and skills are part of the key) under the desk's
version (`core.versions.DESK`), which moves with every write that could change what a mentor
sees:

- a save or delete of a request, a message, an attachment, a draft, a history entry, a
  rating, a canned response or a mentor's profile (the receivers below);
- a person's save (their name shows on the rows), except a sign-in's last-login stamp;
- the bulk updates of the desk's services, which move it themselves (`moved`): the SLA marks
  that time sets (`tally.phases_advance`), warnings and escalations, an erased thread.

What time alone changes is bounded instead: a kept value lasts FRESH_SECONDS at most, the
window in which the desk's pages also advance the SLA marks (`tally.CHECK_EVERY`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.utils import timezone

from ambassadors import personal
from core import versions

FRESH_SECONDS = 30


def moved(**_signal_kwargs) -> None:
    """Something a mentor sees on the desk changed."""
    versions.move(versions.DESK)


def _user_saved(sender, instance, update_fields=None, **kwargs) -> None:
    if update_fields is None or set(update_fields) != {"last_login"}:
        moved()


def version(user) -> str:
    """The desk's version, read once per request (kept on the user object of the request).
    A page whose value depends on the SLA marks brings them up to date before it reads this
    (`tally.phases_advance`, at most once per window for all processes), as the queue does:
    their update moves the version."""
    found = getattr(user, "_academy_desk_version", None)
    if found is None:
        found = str(versions.current(versions.DESK)[0])
        user._academy_desk_version = found
    return found


def cached(user, name: str, compute: Callable[[], Any]) -> Any:
    """`compute()` for this mentor under the desk's current version; `name` holds whatever
    else the value depends on (the tab, the filter, the page, the language)."""

    if not settings.ACADEMY_DESK_KEEP:
        return compute()

    def timed():
        until = timezone.now() + dt.timedelta(seconds=FRESH_SECONDS)
        return compute(), until.timestamp()

    return personal.cached(user.pk, f"desk:{version(user)}:{name}", timed)


def connect() -> None:
    """The receivers (MentorsConfig.ready)."""
    from django.contrib.auth.models import User
    from django.db.models.signals import post_delete, post_save

    from .models import (
        Attachment,
        CannedResponse,
        Draft,
        MentorProfile,
        Message,
        Rating,
        Ticket,
        TicketEvent,
    )

    models = (Ticket, Message, Attachment, Draft, TicketEvent, Rating, CannedResponse)
    # A mentor's profile: their name, skills, capacity and absence in the handover list.
    for model in (*models, MentorProfile):
        uid = f"mentors-desk-{model.__name__}"
        post_save.connect(moved, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(moved, sender=model, dispatch_uid=f"{uid}-gone")
    post_save.connect(_user_saved, sender=User, dispatch_uid="mentors-desk-user")
