"""Writes that change an ambassador's state or tell them something.

Everything the platform asks of a person goes through `nudge_plan()`, which keeps the
weekly attention budget, spaces nudges out and respects quiet hours. Everything it
tells a person goes through `notify()`. Both write outbox rows; e-mail leaves through
`notification_email_deliver()`, called by tasks.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.queue import enqueue_on_commit, in_batches

from .models import Ambassador, Notification, ParticipationEvent, ProgrammeSettings
from .quiet import QuietHours, quiet_end

logger = logging.getLogger(__name__)

# The version of the consent text on /welcome/ that a join records: change it with the text.
# 2026-12: says what comms staff see by name (the guideline acknowledgement record).
CONSENT_VERSION = "2026-12"
MAX_EMAIL_ATTEMPTS = 5
PLANNING_HORIZON = dt.timedelta(weeks=4)
# A nudge about something that ends (an item, a mission) leaves the person this long to act.
TIME_TO_ACT = dt.timedelta(hours=12)

# Why `nudge_plan_many()` left someone out (see its `left_out` argument).
LEFT_OUT_NOT_TAKING_PART = "not_taking_part"
LEFT_OUT_NO_ROOM = "no_room"
LEFT_OUT_AFTER_END = "after_end"

ERROR_ALREADY_TAKING_PART = gettext_lazy("You are already taking part in the programme.")
ERROR_NOT_TAKING_PART = gettext_lazy("You are not taking part in the programme at the moment.")
ERROR_NOT_PAUSED = gettext_lazy("Your participation is not paused.")
ERROR_UNSAFE_LINK = gettext_lazy("A notification can only link to a page of this site.")


class ParticipationError(Exception):
    """A participation change that is not possible from the current state."""


# --- participation -------------------------------------------------------------------------


def ambassador_get_or_create(*, user: User) -> Ambassador:
    """The profile of a user; created (not yet joined, nothing recorded) on first need."""
    try:
        return user.ambassador
    except Ambassador.DoesNotExist:
        ambassador, _created = Ambassador.objects.get_or_create(user=user)
        user.ambassador = ambassador
        return ambassador


def _record(ambassador: Ambassador, action: str) -> None:
    ParticipationEvent.objects.create(
        ambassador=ambassador, action=action, consent_version=CONSENT_VERSION
    )


@transaction.atomic
def ambassador_join(*, ambassador: Ambassador) -> Ambassador:
    """Give consent: first join, or rejoin after leaving."""
    ambassador = Ambassador.objects.select_for_update().get(pk=ambassador.pk)
    if ambassador.status in (Ambassador.Status.ACTIVE, Ambassador.Status.PAUSED):
        raise ParticipationError(ERROR_ALREADY_TAKING_PART)
    first_time = ambassador.status == Ambassador.Status.INVITED and ambassador.consented_at is None
    now = timezone.now()
    ambassador.status = Ambassador.Status.ACTIVE
    ambassador.consented_at = now
    ambassador.status_changed_at = now
    ambassador.save(update_fields=["status", "consented_at", "status_changed_at"])
    _record(
        ambassador,
        ParticipationEvent.Action.JOINED if first_time else ParticipationEvent.Action.REJOINED,
    )
    if first_time:
        notify(
            recipient=ambassador.user,
            kind="welcome",
            key=f"welcome:{ambassador.user_id}",
            subject=gettext_lazy("Welcome to Ambassador Academy"),
            body=gettext_lazy(
                "Good to have you. Start at your own pace: your path shows where you are "
                "and what comes next. Questions? The mentors are there for you."
            ),
            link="/path/",
            email=False,
        )
    return ambassador


@transaction.atomic
def ambassador_pause(*, ambassador: Ambassador) -> Ambassador:
    """Stop all suggestions for now; the profile and history stay."""
    ambassador = Ambassador.objects.select_for_update().get(pk=ambassador.pk)
    if ambassador.status != Ambassador.Status.ACTIVE:
        raise ParticipationError(ERROR_NOT_TAKING_PART)
    _set_status(ambassador, Ambassador.Status.PAUSED, ParticipationEvent.Action.PAUSED)
    _cancel_pending_nudges(ambassador)
    return ambassador


@transaction.atomic
def ambassador_resume(*, ambassador: Ambassador) -> Ambassador:
    ambassador = Ambassador.objects.select_for_update().get(pk=ambassador.pk)
    if ambassador.status != Ambassador.Status.PAUSED:
        raise ParticipationError(ERROR_NOT_PAUSED)
    _set_status(ambassador, Ambassador.Status.ACTIVE, ParticipationEvent.Action.RESUMED)
    return ambassador


@transaction.atomic
def ambassador_leave(*, ambassador: Ambassador) -> Ambassador:
    """Leave the programme: no more suggestions or e-mails; rejoining needs new consent."""
    ambassador = Ambassador.objects.select_for_update().get(pk=ambassador.pk)
    if ambassador.status not in (Ambassador.Status.ACTIVE, Ambassador.Status.PAUSED):
        raise ParticipationError(ERROR_NOT_TAKING_PART)
    _set_status(ambassador, Ambassador.Status.LEFT, ParticipationEvent.Action.LEFT)
    _cancel_pending_nudges(ambassador)
    Notification.objects.filter(recipient_id=ambassador.user_id, email_sent_at__isnull=True).update(
        email_after=None
    )
    return ambassador


def _set_status(ambassador: Ambassador, status: str, action: str) -> None:
    ambassador.status = status
    ambassador.status_changed_at = timezone.now()
    ambassador.save(update_fields=["status", "status_changed_at"])
    _record(ambassador, action)


def _cancel_pending_nudges(ambassador: Ambassador) -> None:
    Notification.objects.nudges().filter(
        recipient_id=ambassador.user_id,
        visible_from__gt=timezone.now(),
    ).delete()


# --- notifications and the outbox ----------------------------------------------------------


def recipient_language(user: User) -> str:
    """The language everything we tell this person is written in: their profile's, or the site's."""
    language = getattr(_profile_of(user), "language", "")
    return language or settings.LANGUAGE_CODE


def _interpolate(message, params: dict) -> str:
    return str(message) % {
        name: str(value) if isinstance(value, Promise) else value for name, value in params.items()
    }


_lazy_interpolate = lazy(_interpolate, str)


def lazy_text(message, **params) -> Promise:
    """Lazy text with parameters: `message` (gettext_lazy or ngettext_lazy) with `params`
    filled in when it is rendered, in the language active then.

    What `notify()` and `Nudge` take, so a text is written in the recipient's language and
    never in the language of whoever (or whatever task) caused it. Parameters are rendered
    in that language too: a choice's lazy label, or an object whose `str()` follows the
    language (pass the mission, not `mission.title`).
    """
    return _lazy_interpolate(message, params)


def _render_for(language: str, *texts) -> list[str]:
    with translation.override(language):
        return [str(text) for text in texts]


def _validate_link(link: str) -> None:
    if link and (
        not link.startswith("/")
        or link.startswith("//")
        or "\\" in link
        or any(ord(character) < 32 for character in link)
    ):
        raise ValueError(str(ERROR_UNSAFE_LINK))


def _email_moment(ambassador: Ambassador | None, moment: dt.datetime, email: bool):
    """When this person's e-mail may go out, or None when they get none (or a digest)."""
    if not email:
        return None
    if ambassador is None:
        return moment
    if ambassador.status == Ambassador.Status.LEFT:
        return None
    if not ambassador.email_notifications or ambassador.weekly_digest:
        return None
    return ambassador.end_of_quiet_hours(moment)


def _profile_of(user: User) -> Ambassador | None:
    try:
        return user.ambassador
    except Ambassador.DoesNotExist:
        return None


def _enqueue_delivery(notification: Notification) -> None:
    if notification.email_after is not None and notification.email_after <= timezone.now():
        enqueue_on_commit("ambassadors.tasks.deliver_notification_email", notification.pk)


def notify(
    *,
    recipient: User,
    kind: str,
    key: str,
    subject: str | Promise,
    body: str | Promise = "",
    link: str = "",
    email: bool = True,
    show_in_app: bool = True,
    about: User | None = None,
) -> Notification:
    """Tell a person something, once per key: in-app now, by e-mail as their preferences allow.

    Pass the subject and body as lazy text (`gettext_lazy`, `lazy_text`): they are written
    here, in the recipient's language, whatever language the caller's request or task has.
    A plain string is taken as it is (a person's own words).
    `about` is the other person the text names or quotes: erasing them removes it.
    """
    _validate_link(link)
    existing = Notification.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return existing
    subject, body = _render_for(recipient_language(recipient), subject, body)
    now = timezone.now()
    email_after = _email_moment(_profile_of(recipient), now, email)
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient,
                about=about,
                kind=kind,
                idempotency_key=key,
                # One line: an e-mail header may not hold a line break (a crafted request
                # subject with one would make the e-mail fail for good).
                subject=" ".join(subject.split())[:200],
                body=body,
                link=link,
                show_in_app=show_in_app,
                visible_from=now,
                email_after=email_after,
            )
    except IntegrityError:
        return Notification.objects.get(idempotency_key=key)
    _enqueue_delivery(notification)
    return notification


def default_weekly_budget() -> int:
    return ProgrammeSettings.load().max_nudges_per_week


def programme_quiet_hours() -> QuietHours:
    """The programme's default quiet hours, for the nudges of people without their own."""
    return ProgrammeSettings.load().quiet_hours


def weekly_budget(ambassador: Ambassador, default: int | None = None) -> int:
    """The person's nudges per week: the programme default, or lower if they chose so.

    Pass `default` (from `default_weekly_budget()`) when asking for many people at once.
    """
    default = default_weekly_budget() if default is None else default
    if ambassador.max_nudges_per_week is None:
        return default
    return min(default, ambassador.max_nudges_per_week)


def week_start(moment: dt.datetime) -> dt.datetime:
    """Monday 00:00 local time of the week that holds `moment`."""
    local = timezone.localtime(moment)
    monday = (local - dt.timedelta(days=local.weekday())).date()
    return timezone.make_aware(dt.datetime.combine(monday, dt.time.min))


def _next_week_start(moment: dt.datetime) -> dt.datetime:
    local = timezone.localtime(week_start(moment)) + dt.timedelta(days=7, hours=12)
    return week_start(local)


@dataclass(frozen=True)
class BudgetStatus:
    used: int
    budget: int

    @property
    def remaining(self) -> int:
        return max(self.budget - self.used, 0)


def budget_status(*, ambassador: Ambassador, now: dt.datetime | None = None) -> BudgetStatus:
    """Nudges planned in the current week against the person's budget."""
    start = week_start(now or timezone.now())
    used = (
        Notification.objects.nudges()
        .filter(
            recipient_id=ambassador.user_id,
            visible_from__gte=start,
            visible_from__lt=_next_week_start(start),
        )
        .count()
    )
    return BudgetStatus(used=used, budget=weekly_budget(ambassador))


def _minimum_gap(budget: int) -> dt.timedelta:
    return min(dt.timedelta(hours=24), dt.timedelta(days=7) / max(budget, 1))


def _crowded_window(planned, slot, budget: int):
    """A later moment to try when adding `slot` would put too many nudges in some 7 days."""
    week = dt.timedelta(days=7)
    moments = sorted([*planned, slot])
    for start in (m for m in moments if slot - week < m <= slot):
        inside = [m for m in moments if start <= m < start + week]
        if len(inside) > budget:
            return inside[-1] + dt.timedelta(seconds=1) if inside[-1] > slot else start + week
    return None


def _over_weekly_limit(planned, slot, limit: int):
    """A later moment to try when `slot` would make more than `limit` in some seven days."""
    before = sorted(m for m in planned if slot - dt.timedelta(days=7) < m <= slot)
    if len(before) >= limit:
        return before[-limit] + dt.timedelta(days=7)
    return _crowded_window(planned, slot, limit)


@dataclass(frozen=True)
class Nudge:
    """One thing to ask of one person (by their Ambassador id), for `nudge_plan_many()`.

    Subject and body are lazy text, written in the person's language when it is planned.
    `latest`: the last moment it is worth showing (before what it asks for ends).
    `kind_per_week`: at most this many nudges of its kind in any seven days for the person,
    so that one source of requests keeps to its own share of the budget.
    """

    ambassador_id: int
    kind: str
    key: str
    subject: str | Promise
    body: str | Promise = ""
    link: str = ""
    earliest: dt.datetime | None = None
    latest: dt.datetime | None = None
    kind_per_week: int | None = None
    about_id: int | None = None  # the other person the text names or quotes (see notify)


@dataclass(frozen=True)
class _Limit:
    moments: list[dt.datetime]
    per_week: int


def _free_slot(
    quiet: QuietHours | None,
    planned: list[dt.datetime],
    limits: list[_Limit],
    *,
    earliest: dt.datetime,
    latest: dt.datetime | None,
    horizon: dt.datetime,
) -> tuple[dt.datetime | None, str]:
    """The first moment at or after `earliest` that fits the person's budget, or None and
    why not.

    Outside quiet hours, at least a minimum gap from their other nudges, and at most the
    budget (and any other weekly limit) in any seven days, this one included; not after
    `latest` and not beyond the planning horizon.
    """
    slot = earliest
    gap = _minimum_gap(limits[0].per_week)
    end = horizon if latest is None else min(horizon, latest)
    while slot <= end:
        slot = quiet_end(slot, quiet)
        later = next(
            (
                moment
                for limit in limits
                if (moment := _over_weekly_limit(limit.moments, slot, limit.per_week))
            ),
            None,
        )
        if later is not None:
            slot = later
            continue
        clash = [moment for moment in planned if abs(moment - slot) < gap]
        if clash:
            slot = max(clash) + gap
            continue
        if slot <= end:
            return slot, ""
    if latest is not None and latest <= horizon:
        return None, LEFT_OUT_AFTER_END
    return None, LEFT_OUT_NO_ROOM


PLAN_BATCH = 1000


def nudge_plan_many(
    nudges: list[Nudge], *, left_out: dict[str, str] | None = None
) -> dict[str, Notification | None]:
    """Plan many nudges at once: a few queries per thousand people, not per person.

    The same rules as `nudge_plan()`, which is this with one item. Returns, per key, the
    notification (a new one, or the one planned earlier under that key) or None when the
    person does not take part or has no room before the horizon (or the nudge's `latest`);
    pass a dict as `left_out` to learn why (`LEFT_OUT_*`) for each key left out.
    Each batch is one transaction that locks its people's rows, so a concurrent planner
    cannot take the same last slot.
    """
    for nudge in nudges:
        _validate_link(nudge.link)
    results: dict[str, Notification | None] = {}
    why = left_out if left_out is not None else {}
    programme = ProgrammeSettings.load()
    default_budget, default_quiet = programme.max_nudges_per_week, programme.quiet_hours
    for first in range(0, len(nudges), PLAN_BATCH):
        batch = nudges[first : first + PLAN_BATCH]
        created: list[Notification] = []
        with transaction.atomic():
            people = {
                person.pk: person
                for person in Ambassador.objects.select_for_update().filter(
                    pk__in={nudge.ambassador_id for nudge in batch}
                )
            }
            existing = {
                row.idempotency_key: row
                for row in Notification.objects.filter(
                    idempotency_key__in=[nudge.key for nudge in batch]
                )
            }
            now = timezone.now()
            horizon = now + PLANNING_HORIZON
            earliest = min(max(nudge.earliest or now, now) for nudge in batch)
            planned: dict[int, list[dt.datetime]] = {}
            by_kind: dict[tuple[int, str], list[dt.datetime]] = {}
            # The moment is compared through an expression so that the database reads the
            # per-person index. Rows planned by earlier batches are not in its statistics
            # yet, so it would take the window as rare and scan all of it, batch after batch.
            for recipient, moment, kind in (
                Notification.objects.nudges()
                .alias(moment=Coalesce("visible_from", "created_at"))
                .filter(
                    recipient_id__in=[person.user_id for person in people.values()],
                    moment__gte=earliest - dt.timedelta(days=7),
                    moment__lt=horizon + dt.timedelta(days=7),
                )
                .order_by()
                .values_list("recipient_id", "visible_from", "kind")
            ):
                planned.setdefault(recipient, []).append(moment)
                by_kind.setdefault((recipient, kind), []).append(moment)
            for nudge in batch:
                if nudge.key in existing or nudge.key in results:
                    results[nudge.key] = existing.get(nudge.key) or results[nudge.key]
                    continue
                person = people.get(nudge.ambassador_id)
                results[nudge.key] = None
                if person is None or person.status != Ambassador.Status.ACTIVE:
                    why[nudge.key] = LEFT_OUT_NOT_TAKING_PART
                    continue
                budget = weekly_budget(person, default_budget)
                if budget == 0:
                    why[nudge.key] = LEFT_OUT_NO_ROOM
                    continue
                theirs = planned.setdefault(person.user_id, [])
                same_kind = by_kind.setdefault((person.user_id, nudge.kind), [])
                limits = [_Limit(theirs, budget)]
                if nudge.kind_per_week is not None:
                    limits.append(_Limit(same_kind, nudge.kind_per_week))
                # The programme's quiet hours hold for anyone who has not set their own.
                quiet = person.quiet_hours(default_quiet)
                slot, reason = _free_slot(
                    quiet,
                    theirs,
                    limits,
                    earliest=max(nudge.earliest or now, now),
                    latest=nudge.latest,
                    horizon=horizon,
                )
                if slot is None:
                    why[nudge.key] = reason
                    continue
                theirs.append(slot)
                same_kind.append(slot)
                subject, body = _render_for(
                    person.language or settings.LANGUAGE_CODE, nudge.subject, nudge.body
                )
                notification = Notification(
                    recipient_id=person.user_id,
                    about_id=nudge.about_id,
                    kind=nudge.kind,
                    idempotency_key=nudge.key,
                    subject=" ".join(subject.split())[:200],
                    body=body,
                    link=nudge.link,
                    is_nudge=True,
                    visible_from=slot,
                    email_after=_email_moment(person, slot, True),
                )
                created.append(notification)
                results[nudge.key] = notification
            Notification.objects.bulk_create(created, batch_size=500)
        for notification in created:
            _enqueue_delivery(notification)
    return results


def nudge_plan(
    *,
    ambassador: Ambassador,
    kind: str,
    key: str,
    subject: str | Promise,
    body: str | Promise = "",
    link: str = "",
    earliest: dt.datetime | None = None,
    latest: dt.datetime | None = None,
    about: User | None = None,
) -> Notification | None:
    """Plan something the platform asks of a person, within their attention budget.

    Finds the first moment at or after `earliest` that is outside quiet hours (the
    person's own, or the programme's default), at least a minimum gap away from their
    other nudges, and in a week with budget left. Returns None when the person does not
    take part or no such moment falls in the next weeks (or before `latest`, when the
    nudge is pointless after that). Idempotent per key.
    """
    nudge = Nudge(
        ambassador_id=ambassador.pk,
        kind=kind,
        key=key,
        subject=subject,
        body=body,
        link=link,
        earliest=earliest,
        latest=latest,
        about_id=about and about.pk,
    )
    return nudge_plan_many([nudge])[key]


def notification_mark_read(*, user: User, notification_id: int) -> Notification:
    notification = Notification.objects.visible().get(pk=notification_id, recipient=user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, user: User) -> int:
    return (
        Notification.objects.visible()
        .unread()
        .filter(recipient=user)
        .update(read_at=timezone.now())
    )


def _lease() -> dt.timedelta:
    return dt.timedelta(seconds=settings.ACADEMY_OUTBOX_LEASE_SECONDS)


def notification_email_deliver(*, notification_id: int) -> bool:
    """Send one notification's e-mail if it is due and nobody else is sending it.

    The claim is one UPDATE, so two workers never both send. A worker that dies after
    claiming leaves a stale claim that the sweep takes over once the lease has passed.
    """
    now = timezone.now()
    claimed = (
        Notification.objects.email_due(now, _lease())
        .filter(pk=notification_id)
        .update(email_claimed_at=now, email_attempts=F("email_attempts") + 1)
    )
    if not claimed:
        return False
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    recipient = notification.recipient
    ambassador = _profile_of(recipient)
    if not recipient.email or not recipient.is_active:
        _email_cancel(notification, "no active e-mail address")
        return False
    if notification.kind != "digest" and _email_moment(ambassador, now, True) is None:
        _email_cancel(notification, "recipient no longer wants e-mail")
        return False
    if ambassador is not None:
        # A nudge keeps the programme's quiet hours too when it is sent late (a retry).
        default = None
        if notification.is_nudge and ambassador.quiet_hours() is None:
            default = programme_quiet_hours()
        if ambassador.in_quiet_hours(now, default):
            Notification.objects.filter(pk=notification.pk).update(
                email_after=ambassador.end_of_quiet_hours(now, default), email_claimed_at=None
            )
            return False
    try:
        _send_notification_email(notification)
    except Exception as exc:
        logger.warning("E-mail for notification %s failed: %s", notification.pk, exc)
        update = {"email_claimed_at": None, "email_error": str(exc)[:300]}
        if notification.email_attempts >= MAX_EMAIL_ATTEMPTS:
            update["email_after"] = None
        Notification.objects.filter(pk=notification.pk).update(**update)
        return False
    Notification.objects.filter(pk=notification.pk).update(email_sent_at=timezone.now())
    return True


def _email_cancel(notification: Notification, reason: str) -> None:
    Notification.objects.filter(pk=notification.pk).update(
        email_after=None, email_claimed_at=None, email_error=reason
    )


def _send_notification_email(notification: Notification) -> None:
    with translation.override(recipient_language(notification.recipient)):
        context = {
            "notification": notification,
            "recipient": notification.recipient,
            "site_url": settings.SITE_URL,
            "link": f"{settings.SITE_URL}{notification.link}" if notification.link else "",
        }
        text = render_to_string("ambassadors/email/notification.txt", context)
        message = EmailMultiAlternatives(
            subject=notification.subject,
            body=text,
            to=[notification.recipient.email],
            # A stable Message-ID lets mail servers drop a copy resent after a crash.
            headers={
                "Message-ID": f"<{notification.idempotency_key.replace(':', '.')}"
                f".{notification.pk}@ambassador-academy>"
            },
        )
        message.send()


def outbox_sweep(*, limit: int = 500) -> int:
    """Send every e-mail that is due and unclaimed (or whose claim went stale)."""
    ids = list(
        Notification.objects.email_due(timezone.now(), _lease())
        .order_by("email_after")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(1 for pk in ids if notification_email_deliver(notification_id=pk))


def weekly_digest_send(*, now: dt.datetime | None = None) -> int:
    """One summary e-mail per person who chose the weekly digest and has unread news."""
    now = now or timezone.now()
    year, week, _weekday = timezone.localtime(now).isocalendar()
    since = now - dt.timedelta(days=7)
    created = 0
    people = (
        Ambassador.objects.participating()
        .filter(weekly_digest=True, email_notifications=True)
        .select_related("user")
    )
    for ambassador in in_batches(people):
        unread = list(
            Notification.objects.visible(now)
            .unread()
            .filter(recipient_id=ambassador.user_id, visible_from__gte=since)
            .exclude(kind="digest")
            .order_by("visible_from")[:20]
        )
        if not unread:
            continue
        with translation.override(ambassador.language):
            body = "\n".join(f"- {item.subject}" for item in unread)
            key = f"digest:{ambassador.user_id}:{year}-W{week:02d}"
            if Notification.objects.filter(idempotency_key=key).exists():
                continue
            notification = Notification.objects.create(
                recipient=ambassador.user,
                kind="digest",
                idempotency_key=key,
                subject=_("Your week at Ambassador Academy"),
                body=body,
                link="/notifications/",
                show_in_app=False,
                visible_from=now,
                email_after=ambassador.end_of_quiet_hours(now),
            )
            created += 1
            _enqueue_delivery(notification)
    return created
