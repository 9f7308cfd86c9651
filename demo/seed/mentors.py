"""The demo mentor desk: the mentors' skills and capacity (story.toml), holidays and canned
responses (content/mentors/desk.toml), and about forty requests of every kind and state
(content/mentors/requests.toml) — among them a breached one and a live mediation not
picked up yet.

Idempotent: mentors and settings are found by their natural keys; requests are only made
when there are none.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.utils import timezone

from mentors import services
from mentors.kept import moved
from mentors.models import CannedResponse, Holiday, Kind, MentorProfile, Ticket

from .files import content, story

ONLY_ONCE = ("live", "breached", "queued")


def seed() -> None:
    told = story()
    desk = content("mentors/desk.toml")
    mentors = _mentors(told["mentors"])
    for holiday in desk["holidays"]:
        Holiday.objects.get_or_create(date=holiday["date"], defaults={"name": holiday["name"]})
    for canned in desk["canned_responses"]:
        CannedResponse.objects.get_or_create(
            title=canned["title"], defaults={"kind": canned["kind"], "body": canned["body"]}
        )
    if Ticket.objects.exists() or not mentors:
        return
    rounds = told["desk"]
    # The requests are written in Dutch, so Dutch-speaking people file them, taken in
    # alphabetical order (the same demo on every database).
    people = list(
        User.objects.filter(
            username__in=rounds["requesters"],
            ambassador__status="active",
            ambassador__language="nl",
        ).order_by("username")
    )
    if not people:
        return
    requests = content("mentors/requests.toml")
    now = timezone.now()
    for repeat in range(rounds["rounds"]):
        for number, request in enumerate(requests["requests"]):
            if repeat and request["state"] in ONLY_ONCE:
                continue
            if repeat:
                # A later round: the same kind of request in other words.
                request = {**request, **request["again"][repeat - 1]}
            requester = people[(number + repeat * rounds["requester_step"]) % len(people)]
            hours = request["hours_ago"] + repeat * rounds["round_hours"]
            _request(
                request, requests["replies"], requester, mentors, now - dt.timedelta(hours=hours)
            )


def _mentors(people: list[dict]) -> list[User]:
    found = []
    for person in people:
        user = User.objects.filter(username=person["username"]).first()
        if user is None:
            continue
        MentorProfile.objects.get_or_create(
            user=user,
            defaults={
                **{f"handles_{kind}": kind in person["skills"] for kind in Kind.values},
                "capacity": person["capacity"],
                "is_team_lead": person["team_lead"],
            },
        )
        found.append(user)
    return found


def _request(request: dict, replies: dict, requester: User, mentors: list[User], created):
    kind, body, state = request["kind"], request["body"], request["state"]
    if state == "breached":
        # Breached by now whatever the day: over a weekend, 30 business-free hours are
        # not enough, so it goes back a day at a time until its first-response target passed.
        target = services.target_for(kind=kind)
        calendar = services.calendar_for(target=target)
        now = timezone.now()
        while calendar.add(created, target.first_response_minutes) >= now:
            created -= dt.timedelta(days=1)
    ticket = services.ticket_create(
        requester=requester,
        kind=kind,
        subject=request["subject"],
        body=body,
        details=request.get("details", {}),
        network=request["network"],
    )
    Ticket.objects.filter(pk=ticket.pk).update(created_at=created)
    ticket.refresh_from_db()
    services.clock_start(ticket=ticket, now=created)
    ticket.save()
    if state == "live":
        return  # a mediation routed to a mediator (and the team lead told), not picked up yet
    mentor = ticket.assignee
    if state == "queued":
        if mentor is not None:
            # Its mentor did not pick it up in time and nobody else has the skill: it went
            # back to the team queue (the same step the SLA sweep takes).
            Ticket.objects.filter(pk=ticket.pk).update(assigned_at=created)
            services.tickets_return_untouched()
        return
    if mentor is None:
        capable = [m for m in mentors if m.mentor_profile.handles(kind)]
        if not capable:
            return
        mentor = capable[0]
        services.ticket_take(ticket=ticket, mentor=mentor)
    if state == "breached":
        Ticket.objects.filter(pk=ticket.pk).update(touched_at=created + dt.timedelta(hours=1))
        return
    services.ticket_reply(ticket=ticket, author=mentor, body=replies["mentor_first"])
    services.ticket_reply(
        ticket=ticket, author=mentor, body=replies["mentor_internal"], internal=True
    )
    if request.get("draft"):
        text = body.replace("!!!", ".").replace("super trots", "trots")
        services.draft_add(ticket=ticket, mentor=mentor, text=f"{text} {replies['draft_ending']}")
    if state == "waiting":
        services.ticket_wait(ticket=ticket, mentor=mentor)
    elif state == "resolved":
        services.ticket_reply(ticket=ticket, author=requester, body=replies["requester_thanks"])
        services.ticket_resolve(ticket=ticket, by=requester)
        if "rating" in request:
            services.ticket_rate(
                ticket=ticket,
                user=requester,
                satisfaction=request["rating"],
                comment=replies["rating_comment"] if request["rating"] >= 4 else "",
            )
    _backdate(ticket, created)


def _backdate(ticket: Ticket, created: dt.datetime) -> None:
    """Spread the demo thread over the hours after the request was made, and judge the
    targets against those moments (the services judged them against the seeding time)."""
    ticket.refresh_from_db()
    messages = list(ticket.messages.order_by("pk"))
    step = dt.timedelta(minutes=15 + (ticket.pk * 53) % 240)
    # Never later than now: a request made two hours ago has its thread within those hours
    # (the resolution, if any, comes fourth).
    step = min(step, (timezone.now() - created) / (max(len(messages), 4) + 1))
    for position, message in enumerate(messages):
        type(message).objects.filter(pk=message.pk).update(
            created_at=created + step * (position + 1)
        )
    target = services.target_for(kind=ticket.kind)
    calendar = services.calendar_for(target=target)
    changes = {}
    if ticket.first_response_at:
        changes["first_response_at"] = created + step
        changes["response_breached"] = changes["first_response_at"] > calendar.add(
            start=created, minutes=target.first_response_minutes
        )
    if ticket.resolved_at:
        changes["resolved_at"] = created + step * 4
        changes["resolution_breached"] = changes["resolved_at"] > calendar.add(
            start=created, minutes=target.resolution_minutes
        )
    if changes:
        Ticket.objects.filter(pk=ticket.pk).update(**changes)
    moved()  # updated around the save receivers: the desk reads its requests anew
