"""Builders for mission tests: missions, images and assignments in a given state."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from ambassadors.models import Stage
from ambassadors.roles import Role
from missions import services
from missions.models import Assignment, Mission
from tests.factories import make_user


def mission(stage=Stage.ENGAGEMENT, **fields) -> Mission:
    fields.setdefault("title_en", "Comment on our post")
    fields.setdefault("kind", Mission.Kind.COMMENT)
    return Mission.objects.create(stage=stage, **fields)


def screenshot(size=(20, 20), name="proof.png", image_format="JPEG") -> SimpleUploadedFile:
    """An image with camera data in it (EXIF), as phones make them."""
    output = io.BytesIO()
    image = Image.new("RGB", size, "white")
    exif = Image.Exif()
    exif[0x010F] = "Phone"
    image.save(output, format=image_format, exif=exif)
    return SimpleUploadedFile(name, output.getvalue())


def submitted(user=None, *, with_screenshot=True, **fields) -> Assignment:
    """An assignment with evidence waiting for review (by default of a new employee)."""
    user = user or make_user(Role.EMPLOYEE)
    fields.setdefault("needs_screenshot", with_screenshot)
    assignment = services.mission_pick(user=user, mission=mission(**fields))
    services.assignment_submit(
        user=user,
        assignment=assignment,
        link="https://www.linkedin.example/posts/1",
        screenshot=screenshot() if with_screenshot else None,
    )
    return Assignment.objects.get(pk=assignment.pk)
