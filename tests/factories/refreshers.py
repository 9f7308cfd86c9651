"""Refresher questions written by comms staff about a guideline section, and the moments
that make a person's questions due."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from core.streamfield import stream_value
from refreshers.models import RefresherQuestion
from refreshers.schedule import FIRST_ASKED_AFTER

DISCLOSURE_QUESTION = {
    "kind": "single",
    "text": "Do you say that you work here when you post about our work?",
    "options": [
        {"text": "Yes, always", "correct": True, "feedback": "Right: people must know."},
        {"text": "Only when asked", "correct": False, "feedback": "No: say it yourself."},
    ],
}


def make_question(guideline=None, section_type="negative_reactions", language="nl", **fields):
    """A live question about the section of type `section_type` of `guideline` (if any)."""
    from refreshers.models import RefresherQuestion as Model

    section_id = ""
    if guideline is not None:
        section_id = next(
            raw["id"] for raw in guideline.body.raw_data if raw["type"] == section_type
        )
    question = Model(
        language=language,
        question=stream_value(
            Model._meta.get_field("question").stream_block,
            [("question", fields.pop("value", DISCLOSURE_QUESTION))],
        ),
        explanation=fields.pop("explanation", "Say it in your profile or in the post."),
        guideline=guideline,
        guideline_key=guideline.translation_key if guideline else None,
        section_id=section_id,
        **fields,
    )
    question.full_clean()
    question.save()
    return question


def option_ids(question: RefresherQuestion, correct: bool) -> list[str]:
    return [
        option.id
        for option in question.block.value["options"].bound_blocks
        if option.value["correct"] == correct
    ]


def due_moment() -> dt.datetime:
    """A moment at which every question a person became eligible for just now is due."""
    return timezone.now() + FIRST_ASKED_AFTER + dt.timedelta(minutes=1)


def made_due(user) -> None:
    """Move `user`'s completions and acknowledgements, and every question, into the past so
    that their questions are due now."""
    from courses.models import Enrolment
    from guidelines.models import Acknowledgement

    past = timezone.now() - FIRST_ASKED_AFTER - dt.timedelta(days=1)
    Enrolment.objects.filter(user=user, completed_at__isnull=False).update(completed_at=past)
    Acknowledgement.objects.filter(user=user).update(acknowledged_at=past)
    RefresherQuestion.objects.update(created_at=past)
    from ambassadors import personal

    personal.forget([user.pk])
