"""A request's life: filing it with its attachments, closing, reopening, keeping it by law
and erasing its content."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from core.audit import record
from core.outbound import public_url
from core.sanitise import clean_text
from core.uploads import AttachmentRejected, attachment_clean

from ..kept import moved
from ..models import Attachment, Kind, Message, Rating, Ticket
from ..selectors import filed_since, reopen_refusal, target_for
from ..signals import request_resolved
from .base import event, locked, require_worker, ticket_title
from .clock import clock_set, clock_start
from .errors import (
    ERROR_BODY,
    ERROR_CLOSED,
    ERROR_KIND,
    ERROR_LINK,
    ERROR_NOT_YOURS,
    ERROR_SUBJECT,
    ERROR_TOO_MANY,
    ERROR_TOO_MANY_FILES,
    DeskError,
)
from .routing import ticket_route

T = Ticket.State
# New requests one person may file in a rolling day, mediation included: enough for anyone
# who needs help, and a bound on the mentors' alerts. An open request can always be added to.
REQUESTS_PER_DAY = 5
MAX_PER_MESSAGE = 5
# Links shown to people: the one strict reading of an address (core.outbound).
http_url = public_url


def attachments_clean(files) -> list:
    """The uploads checked by content (at most MAX_PER_MESSAGE), or DeskError."""
    files = [f for f in (files or []) if f]
    if len(files) > MAX_PER_MESSAGE:
        raise DeskError(ERROR_TOO_MANY_FILES)
    try:
        return [attachment_clean(upload) for upload in files]
    except AttachmentRejected as error:
        raise DeskError(str(error)) from error


def attachments_store(ticket: Ticket, message: Message | None, user: User, cleaned: list) -> None:
    for clean in cleaned:
        attachment = Attachment(
            ticket=ticket,
            message=message,
            uploaded_by=user,
            name=clean.name,
            content_type=clean.content_type,
            size=len(clean.content),
        )
        attachment.file.save(clean.name, ContentFile(clean.content), save=False)
        attachment.save()


def ticket_create(
    *,
    requester: User,
    kind: str,
    subject: str,
    body: str,
    details: dict | None = None,
    network: str = "",
    files=None,
) -> Ticket:
    """File a request: checked first, then stored with its attachments and routed."""
    subject = clean_text(subject, max_length=200).strip()
    body = clean_text(body, max_length=10_000).strip()
    if kind not in Kind.values:
        raise DeskError(ERROR_KIND)
    if not subject:
        raise DeskError(ERROR_SUBJECT)
    if not body:
        raise DeskError(ERROR_BODY)
    details = {
        key: clean_text(str(value), max_length=10_000).strip()
        for key, value in (details or {}).items()
    }
    if kind == Kind.MEDIATION:
        try:
            http_url(details.get("link", ""))
        except Exception as error:
            raise DeskError(ERROR_LINK) from error
    now = timezone.now()
    since = now - dt.timedelta(days=1)
    if filed_since(requester=requester, since=since) >= REQUESTS_PER_DAY:
        raise DeskError(ERROR_TOO_MANY % {"count": REQUESTS_PER_DAY})
    cleaned = attachments_clean(files)
    with transaction.atomic():
        # Counted again on the locked person, so two requests at once cannot both slip in.
        User.objects.select_for_update().filter(pk=requester.pk).first()
        if filed_since(requester=requester, since=since) >= REQUESTS_PER_DAY:
            raise DeskError(ERROR_TOO_MANY % {"count": REQUESTS_PER_DAY})
        ticket = Ticket(
            kind=kind,
            requester=requester,
            subject=subject,
            body=body,
            details=details,
            network=network if network else "",
            open_since=now,
        )
        clock_start(ticket, now)
        ticket.save()
        attachments_store(ticket, None, requester, cleaned)
        event(ticket, "created", actor=requester)
        ticket_route(ticket=ticket)
    return ticket


@transaction.atomic
def ticket_resolve(*, ticket: Ticket, by: User) -> Ticket:
    """Close the request (the employee when helped, or the mentor)."""
    ticket = locked(ticket)
    if ticket.state == T.RESOLVED:
        raise DeskError(ERROR_CLOSED)
    if by.pk != ticket.requester_id:
        require_worker(by, ticket)
    now = timezone.now()
    # A miss the sweep already recorded stays one, also when the request was waiting on the
    # employee at the end (no due moment then).
    ticket.resolution_breached = ticket.resolution_breached or bool(
        ticket.resolution_due_at and now > ticket.resolution_due_at
    )
    ticket.state = T.RESOLVED
    ticket.resolved_at = now
    ticket.open_since = None
    ticket.paused_at = None
    ticket.response_due_at = ticket.response_warn_at = None
    ticket.resolution_due_at = ticket.resolution_warn_at = None
    ticket.save()
    event(ticket, "resolved", actor=by)
    request_resolved.send(sender=Ticket, ticket=ticket, by=by)
    return ticket


@transaction.atomic
def ticket_reopen(*, ticket: Ticket, user: User) -> Ticket:
    """The employee reopens their closed request (within the window, a limited number of
    times); it goes back to its mentor, or to the queue."""
    ticket = locked(ticket)
    if user.pk != ticket.requester_id:
        raise DeskError(ERROR_NOT_YOURS)
    refusal = reopen_refusal(ticket=ticket)
    if refusal is not None:
        raise DeskError(refusal)
    now = timezone.now()
    ticket.resolved_at = None
    ticket.open_since = now
    ticket.state = T.ASSIGNED if ticket.assignee_id else T.QUEUED
    target = target_for(kind=ticket.kind)
    clock_set(ticket, now, response=0, resolution=target.resolution_minutes)
    # A fresh resolution target: judged again when it is closed again.
    ticket.resolution_warned = ticket.resolution_escalated = False
    ticket.resolution_breached = False
    ticket.save()
    event(ticket, "reopened", actor=user)
    if ticket.state == T.QUEUED:
        ticket_route(ticket=ticket)
    return ticket


@transaction.atomic
def ticket_keep(*, ticket: Ticket, mentor: User, reason: str) -> Ticket:
    """Mark (or with an empty reason, unmark) a request whose content the law says to keep."""
    ticket = locked(ticket)
    require_worker(mentor, ticket)
    reason = clean_text(reason, max_length=300).strip()
    if reason == ticket.keep_reason:
        return ticket
    ticket.keep_reason = reason
    ticket.save(update_fields=["keep_reason", "updated_at"])
    event(ticket, "kept" if reason else "not_kept", actor=mentor, reason=reason)
    record(
        ticket,
        "academy.ticket_keep",
        user=mentor,
        title=ticket_title(ticket),
        person=ticket.requester,
        reason=reason,
    )
    return ticket


def ticket_erase_content(*, ticket: Ticket) -> None:
    """The requester erased their account: close the request and remove what it said.
    The request itself stays (kind, times, SLA results) so the desk figures stay true."""
    from ambassadors.erasure import delete_files_on_commit

    ticket = locked(ticket)
    if ticket.state != T.RESOLVED:
        ticket = ticket_resolve(ticket=ticket, by=ticket.requester)
    attachments = list(ticket.attachments.all())
    delete_files_on_commit([attachment.file for attachment in attachments])
    Attachment.objects.filter(ticket=ticket).delete()
    ticket.messages.all().delete()
    ticket.drafts.all().delete()
    Rating.objects.filter(ticket=ticket).update(comment="")
    ticket.events.update(reason="")
    moved()
    ticket.subject = "—"
    ticket.body = ""
    ticket.details = {}
    ticket.network = ""
    ticket.save()
    event(ticket, "erased")
