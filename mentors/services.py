"""The mentor desk's rules: filing, routing, the SLA clock, the thread, drafts, closing,
reopening and rating. Every change is one function in a transaction; a refused action
raises DeskError with a message the person can read."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ambassadors.services import lazy_text, notify
from core.audit import record
from core.outbound import public_url
from core.sanitise import clean_text
from core.uploads import AttachmentRejected, attachment_clean

from . import access
from .models import (
    Attachment,
    Draft,
    Kind,
    MentorProfile,
    Message,
    Rating,
    SlaTarget,
    Ticket,
    TicketEvent,
)
from .sla import Calendar

T = Ticket.State
# A closed request may be reopened by its employee within two weeks, twice at most: then a
# new request starts a fresh thread (and close and reopen cannot cycle for ever).
REOPEN_WITHIN = dt.timedelta(days=14)
MAX_REOPENS = 2
WARN_AT = 0.75
# New requests one person may file in a rolling day, mediation included: enough for anyone
# who needs help, and a bound on the mentors' alerts. An open request can always be added to.
REQUESTS_PER_DAY = 5
# Used when comms staff have not set targets for a kind (minutes; mediation around the clock).
DEFAULT_TARGETS = {
    Kind.QUESTION: (8 * 60, 3 * 8 * 60, 120, True),
    Kind.COACHING: (8 * 60, 10 * 8 * 60, 240, True),
    Kind.GHOSTWRITING: (8 * 60, 5 * 8 * 60, 240, True),
    Kind.EDITING: (8 * 60, 3 * 8 * 60, 240, True),
    Kind.MEDIATION: (60, 24 * 60, 15, False),
}

ERROR_SUBJECT = _("Give your request a short subject.")
ERROR_BODY = _("Tell the mentor what you need.")
ERROR_LINK = _("Give the address of the discussion (an http or https link).")
ERROR_CLOSED = _("This request is closed. Reopen it to write again.")
ERROR_NOT_YOURS = _("This request is not yours.")
ERROR_TAKEN = _("Another mentor already took this request.")
ERROR_SKILL = _("%(name)s does not handle %(kind)s requests.")
ERROR_REASON = _("Give the reason for the reassignment.")
ERROR_REOPEN = _("A request can be reopened within 14 days of closing.")
ERROR_REOPEN_LIMIT = _(
    "This request has been reopened twice already. Please ask again with a new request."
)
ERROR_TOO_MANY = _(
    "You have filed %(count)d requests in the last 24 hours, the most one person can file "
    "in a day. Add to one of your open requests instead, or try again later."
)
ERROR_ALREADY_WAITING = _("This request already waits for the employee.")
ERROR_QUEUED = _("This request waits in the queue: take it first.")
ERROR_WAIT_FIRST = _(
    "Reply to the employee first: a request waits for the employee only after a public "
    "reply they have not answered yet."
)
ERROR_RATING = _("Choose a score from 1 to 5.")
ERROR_NOT_CLOSED = _("You can rate the help once the request is closed.")
ERROR_EMPTY = _("Write a message first.")
ERROR_NOT_ASSIGNED = _(
    "Only the mentor this request is assigned to, or the team lead, can work on it. "
    "If it waits in the queue, take it first."
)
ERROR_OWN_REQUEST = _("This is your own request: a colleague helps you with it.")
ERROR_TO_REQUESTER = _("%(name)s asked for this help and cannot be given the request.")

# Links shown to people: the one strict reading of an address (core.outbound).
http_url = public_url


class DeskError(Exception):
    pass


# --- targets and the clock ------------------------------------------------------------------


def target_for(kind: str) -> SlaTarget:
    found = SlaTarget.objects.filter(kind=kind).first()
    if found is not None:
        return found
    response, resolution, pickup, business = DEFAULT_TARGETS[Kind(kind)]
    return SlaTarget(
        kind=kind,
        first_response_minutes=response,
        resolution_minutes=resolution,
        pickup_minutes=pickup,
        business_hours=business,
    )


def calendar_for(target: SlaTarget) -> Calendar:
    return Calendar.load() if target.business_hours else Calendar.around_the_clock()


def _set_clock(ticket: Ticket, start: dt.datetime, *, response: float, resolution: float):
    """Due and warning moments from `start`, with `response`/`resolution` minutes left."""
    target = target_for(ticket.kind)
    calendar = calendar_for(target)
    if ticket.first_response_at is None:
        ticket.response_due_at = calendar.add(start, response)
        ticket.response_warn_at = calendar.add(
            start, max(response - (1 - WARN_AT) * target.first_response_minutes, 0)
        )
    ticket.resolution_due_at = calendar.add(start, resolution)
    ticket.resolution_warn_at = calendar.add(
        start, max(resolution - (1 - WARN_AT) * target.resolution_minutes, 0)
    )


def clock_start(ticket: Ticket, now: dt.datetime) -> None:
    target = target_for(ticket.kind)
    _set_clock(
        ticket,
        now,
        response=target.first_response_minutes,
        resolution=target.resolution_minutes,
    )


def clock_pause(ticket: Ticket, now: dt.datetime) -> None:
    """Waiting on the employee: keep what is left, clear the due moments."""
    if ticket.paused_at is not None:
        return
    calendar = calendar_for(target_for(ticket.kind))
    if ticket.first_response_at is None and ticket.response_due_at:
        ticket.response_remaining = round(calendar.minutes_between(now, ticket.response_due_at))
    if ticket.resolution_due_at:
        ticket.resolution_remaining = round(calendar.minutes_between(now, ticket.resolution_due_at))
    ticket.paused_at = now
    ticket.response_due_at = ticket.response_warn_at = None
    ticket.resolution_due_at = ticket.resolution_warn_at = None


def clock_resume(ticket: Ticket, now: dt.datetime) -> None:
    if ticket.paused_at is None:
        return
    _set_clock(
        ticket,
        now,
        response=ticket.response_remaining or 0,
        resolution=ticket.resolution_remaining or 0,
    )
    ticket.paused_at = None
    ticket.response_remaining = ticket.resolution_remaining = None


# --- routing --------------------------------------------------------------------------------


def _ticket_title(ticket: Ticket) -> str:
    return f"#{ticket.pk} {ticket.get_kind_display()}"


def _event(ticket, action, actor=None, to_user=None, reason=""):
    TicketEvent.objects.create(
        ticket=ticket, action=action, actor=actor, to_user=to_user, reason=reason[:300]
    )


def available_mentors(kind: str, now: dt.datetime | None = None, *, with_room: bool = True):
    """Mentors with the skill who are not away; with room left under their capacity."""
    now = now or timezone.now()
    away = Q(away_from__lte=now) & (Q(away_until__isnull=True) | Q(away_until__gt=now))
    away |= Q(away_from__isnull=True, away_until__gt=now)
    in_group = User.objects.filter(access.mentors_q()).values("pk")
    mentors = (
        MentorProfile.objects.filter(**{f"handles_{kind}": True}, user__in=in_group)
        .exclude(away)
        .annotate(
            open_count=Count(
                "user__assigned_tickets",
                filter=Q(user__assigned_tickets__state__in=[T.ASSIGNED, T.WAITING]),
            )
        )
        .select_related("user")
    )
    if with_room:
        mentors = mentors.filter(capacity__gt=0, open_count__lt=F("capacity"))
    return mentors


def _team_leads(ticket: Ticket | None = None):
    leads = access.team_leads()
    return leads.exclude(pk=ticket.requester_id) if ticket is not None else leads


def _tell(user: User, *, kind: str, key: str, subject, body="", link: str = "", ticket=None):
    """Tell `user` about `ticket`: text that quotes the request names its requester."""
    about = ticket.requester if ticket is not None and ticket.requester_id != user.pk else None
    notify(recipient=user, kind=kind, key=key, subject=subject, body=body, link=link, about=about)


def _assign(
    ticket: Ticket, mentor: User, now: dt.datetime, actor=None, reason="", tell: bool = True
) -> None:
    previous = ticket.assignee
    ticket.assignee = mentor
    ticket.assigned_at = now
    ticket.touched_at = None
    if ticket.state == T.QUEUED:
        ticket.state = T.ASSIGNED
    MentorProfile.objects.filter(user=mentor).update(last_assigned_at=now)
    _event(
        ticket,
        "reassigned" if previous else "assigned",
        actor=actor,
        to_user=mentor,
        reason=reason,
    )
    record(
        ticket,
        "academy.ticket_assign",
        user=actor,
        title=_ticket_title(ticket),
        person=ticket.requester,
        to=mentor.get_username(),
        previous=previous.get_username() if previous else "",
        reason=reason,
    )
    if not tell:
        return
    _tell(
        mentor,
        kind="ticket_assigned",
        key=f"ticket:{ticket.pk}:assigned:{mentor.pk}:{now:%s%f}",
        subject=lazy_text(_("New request for you: %(subject)s"), subject=ticket.subject),
        link=f"/desk/{ticket.pk}/",
        ticket=ticket,
    )


def ticket_route(ticket: Ticket, *, exclude: set[int] | None = None) -> User | None:
    """Give a queued ticket to the best available mentor, or leave it in the queue.

    Fewest open tickets relative to capacity wins; ties go to whoever got one longest ago
    (round robin). Never to the requester (a mentor asking for help themselves), and only
    to people in the Mentors group. Mediation is routed the same way, around the clock;
    its alert goes to the mediator it is routed to and to the team lead, not to every
    mediator.
    """
    now = timezone.now()
    skip = {ticket.requester_id, *(exclude or ())}
    candidates = [m for m in available_mentors(ticket.kind, now) if m.user_id not in skip]
    if not candidates:
        _queue_alert(ticket)
        return None
    oldest = dt.datetime.min.replace(tzinfo=dt.UTC)
    best = min(
        candidates,
        key=lambda m: (m.open_count / m.capacity, m.last_assigned_at or oldest, m.pk),
    )
    mediation = ticket.kind == Kind.MEDIATION
    _assign(ticket, best.user, now, tell=not mediation)
    ticket.save()
    if mediation:
        _mediation_alert(ticket, best.user)
    return best.user


def _mediation_alert(ticket: Ticket, mediator: User) -> None:
    """An urgent alert to the mediator the request was routed to and to the team lead."""
    name = mediator.get_full_name() or mediator.get_username()
    for person in {mediator, *_team_leads(ticket)}:
        _tell(
            person,
            kind="mediation_alert",
            key=f"ticket:{ticket.pk}:mediation:{person.pk}:{mediator.pk}",
            subject=lazy_text(_("Urgent mediation request: %(subject)s"), subject=ticket.subject),
            body=lazy_text(_("Routed to %(name)s; the team lead is told as well."), name=name),
            link=f"/desk/{ticket.pk}/",
            ticket=ticket,
        )


def _queue_alert(ticket: Ticket) -> None:
    for lead in _team_leads(ticket):
        _tell(
            lead,
            kind="ticket_unassigned",
            key=f"ticket:{ticket.pk}:queued:{lead.pk}:{timezone.now():%Y%m%d%H}",
            subject=lazy_text(_("No mentor available for: %(subject)s"), subject=ticket.subject),
            body=_("The request waits in the team queue."),
            link=f"/desk/{ticket.pk}/",
            ticket=ticket,
        )


# --- filing ---------------------------------------------------------------------------------


MAX_PER_MESSAGE = 5


def _clean_attachments(files) -> list:
    files = [f for f in (files or []) if f]
    if len(files) > MAX_PER_MESSAGE:
        raise DeskError(gettext("At most 5 attachments at a time."))
    try:
        return [attachment_clean(upload) for upload in files]
    except AttachmentRejected as error:
        raise DeskError(str(error)) from error


def _store(ticket: Ticket, message: Message | None, user: User, cleaned: list) -> None:
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
        raise DeskError(gettext("Choose what kind of help you need."))
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
    if _filed_today(requester, now) >= REQUESTS_PER_DAY:
        raise DeskError(ERROR_TOO_MANY % {"count": REQUESTS_PER_DAY})
    cleaned = _clean_attachments(files)
    with transaction.atomic():
        # Counted again on the locked person, so two requests at once cannot both slip in.
        User.objects.select_for_update().filter(pk=requester.pk).first()
        if _filed_today(requester, now) >= REQUESTS_PER_DAY:
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
        _store(ticket, None, requester, cleaned)
        _event(ticket, "created", actor=requester)
        ticket_route(ticket)
    return ticket


def _filed_today(requester: User, now: dt.datetime) -> int:
    since = now - dt.timedelta(days=1)
    return Ticket.objects.filter(requester=requester, created_at__gt=since).count()


def _locked(ticket: Ticket) -> Ticket:
    return Ticket.objects.select_for_update().get(pk=ticket.pk)


@transaction.atomic
def ticket_take(*, ticket: Ticket, mentor: User) -> Ticket:
    """A mentor with the skill takes a queued request."""
    ticket = _locked(ticket)
    if mentor.pk == ticket.requester_id:
        raise DeskError(ERROR_OWN_REQUEST)
    _require_skill(mentor, ticket)
    if ticket.state != T.QUEUED:
        raise DeskError(ERROR_TAKEN)
    now = timezone.now()
    _assign(ticket, mentor, now, actor=mentor)
    ticket.touched_at = now
    ticket.save()
    return ticket


def _require_skill(mentor: User, ticket: Ticket) -> None:
    """The person may take (or be given) the request: a mentor with its kind's skill."""
    name = mentor.get_full_name() or mentor.username
    if mentor.pk == ticket.requester_id:
        raise DeskError(ERROR_TO_REQUESTER % {"name": name})
    if not access.can_take(mentor, ticket):
        raise DeskError(ERROR_SKILL % {"name": name, "kind": Kind(ticket.kind).label.lower()})


def _require_worker(user: User, ticket: Ticket) -> None:
    """The person may work on the request: its assignee or the team lead (see access)."""
    if user.pk == ticket.requester_id:
        raise DeskError(ERROR_OWN_REQUEST)
    if not access.can_work(user, ticket):
        raise DeskError(ERROR_NOT_ASSIGNED)


@transaction.atomic
def ticket_pick_up(*, ticket: Ticket, mentor: User) -> Ticket:
    """The assignee says they are on it: the request no longer returns to the queue."""
    ticket = _locked(ticket)
    if ticket.state == T.RESOLVED:
        raise DeskError(ERROR_CLOSED)
    if ticket.assignee_id != mentor.pk:
        raise DeskError(ERROR_NOT_ASSIGNED)
    if ticket.touched_at is None:
        ticket.touched_at = timezone.now()
        ticket.save(update_fields=["touched_at", "updated_at"])
    return ticket


@transaction.atomic
def ticket_reassign(*, ticket: Ticket, to_user: User, actor: User, reason: str) -> Ticket:
    reason = clean_text(reason, max_length=300).strip()
    if not reason:
        raise DeskError(ERROR_REASON)
    ticket = _locked(ticket)
    _require_worker(actor, ticket)
    if ticket.state == T.RESOLVED:
        raise DeskError(ERROR_CLOSED)
    _require_skill(to_user, ticket)
    _assign(ticket, to_user, timezone.now(), actor=actor, reason=reason)
    ticket.save()
    return ticket


# --- the thread -----------------------------------------------------------------------------


def ticket_reply(
    *,
    ticket: Ticket,
    author: User,
    body: str,
    internal: bool = False,
    files=None,
    then_wait: bool = False,
) -> Message:
    """Add to the thread. Employees write public messages only; mentors may add internal
    notes, which the employee never sees, and may then wait for the employee (a public
    reply only: the same transaction, so a refused wait stores nothing)."""
    body = clean_text(body, max_length=10_000).strip()
    cleaned = _clean_attachments(files)
    if not body and not cleaned:
        raise DeskError(ERROR_EMPTY)
    if then_wait and internal:
        raise DeskError(ERROR_WAIT_FIRST)
    now = timezone.now()
    with transaction.atomic():
        ticket = _locked(ticket)
        if ticket.state == T.RESOLVED:
            raise DeskError(ERROR_CLOSED)
        from_requester = author.pk == ticket.requester_id
        if not from_requester:
            _require_worker(author, ticket)
        internal = internal and not from_requester
        message = Message.objects.create(ticket=ticket, author=author, body=body, internal=internal)
        _store(ticket, message, author, cleaned)
        if from_requester:
            if ticket.state == T.WAITING:
                clock_resume(ticket, now)
                ticket.state = T.ASSIGNED if ticket.assignee_id else T.QUEUED
                _event(ticket, "answered", actor=author)
            ticket.save()
            if ticket.assignee_id:
                _tell(
                    ticket.assignee,
                    kind="ticket_reply",
                    key=f"ticket:{ticket.pk}:message:{message.pk}",
                    subject=lazy_text(_("New reply on: %(subject)s"), subject=ticket.subject),
                    link=f"/desk/{ticket.pk}/",
                    ticket=ticket,
                )
            return message
        ticket.touched_at = now
        if not internal:
            if ticket.first_response_at is None:
                ticket.first_response_at = now
                # A miss the sweep already recorded stays a miss.
                ticket.response_breached = ticket.response_breached or bool(
                    ticket.response_due_at and now > ticket.response_due_at
                )
                ticket.response_due_at = ticket.response_warn_at = None
            _tell(
                ticket.requester,
                kind="ticket_reply",
                key=f"ticket:{ticket.pk}:message:{message.pk}",
                subject=lazy_text(_("Your mentor replied: %(subject)s"), subject=ticket.subject),
                body=body[:300],
                link=f"/help/{ticket.pk}/",
            )
        ticket.save()
        if then_wait:
            _wait(ticket, author)
    return message


@transaction.atomic
def ticket_wait(*, ticket: Ticket, mentor: User) -> Ticket:
    """Waiting on the employee: the SLA clock pauses until they answer."""
    ticket = _locked(ticket)
    _require_worker(mentor, ticket)
    _wait(ticket, mentor)
    return ticket


def _wait(ticket: Ticket, mentor: User) -> None:
    """Pause a locked ticket for the employee; only when the last public word in the thread
    is the desk's (a question or an answer the employee has not replied to yet), so the
    first-response clock cannot be paused before anyone answered."""
    if ticket.state != T.ASSIGNED:
        raise DeskError(
            {
                T.RESOLVED: ERROR_CLOSED,
                T.WAITING: ERROR_ALREADY_WAITING,
                T.QUEUED: ERROR_QUEUED,
            }[ticket.state]
        )
    last_public = (
        ticket.messages.filter(internal=False)
        .order_by("-created_at", "-pk")
        .values_list("author_id", flat=True)
        .first()
    )
    if ticket.first_response_at is None or last_public in (None, ticket.requester_id):
        raise DeskError(ERROR_WAIT_FIRST)
    now = timezone.now()
    clock_pause(ticket, now)
    ticket.state = T.WAITING
    ticket.touched_at = now
    ticket.save()
    _event(ticket, "waiting", actor=mentor)


@transaction.atomic
def ticket_resolve(*, ticket: Ticket, by: User) -> Ticket:
    """Close the request (the employee when helped, or the mentor)."""
    ticket = _locked(ticket)
    if ticket.state == T.RESOLVED:
        raise DeskError(ERROR_CLOSED)
    if by.pk != ticket.requester_id:
        _require_worker(by, ticket)
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
    _event(ticket, "resolved", actor=by)
    return ticket


def reopen_refusal(ticket: Ticket, *, now: dt.datetime | None = None):
    """Why the employee cannot reopen the closed request now, or None when they can."""
    now = now or timezone.now()
    if ticket.state != T.RESOLVED or ticket.resolved_at < now - REOPEN_WITHIN:
        return ERROR_REOPEN
    if ticket.events.filter(action="reopened").count() >= MAX_REOPENS:
        return ERROR_REOPEN_LIMIT
    return None


@transaction.atomic
def ticket_reopen(*, ticket: Ticket, user: User) -> Ticket:
    ticket = _locked(ticket)
    if user.pk != ticket.requester_id:
        raise DeskError(ERROR_NOT_YOURS)
    refusal = reopen_refusal(ticket)
    if refusal is not None:
        raise DeskError(refusal)
    now = timezone.now()
    ticket.resolved_at = None
    ticket.open_since = now
    ticket.state = T.ASSIGNED if ticket.assignee_id else T.QUEUED
    target = target_for(ticket.kind)
    _set_clock(ticket, now, response=0, resolution=target.resolution_minutes)
    # A fresh resolution target: judged again when it is closed again.
    ticket.resolution_warned = ticket.resolution_escalated = False
    ticket.resolution_breached = False
    ticket.save()
    _event(ticket, "reopened", actor=user)
    if ticket.state == T.QUEUED:
        ticket_route(ticket)
    return ticket


@transaction.atomic
def ticket_rate(*, ticket: Ticket, user: User, satisfaction, comment: str = "") -> Rating:
    ticket = _locked(ticket)
    if user.pk != ticket.requester_id:
        raise DeskError(ERROR_NOT_YOURS)
    if ticket.state != T.RESOLVED:
        raise DeskError(ERROR_NOT_CLOSED)
    try:
        score = int(satisfaction)
    except (TypeError, ValueError) as error:
        raise DeskError(ERROR_RATING) from error
    if not 1 <= score <= 5:
        raise DeskError(ERROR_RATING)
    rating, _created = Rating.objects.update_or_create(
        ticket=ticket,
        defaults={"satisfaction": score, "comment": clean_text(comment, max_length=2000).strip()},
    )
    return rating


@transaction.atomic
def draft_add(*, ticket: Ticket, mentor: User, text: str) -> Draft:
    """A ghostwritten or edited text returned to the employee as a draft."""
    text = clean_text(text, max_length=20_000).strip()
    if not text:
        raise DeskError(ERROR_EMPTY)
    ticket = _locked(ticket)
    _require_worker(mentor, ticket)
    if ticket.state == T.RESOLVED:
        raise DeskError(ERROR_CLOSED)
    draft = Draft.objects.create(ticket=ticket, author=mentor, text=text)
    ticket.touched_at = timezone.now()
    ticket.save(update_fields=["touched_at", "updated_at"])
    _tell(
        ticket.requester,
        kind="ticket_draft",
        key=f"ticket:{ticket.pk}:draft:{draft.pk}",
        subject=lazy_text(_("A draft for you: %(subject)s"), subject=ticket.subject),
        link=f"/help/{ticket.pk}/",
    )
    return draft


# --- the periodic sweep ---------------------------------------------------------------------


def sla_sweep(*, now: dt.datetime | None = None) -> dict:
    """Warn at 75% of a target, escalate on breach (once each), return untouched tickets."""
    now = now or timezone.now()
    counts = {"warned": 0, "escalated": 0, "returned": 0}
    open_states = [T.QUEUED, T.ASSIGNED]
    for field in ("response", "resolution"):
        warn = Ticket.objects.filter(
            state__in=open_states, **{f"{field}_warn_at__lte": now, f"{field}_warned": False}
        ).select_related("assignee")
        for ticket in list(warn):
            if Ticket.objects.filter(pk=ticket.pk, **{f"{field}_warned": False}).update(
                **{f"{field}_warned": True}
            ):
                for person in [ticket.assignee] if ticket.assignee else list(_team_leads(ticket)):
                    _tell(
                        person,
                        kind="sla_warning",
                        key=f"ticket:{ticket.pk}:{field}:warned:{person.pk}",
                        subject=lazy_text(_("Due soon: %(subject)s"), subject=ticket.subject),
                        link=f"/desk/{ticket.pk}/",
                        ticket=ticket,
                    )
                counts["warned"] += 1
        breach = Ticket.objects.filter(
            state__in=open_states, **{f"{field}_due_at__lte": now, f"{field}_escalated": False}
        )
        for ticket in list(breach):
            if Ticket.objects.filter(pk=ticket.pk, **{f"{field}_escalated": False}).update(
                **{f"{field}_escalated": True, f"{field}_breached": True}
            ):
                for lead in _team_leads(ticket):
                    _tell(
                        lead,
                        kind="sla_breach",
                        key=f"ticket:{ticket.pk}:{field}:escalated:{lead.pk}",
                        subject=lazy_text(_("Target missed: %(subject)s"), subject=ticket.subject),
                        link=f"/desk/{ticket.pk}/",
                        ticket=ticket,
                    )
                _event(ticket, f"escalated_{field}")
                counts["escalated"] += 1
    counts["returned"] = tickets_return_untouched(now=now)
    return counts


def tickets_return_untouched(*, now: dt.datetime | None = None) -> int:
    """A ticket its mentor did not open within the pick-up time goes to someone else."""
    now = now or timezone.now()
    returned = 0
    candidates = Ticket.objects.filter(state=T.ASSIGNED, touched_at__isnull=True).select_related(
        "assignee"
    )
    for ticket in list(candidates):
        target = target_for(ticket.kind)
        if ticket.assigned_at + dt.timedelta(minutes=target.pickup_minutes) > now:
            continue
        with transaction.atomic():
            locked = _locked(ticket)
            if locked.state != T.ASSIGNED or locked.touched_at is not None:
                continue
            _requeue(locked, "returned")
        returned += 1
    return returned


def _requeue(ticket: Ticket, action: str) -> None:
    """Back to the queue (the clock running again), then routed to anyone but the last
    mentor; `ticket` is locked by the caller."""
    previous = ticket.assignee_id
    clock_resume(ticket, timezone.now())
    ticket.assignee = None
    ticket.state = T.QUEUED
    ticket.save()
    _event(ticket, action)
    ticket_route(ticket, exclude={previous})


@transaction.atomic
def ticket_keep(*, ticket: Ticket, mentor: User, reason: str) -> Ticket:
    """Mark (or with an empty reason, unmark) a request whose content the law says to keep."""
    ticket = _locked(ticket)
    _require_worker(mentor, ticket)
    reason = clean_text(reason, max_length=300).strip()
    if reason == ticket.keep_reason:
        return ticket
    ticket.keep_reason = reason
    ticket.save(update_fields=["keep_reason", "updated_at"])
    _event(ticket, "kept" if reason else "not_kept", actor=mentor, reason=reason)
    record(
        ticket,
        "academy.ticket_keep",
        user=mentor,
        title=_ticket_title(ticket),
        person=ticket.requester,
        reason=reason,
    )
    return ticket


@transaction.atomic
def tickets_release(*, mentor: User) -> int:
    """The mentor's open requests go back to the queue and are routed to someone else."""
    released = 0
    for ticket in list(Ticket.objects.filter(assignee=mentor, state__in=[T.ASSIGNED, T.WAITING])):
        locked = _locked(ticket)
        if locked.assignee_id == mentor.pk and locked.state in (T.ASSIGNED, T.WAITING):
            _requeue(locked, "released")
            released += 1
    return released


def ticket_erase_content(ticket: Ticket) -> None:
    """The requester erased their account: close the request and remove what it said.
    The request itself stays (kind, times, SLA results) so the desk figures stay true."""
    from ambassadors.erasure import delete_files_on_commit

    ticket = _locked(ticket)
    if ticket.state != T.RESOLVED:
        ticket = ticket_resolve(ticket=ticket, by=ticket.requester)
    attachments = list(ticket.attachments.all())
    delete_files_on_commit([attachment.file for attachment in attachments])
    Attachment.objects.filter(ticket=ticket).delete()
    ticket.messages.all().delete()
    ticket.drafts.all().delete()
    Rating.objects.filter(ticket=ticket).update(comment="")
    ticket.events.update(reason="")
    ticket.subject = "—"
    ticket.body = ""
    ticket.details = {}
    ticket.network = ""
    ticket.save()
    _event(ticket, "erased")
