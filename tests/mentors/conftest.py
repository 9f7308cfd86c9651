"""Builders for mentor desk tests: mentors with skills, and requests of each kind."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from ambassadors.roles import Role
from mentors import services
from mentors.models import Kind, MentorProfile
from tests.factories import make_user


def make_mentor(*kinds, capacity=5, lead=False, **fields):
    """A mentor with these skills; their pages are in English so tests can read them."""
    user = make_user(Role.EMPLOYEE, Role.MENTOR, language="en")
    skills = {f"handles_{kind}": kind in kinds for kind in Kind.values}
    MentorProfile.objects.create(
        user=user, capacity=capacity, is_team_lead=lead, **skills, **fields
    )
    return user


def file_request(requester=None, kind=Kind.QUESTION, **fields):
    requester = requester or make_user(Role.EMPLOYEE)
    fields.setdefault("subject", "How do I answer a critical comment?")
    fields.setdefault("body", "Someone asked about our prices under my post.")
    if kind == Kind.MEDIATION:
        fields.setdefault("details", {"link": "https://www.linkedin.example/posts/1"})
    return services.ticket_create(requester=requester, kind=kind, **fields)


def png_file(name="photo.png", size=(30, 20)) -> SimpleUploadedFile:
    output = io.BytesIO()
    Image.new("RGB", size, "teal").save(output, format="PNG")
    return SimpleUploadedFile(name, output.getvalue(), content_type="image/png")
