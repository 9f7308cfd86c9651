"""Missions, campaigns, proof images and assignments in a given state."""

from __future__ import annotations

import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from factory.django import DjangoModelFactory
from PIL import Image

from ambassadors.models import Stage
from ambassadors.roles import Role
from missions import services
from missions.models import (
    Assignment,
    Campaign,
    Mission,
    PeerReviewOptIn,
    Rubric,
    RubricCriterion,
)

from .ambassadors import UserFactory, make_user


class MissionFactory(DjangoModelFactory):
    """A stage-1 mission to comment on a post (evidence: a link)."""

    class Meta:
        model = Mission

    stage = Stage.ENGAGEMENT
    kind = Mission.Kind.COMMENT
    title_en = "Comment on our post"


def mission(stage=Stage.ENGAGEMENT, **fields) -> Mission:
    return MissionFactory(stage=stage, **fields)


class AssignmentFactory(DjangoModelFactory):
    """A mission offered to a person (state OFFERED); pass `state` and its moments for others."""

    class Meta:
        model = Assignment

    mission = factory.SubFactory(MissionFactory)
    user = factory.SubFactory(UserFactory)


class CampaignFactory(DjangoModelFactory):
    """A campaign for everyone starting now; `missions` a list of Missions."""

    class Meta:
        model = Campaign
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Campaign {n + 1}")
    starts_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def missions(campaign, create, extracted, **kwargs):
        if create and extracted:
            campaign.missions.set(extracted)


def screenshot(size=(20, 20), name="proof.png", image_format="JPEG") -> SimpleUploadedFile:
    """An image with camera data in it (EXIF), as phones make them."""
    output = io.BytesIO()
    image = Image.new("RGB", size, "white")
    exif = Image.Exif()
    exif[0x010F] = "Phone"
    image.save(output, format=image_format, exif=exif)
    return SimpleUploadedFile(name, output.getvalue())


def submitted(user=None, *, with_screenshot=True, **fields) -> Assignment:
    """An assignment with evidence waiting for review (by default of a new employee);
    `fields` are the mission's."""
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


# --- peer review with a rubric --------------------------------------------------------------

CRITERIA = (
    ("Toon", "Tone of voice"),
    ("Publiek", "Audience fit"),
    ("Openheid", "Disclosure"),
    ("Eigen stem", "Own voice"),
)


def make_rubric(criteria: int = 4, levels: int = 4) -> Rubric:
    """A production rubric with `criteria` criteria on a scale of 1 to `levels`."""
    rubric = Rubric.objects.create(name_nl="Eigen content", name_en="Own content")
    for index in range(criteria):
        nl, en = CRITERIA[index % len(CRITERIA)]
        RubricCriterion.objects.create(
            rubric=rubric,
            sort_order=index,
            name_nl=f"{nl} {index + 1}" if index >= len(CRITERIA) else nl,
            name_en=f"{en} {index + 1}" if index >= len(CRITERIA) else en,
            levels=levels,
        )
    return rubric


def production_work(author=None, *, rubric=None, **fields) -> Assignment:
    """A stage-3 article handed in (a link), on a mission reviewed with `rubric`."""
    author = author or make_user(Role.EMPLOYEE, stage=Stage.PRODUCTION)
    fields.setdefault("title_en", "Write about a project")
    return submitted(
        author,
        with_screenshot=False,
        stage=Stage.PRODUCTION,
        kind=Mission.Kind.ARTICLE,
        rubric=rubric or make_rubric(),
        **fields,
    )


def peer_reviewer(**profile):
    """A stage-3 employee who opted in to review colleagues' work."""
    user = make_user(Role.EMPLOYEE, stage=Stage.PRODUCTION, **profile)
    PeerReviewOptIn.objects.create(user=user)
    return user


def scores_for(rubric: Rubric, level: int = 3) -> dict[int, int]:
    return {criterion.pk: level for criterion in rubric.criteria.all()}
