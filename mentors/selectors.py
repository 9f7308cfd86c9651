"""Read-only queries for the desk: the queue, figures and the readable diff of an edit."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import (
    Exists,
    F,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.utils import timezone
from django.utils.translation import gettext

from core.numbers import parse_int

from . import access, kept, tally
from .models import (
    Attachment,
    CannedResponse,
    DeskTally,
    Draft,
    Kind,
    MentorProfile,
    SlaTarget,
    Ticket,
)
from .tally import Totals

T = Ticket.State
VIEWS = ("mine", "unassigned", "soon", "breached", "all")
# A closed request may be reopened by its employee within two weeks, twice at most: then a
# new request starts a fresh thread (and close and reopen cannot cycle for ever).
REOPEN_WITHIN = dt.timedelta(days=14)
MAX_REOPENS = 2
# Used when comms staff have not set targets for a kind (minutes; mediation around the clock).
DEFAULT_TARGETS = {
    Kind.QUESTION: (8 * 60, 3 * 8 * 60, 120, True),
    Kind.COACHING: (8 * 60, 10 * 8 * 60, 240, True),
    Kind.GHOSTWRITING: (8 * 60, 5 * 8 * 60, 240, True),
    Kind.EDITING: (8 * 60, 3 * 8 * 60, 240, True),
    Kind.MEDIATION: (60, 24 * 60, 15, False),
}


def target_for(kind: str) -> SlaTarget:
    """The SLA targets of a kind: set by comms staff, else the defaults (unsaved).
    (Positional as well: the demo seeder calls `target_for(kind)`.)"""
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


def mentors_for(
    *, kind: str, now: dt.datetime | None = None, available_only: bool = False
) -> QuerySet[MentorProfile]:
    """Profiles of mentors (see `access.mentors_q`) with the skill for `kind`, annotated with
    the number of requests each holds (`open_count`); with `available_only`, only those not
    away at `now` and with room under their capacity (routing)."""
    in_group = User.objects.filter(access.mentors_q()).values("pk")
    mentors = (
        MentorProfile.objects.filter(**{f"handles_{kind}": True}, user__in=in_group)
        .with_open_count()
        .select_related("user")
    )
    if available_only:
        now = now or timezone.now()
        mentors = mentors.present(now).filter(capacity__gt=0, open_count__lt=F("capacity"))
    return mentors


def available_mentors(kind: str, now: dt.datetime | None = None, *, with_room: bool = True):
    """Mentors with the skill who are not away; with room left under their capacity."""
    now = now or timezone.now()
    if with_room:
        return mentors_for(kind=kind, now=now, available_only=True)
    return mentors_for(kind=kind).present(now)


def handover_candidates(*, ticket: Ticket) -> QuerySet[MentorProfile]:
    """Who the request can be handed over to: mentors with its skill but its assignee and
    its requester, each with their load."""
    return mentors_for(kind=ticket.kind).exclude(
        user__in=[pk for pk in (ticket.assignee_id, ticket.requester_id) if pk]
    )


def reopen_refusal(*, ticket: Ticket, now: dt.datetime | None = None):
    """Why the employee cannot reopen the closed request now (a message), or None."""
    from .services.errors import ERROR_NOT_CLOSED_YET, ERROR_REOPEN, ERROR_REOPEN_LIMIT

    now = now or timezone.now()
    if ticket.state != T.RESOLVED:
        return ERROR_NOT_CLOSED_YET
    if ticket.resolved_at < now - REOPEN_WITHIN:
        return ERROR_REOPEN
    if ticket.events.filter(action="reopened").count() >= MAX_REOPENS:
        return ERROR_REOPEN_LIMIT
    return None


def filed_since(*, requester, since: dt.datetime) -> int:
    """How many requests `requester` filed after `since`."""
    return Ticket.objects.filed_by(requester).filter(created_at__gt=since).count()


def own_tickets(*, user) -> QuerySet[Ticket]:
    """The requests `user` filed, newest first (their help page)."""
    return Ticket.objects.filed_by(user).select_related("assignee").order_by("-created_at")


def visible_attachments(*, ticket: Ticket) -> QuerySet[Attachment]:
    """The attachments the requester sees: not those on internal notes."""
    return ticket.attachments.filter(Q(message__isnull=True) | Q(message__internal=False)).order_by(
        "created_at"
    )


def canned_for(*, kind: str) -> QuerySet[CannedResponse]:
    """Canned responses for requests of `kind` and for every kind."""
    return CannedResponse.objects.filter(Q(kind="") | Q(kind=kind))


def urgent_untaken(*, user, limit: int = 2) -> list[Ticket]:
    """Urgent requests nobody has taken that `user` may take, oldest first, in one query
    (empty unless their profile handles mediation, checked in the same query): the banner
    on every page and the desk's "Urgent" group. Never their own request.

    Read once per request: kept on the user object, so the banner reuses the desk's list;
    and kept between requests under the desk's version (`mentors.kept`)."""
    if not user.is_authenticated:
        return []
    memo = getattr(user, "_academy_urgent", None)
    if memo is not None and (memo[0] >= limit or len(memo[1]) < memo[0]):
        return memo[1][:limit]
    found = kept.cached(user, f"urgent:{limit}", lambda: _urgent_untaken(user, limit))
    user._academy_urgent = (limit, found)
    return found


def _urgent_untaken(user, limit: int) -> list[Ticket]:
    handles = MentorProfile.objects.filter(user_id=user.pk, handles_mediation=True)
    return list(
        Ticket.objects.urgent_untaken()
        .filter(Exists(handles))
        .exclude(requester_id=user.pk)
        .select_related("requester")
        .only(
            "pk",
            "subject",
            "kind",
            "state",
            "assignee_id",
            "open_since",
            "created_at",
            "response_due_at",
            "resolution_due_at",
            "requester__first_name",
            "requester__last_name",
            "requester__username",
        )
        .order_by("open_since", "pk")[:limit]
    )


def queue(*, user, view: str, kind: str = "", now: dt.datetime | None = None) -> QuerySet[Ticket]:
    """One tab of the desk's queue, holding only what `user` may open; every filter is an
    indexed column, never a per-row check."""
    now = now or timezone.now()
    tickets = Ticket.objects.open().filter(access.open_to_q(user))
    if view == "mine":
        tickets = tickets.filter(assignee=user)
    elif view == "unassigned":
        # Read in order from the (assignee, open_since) index: no sort, however many.
        tickets = tickets.filter(assignee__isnull=True)
    elif view == "soon":
        tickets = tickets.filter(_soon(now))
    elif view == "breached":
        tickets = tickets.filter(overdue(now))
    if kind in Kind.values:
        tickets = tickets.filter(kind=kind)
    return (
        tickets.select_related("requester", "assignee")
        .defer("body", "details")
        .order_by("open_since", "pk")
    )


PAGE_SIZE = 25


@dataclass
class QueuePage:
    """One page of a tab, read by keyset (after the last row shown), never counted."""

    tickets: list[Ticket]
    next_after: str  # the cursor of the next page, "" on the last
    first: bool


def queue_page(
    *, user, view: str, kind: str = "", after: str = "", size: int = PAGE_SIZE
) -> QueuePage:
    """A page of `queue` after the cursor `after` ("<open_since µs>.<pk>" of the last row
    shown; empty or odd: the first page): one query that reads `size + 1` rows in the
    order of an index, however long the queue."""
    tickets = queue(user=user, view=view, kind=kind)
    cursor = _cursor(after)
    if cursor is not None:
        since, pk = cursor
        tickets = tickets.filter(Q(open_since__gt=since) | Q(open_since=since, pk__gt=pk))
    rows = list(tickets[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    next_after = ""
    if more:
        last = rows[-1]
        micros = (last.open_since - EPOCH) // dt.timedelta(microseconds=1)
        next_after = f"{micros}.{last.pk}"
    return QueuePage(tickets=rows, next_after=next_after, first=cursor is None)


EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def cursor_text(after: str) -> str:
    """`after` if it is a cursor `queue_page` reads, else "" (the first page)."""
    return after[:40] if _cursor(after) is not None else ""


def _cursor(after: str):
    micros, _, pk = (after or "")[:40].partition(".")
    pk = parse_int(pk, minimum=1)
    if pk is None or not (micros.isascii() and micros.isdecimal() and len(micros) <= 17):
        return None
    return EPOCH + dt.timedelta(microseconds=int(micros)), pk


def response_overdue(now) -> Q:
    """Open and unanswered past the first-response target (due moments exist only while a
    request is open and not waiting on the employee)."""
    return Q(response_due_at__lte=now)


def resolution_overdue(now) -> Q:
    """Open past the resolution target."""
    return Q(resolution_due_at__lte=now)


def _soon(now):
    return Q(response_warn_at__lte=now, response_due_at__gt=now) | Q(
        resolution_warn_at__lte=now, resolution_due_at__gt=now
    )


def overdue(now) -> Q:
    """Open past either target: the desk's "Breached" tab, and what insights counts as late."""
    return response_overdue(now) | resolution_overdue(now)


def queue_counts(*, user, now: dt.datetime | None = None) -> dict[str, int]:
    """The number in each tab, from the desk's tally (`mentors.tally`): one aggregate over
    its few rows, less the person's own open requests (never on their desk; one query
    over their own requests). "Breaching soon" and "Breached" read the SLA marks, brought
    up to date first (one query when none is behind; see `tally.phases_advance`)."""
    role = access.desk_role(user)
    names = ("mine", "unassigned", "soon", "breached", "all")
    if not role.mentor:
        return dict.fromkeys(names, 0)
    tally.phases_advance(now=now, check=True)
    late = Q(past_response_due=True) | Q(past_resolution_due=True)
    soon = Q(past_response_warn=True, past_response_due=False) | Q(
        past_resolution_warn=True, past_resolution_due=False
    )
    queued = Q(state=T.QUEUED)
    visible = Q() if role.lead else Q(assignee=user.pk) | (queued & Q(kind__in=role.skills))

    def sums(field: str, mine_q: Q) -> dict:
        return {
            "mine": Sum(field, filter=mine_q),
            "unassigned": Sum(field, filter=queued),
            "soon": Sum(field, filter=soon),
            "breached": Sum(field, filter=late),
            "all": Sum(field),
        }

    totals = DeskTally.objects.filter(visible, state__in=Ticket.OPEN_STATES).aggregate(
        **sums("tickets", Q(assignee=user.pk))
    )
    own = {}
    theirs = Ticket.objects.open().filter(requester_id=user.pk)
    # Whether they have any open request at all: read from an index alone, so a planner
    # never scans the backlog for the (rare) mentor who asked for help themselves.
    if theirs.exists():
        own_visible = Q() if role.lead else queued & Q(kind__in=role.skills)
        own = (
            theirs.filter(own_visible)
            .annotate(one=Value(1))
            .aggregate(**sums("one", Q(assignee_id=user.pk)))
        )
    return {name: (totals[name] or 0) - (own.get(name) or 0) for name in names}


@dataclass
class Figures:
    label: str
    requests: int
    first_response: dt.timedelta | None
    resolution: dt.timedelta | None
    response_met: float | None
    resolution_met: float | None
    satisfaction: float | None
    ratings: int
    overdue: int = 0


def figures(*, group_by: str, mentor=None, now: dt.datetime | None = None) -> list[Figures]:
    """First-response and resolution times, SLA attainment and satisfaction per kind or
    per mentor (optionally for one mentor only), from the desk's tally: its few rows, never
    the requests themselves (`mentors.tally`).

    "In time" is of the targets already decided: answered or closed in time, against those
    answered or closed late plus those still open past their target (as on the desk's
    "Breached" tab), so an open request over time is never left out
    of the rate."""
    tally.phases_advance(now=now, check=True)
    rows = DeskTally.objects.filter(tickets__gt=0)
    if mentor is not None:
        rows = rows.filter(assignee=mentor.pk)
    by_kind = group_by == "kind"
    groups: dict = {}
    for row in rows:
        groups.setdefault(row.kind if by_kind else row.assignee, Totals()).add(row)
    names = {}
    if not by_kind:
        names = {
            person.pk: person.get_full_name() or person.username
            for person in User.objects.filter(pk__in=[key for key in groups if key]).only(
                "pk", "first_name", "last_name", "username"
            )
        }
    result = []
    for key in sorted(groups):
        total = groups[key]
        if by_kind:
            label = str(Kind(key).label)
        elif key == 0:
            label = gettext("Not assigned yet")
        else:
            label = names.get(key, str(key))
        answered = total.answered + total.response_overdue
        resolved = total.resolved + total.resolution_overdue
        result.append(
            Figures(
                label=label,
                requests=total.tickets,
                first_response=_mean(total.response_seconds, total.answered),
                resolution=_mean(total.resolution_seconds, total.resolved),
                response_met=total.answered_in_time / answered if answered else None,
                resolution_met=total.resolved_in_time / resolved if resolved else None,
                satisfaction=total.satisfaction_sum / total.ratings if total.ratings else None,
                ratings=total.ratings,
                overdue=total.overdue,
            )
        )
    return result


def _mean(seconds: float, number: int) -> dt.timedelta | None:
    return dt.timedelta(seconds=seconds / number) if number else None


@dataclass
class Piece:
    kind: str  # "same", "added", "removed"
    text: str


def text_diff(original: str, edited: str) -> list[Piece]:
    """Word-level changes from the employee's draft to the mentor's edit."""
    before = re.findall(r"\S+|\s+", original or "")
    after = re.findall(r"\S+|\s+", edited or "")
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(Piece("same", "".join(before[a1:a2])))
            continue
        if op in ("delete", "replace"):
            pieces.append(Piece("removed", "".join(before[a1:a2])))
        if op in ("insert", "replace"):
            pieces.append(Piece("added", "".join(after[b1:b2])))
    return pieces


DRAFT_PREFIX = "desk-"


def draft_text(user, ref: str) -> str | None:
    """The mission seam: the text of a draft made for `user`, by reference `desk-<id>`."""
    draft_id = parse_int(ref.removeprefix(DRAFT_PREFIX), minimum=1)
    if not ref.startswith(DRAFT_PREFIX) or draft_id is None:
        return None
    draft = Draft.objects.filter(pk=draft_id, ticket__requester=user).only("text").first()
    return draft.text if draft else None


@dataclass(frozen=True)
class DraftOrigin:
    """Where a mission text came from: the kind of request, the mentor, the draft's text."""

    kind: str
    author: str
    text: str


def draft_origins(refs) -> dict[str, DraftOrigin]:
    """The mission seam for reviewers: the desk drafts behind `refs`, in one query."""
    ids = {
        ref: int(match[1])
        for ref in refs
        if (match := re.fullmatch(rf"{DRAFT_PREFIX}([0-9]{{1,18}})", ref or ""))
    }
    drafts = Draft.objects.filter(pk__in=set(ids.values())).select_related("ticket", "author")
    by_id = {draft.pk: draft for draft in drafts}
    origins = {}
    for ref, pk in ids.items():
        draft = by_id.get(pk)
        if draft is None:
            continue
        author = ""
        if draft.author is not None:
            author = draft.author.get_full_name() or draft.author.get_username()
        origins[ref] = DraftOrigin(
            kind=draft.ticket.get_kind_display(), author=author, text=draft.text
        )
    return origins
