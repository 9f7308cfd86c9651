"""The apps' named signals as webhook events: each receiver writes outbox rows (in the
sender's transaction) and nothing more, so a request is never held up by a receiver.

Nothing is told about a person who has not consented: only people taking part (active or
paused) are events; `person.joined` is the consent itself, and `person.left` follows it.
Each event's key names the object (and, for what can happen again, the moment), so a signal
sent twice makes one delivery.
"""

from __future__ import annotations

from ambassadors.signals import person_joined, person_left
from courses.signals import course_completed
from guidelines.signals import guideline_acknowledged
from mentors.signals import request_resolved
from missions.signals import assignment_approved

from ..receiving import guarded
from ..receiving import taking_part as _taking_part
from .services import reference, webhook_event


@guarded
def on_person_joined(sender, ambassador, first_time=False, **kwargs):
    webhook_event(
        event="person.joined",
        key=f"{ambassador.user_id}:{ambassador.consented_at.isoformat()}",
        occurred_at=ambassador.consented_at,
        data={"person": reference("person", ambassador.user_id), "first_time": bool(first_time)},
    )


@guarded
def on_person_left(sender, ambassador, **kwargs):
    if ambassador.consented_at is None:
        return
    moment = ambassador.status_changed_at
    webhook_event(
        event="person.left",
        key=f"{ambassador.user_id}:{moment.isoformat()}",
        occurred_at=moment,
        data={"person": reference("person", ambassador.user_id)},
    )


@guarded
def on_course_completed(sender, user, course, enrolment, **kwargs):
    if not _taking_part(user.pk):
        return
    webhook_event(
        event="course.completed",
        key=str(enrolment.pk),
        occurred_at=enrolment.completed_at,
        data={
            "person": reference("person", user.pk),
            "course": reference("course", enrolment.course_key),
            "completion": reference("completion", enrolment.pk),
        },
    )


@guarded
def on_guideline_acknowledged(sender, user, acknowledgement, **kwargs):
    if not _taking_part(user.pk):
        return
    webhook_event(
        event="guideline.acknowledged",
        key=str(acknowledgement.pk),
        occurred_at=acknowledgement.acknowledged_at,
        data={
            "person": reference("person", user.pk),
            "guideline": reference("guideline", acknowledgement.translation_key),
            "version": acknowledgement.version,
            "acknowledgement": reference("acknowledgement", acknowledgement.pk),
        },
    )


@guarded
def on_assignment_approved(sender, assignment, **kwargs):
    if not _taking_part(assignment.user_id):
        return
    webhook_event(
        event="mission.approved",
        key=str(assignment.pk),
        occurred_at=assignment.reviewed_at,
        data={
            "person": reference("person", assignment.user_id),
            "mission": reference("mission", assignment.mission_id),
            "assignment": reference("assignment", assignment.pk),
        },
    )


@guarded
def on_request_resolved(sender, ticket, by=None, **kwargs):
    if not _taking_part(ticket.requester_id):
        return
    # A request can be reopened and resolved again: each resolution is an event.
    webhook_event(
        event="request.resolved",
        key=f"{ticket.pk}:{ticket.resolved_at.isoformat()}",
        occurred_at=ticket.resolved_at,
        data={
            "person": reference("person", ticket.requester_id),
            "request": reference("request", ticket.pk),
        },
    )


RECEIVERS = (
    (person_joined, on_person_joined),
    (person_left, on_person_left),
    (course_completed, on_course_completed),
    (guideline_acknowledged, on_guideline_acknowledged),
    (assignment_approved, on_assignment_approved),
    (request_resolved, on_request_resolved),
)


def connect() -> None:
    """Called from IntegrationsConfig.ready()."""
    from . import personal_data  # noqa: F401  (registers the eraser)

    for signal, receiver in RECEIVERS:
        signal.connect(receiver, dispatch_uid=f"integrations.webhooks.{receiver.__name__}")
