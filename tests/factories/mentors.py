"""The mentor desk: mentors with skills, requests of each kind, canned responses, holidays."""

from __future__ import annotations

import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from factory.django import DjangoModelFactory
from PIL import Image

from ambassadors.roles import Role
from mentors import services
from mentors.models import CannedResponse, Holiday, Kind, MentorProfile, Ticket

from .ambassadors import UserFactory, make_user


class MentorProfileFactory(DjangoModelFactory):
    """A mentor's desk profile: questions only, capacity 5 (a new mentor unless `user`)."""

    class Meta:
        model = MentorProfile

    user = factory.LazyFunction(lambda: make_user(Role.EMPLOYEE, Role.MENTOR, language="en"))
    capacity = 5


def make_mentor(*kinds, capacity=5, lead=False, **fields):
    """A mentor with these skills; their pages are in English so tests can read them."""
    user = make_user(Role.EMPLOYEE, Role.MENTOR, language="en")
    skills = {f"handles_{kind}": kind in kinds for kind in Kind.values}
    MentorProfileFactory(user=user, capacity=capacity, is_team_lead=lead, **skills, **fields)
    return user


def file_request(requester=None, kind=Kind.QUESTION, **fields) -> Ticket:
    """A request filed through the desk's service (checked, stored and routed)."""
    requester = requester or make_user(Role.EMPLOYEE)
    fields.setdefault("subject", "How do I answer a critical comment?")
    fields.setdefault("body", "Someone asked about our prices under my post.")
    if kind == Kind.MEDIATION:
        fields.setdefault("details", {"link": "https://www.linkedin.example/posts/1"})
    return services.ticket_create(requester=requester, kind=kind, **fields)


class TicketFactory(DjangoModelFactory):
    """A request row as stored, not routed (file_request goes through the service):
    queued unless `state`; for figures and lists."""

    class Meta:
        model = Ticket

    kind = Kind.QUESTION
    requester = factory.SubFactory(UserFactory)
    subject = "How do I answer a critical comment?"
    body = "Someone asked about our prices under my post."
    state = Ticket.State.QUEUED
    # Open requests have `open_since`; a closed one (state RESOLVED) has none.
    open_since = factory.LazyAttribute(
        lambda ticket: None if ticket.state == Ticket.State.RESOLVED else timezone.now()
    )


class CannedResponseFactory(DjangoModelFactory):
    class Meta:
        model = CannedResponse

    title = factory.Sequence(lambda n: f"Answer {n + 1}")
    body = "Thank you for asking."


class HolidayFactory(DjangoModelFactory):
    class Meta:
        model = Holiday
        django_get_or_create = ("date",)

    name = "Holiday"


def png_file(name="photo.png", size=(30, 20)) -> SimpleUploadedFile:
    output = io.BytesIO()
    Image.new("RGB", size, "teal").save(output, format="PNG")
    return SimpleUploadedFile(name, output.getvalue(), content_type="image/png")


def desk_read_anew() -> None:
    """Between two views of a desk page: the page reads its data anew (the keep's version
    moves), and the tally's "anything behind?" probe counts as done for this window and the
    next, so a query count does not depend on whether a 30-second window turned meanwhile
    (on a loaded machine, making 1,000 requests can take that long)."""
    from django.core.cache import cache

    from mentors import kept, tally

    kept.moved()
    window = int(timezone.now().timestamp() // tally.CHECK_EVERY)
    for each in (window, window + 1):
        cache.set(f"mentors:tally:checked:{each}", True, tally.CHECK_EVERY * 3)
