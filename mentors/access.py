"""Who may open and who may work on a request on the desk: one rule for every view, list,
download and service.

Coaching and mediation are personal, so a request is open on the desk to
- its assignee,
- a mentor who handles its kind, while it waits in the queue (to take it), and
- the team lead.
Working on it (reply, internal note, draft, waiting, closing, keeping by law, handing it
over) is for its assignee and the team lead; anyone else with the skill takes it first.
Only people in the Mentors group count as mentors, whatever profile they have, and nobody
works on their own request on the desk: they see it on their help pages, like any employee.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Q

from ambassadors import personal
from ambassadors.roles import Role, is_mentor

from .models import Kind, MentorProfile, Ticket


@dataclass(frozen=True)
class DeskRole:
    """What a person is on the desk: read once per request and kept on the user object."""

    user_id: int | None
    mentor: bool
    lead: bool
    skills: frozenset[str]

    def handles(self, kind: str) -> bool:
        return self.mentor and kind in self.skills


NOBODY = DeskRole(user_id=None, mentor=False, lead=False, skills=frozenset())


def desk_role(user) -> DeskRole:
    """The person's desk role: a mentor only in the Mentors group, skills from the profile."""
    if user is None or not user.is_authenticated or not user.is_active or not is_mentor(user):
        return NOBODY
    cached = getattr(user, "_desk_role", None)
    if cached is None:

        def compute():
            profile = MentorProfile.objects.filter(user=user).first()
            role = DeskRole(
                user_id=user.pk,
                mentor=True,
                lead=bool(profile and profile.is_team_lead),
                skills=frozenset(k for k in Kind.values if profile and profile.handles(k)),
            )
            return role, None

        # From the person's page data: forgotten when their profile (mentors.apps) or their
        # groups (ambassadors.frame) change.
        cached = user._desk_role = personal.cached(user.pk, "desk-role", compute)
    return cached


def forget(user) -> None:
    """Drop the cached role (after the person's profile or groups changed)."""
    if hasattr(user, "_desk_role"):
        del user._desk_role


def open_to_q(user) -> Q:
    """The requests `user` may open on the desk, as a filter (indexed columns only)."""
    role = desk_role(user)
    if not role.mentor:
        return Q(pk__in=[])
    not_own = ~Q(requester_id=role.user_id)
    if role.lead:
        return not_own
    queued = Q(state=Ticket.State.QUEUED, kind__in=sorted(role.skills))
    return (Q(assignee_id=role.user_id) | queued) & not_own


def can_open(user, ticket: Ticket) -> bool:
    """Whether `user` may open the request on the desk, internal notes included."""
    role = desk_role(user)
    if not role.mentor or ticket.requester_id == role.user_id:
        return False
    return (
        role.lead
        or ticket.assignee_id == role.user_id
        or (ticket.state == Ticket.State.QUEUED and role.handles(ticket.kind))
    )


def can_work(user, ticket: Ticket) -> bool:
    """Whether `user` may reply, draft, pause, close, keep or hand over the request."""
    role = desk_role(user)
    if not role.mentor or ticket.requester_id == role.user_id:
        return False
    return role.lead or ticket.assignee_id == role.user_id


def can_take(user, ticket: Ticket) -> bool:
    """Whether `user` may take the request from the queue (or be given it)."""
    role = desk_role(user)
    return role.handles(ticket.kind) and ticket.requester_id != role.user_id


def can_download(user, attachment) -> bool:
    """Whether `user` may download an attachment: the request's author (not those on
    internal notes), or someone who may open the request on the desk."""
    ticket = attachment.ticket
    on_note = attachment.message is not None and attachment.message.internal
    own = user.is_authenticated and ticket.requester_id == user.pk and not on_note
    return own or can_open(user, ticket)


def mentors_q() -> Q:
    """Users who are mentors (for routing and hand-over): active and in the Mentors group."""
    return Q(is_active=True, groups__name=Role.MENTOR.value)


def team_leads():
    """Team leads who can open the desk."""
    return User.objects.filter(mentors_q(), mentor_profile__is_team_lead=True).distinct()
