"""The demo refreshers (content/refreshers): questions on the main guideline in Dutch and
English, and a history of answers for everyone who acknowledged it, so that daan, fatima,
lisa and noah find a question waiting on their path and the comms report has a row with
enough people to show its figures.

The history lies in the past, before the moments the services accept answers for (they
grade answers given now), so it is written as rows, with cards the schedule computes."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.utils import timezone

from core.streamfield import stream_value
from guidelines.models import Acknowledgement, GuidelinePage
from refreshers import schedule
from refreshers.models import RefresherAnswer, RefresherQuestion, ReviewState

from .files import content

# People who answer wrongly now and then, and those whose question is waiting today.
WAITING = ("daan", "fatima", "lisa", "noah")
HISTORY_DAYS = 60


def seed() -> None:
    if RefresherQuestion.objects.exists():
        return  # seeded already
    main_nl = GuidelinePage.objects.filter(locale__language_code="nl").order_by("path").first()
    if main_nl is None:
        return
    main_en = GuidelinePage.objects.filter(
        translation_key=main_nl.translation_key, locale__language_code="en"
    ).first()
    questions = {"nl": [], "en": []}
    for data in content("refreshers/questions.toml")["questions"]:
        for language, page in (("nl", main_nl), ("en", main_en)):
            if page is not None:
                questions[language].append(_question(data, language, page))
    now = timezone.now()
    people = User.objects.filter(
        pk__in=Acknowledgement.objects.filter(translation_key=main_nl.translation_key).values(
            "user_id"
        )
    ).select_related("ambassador")
    for number, user in enumerate(people.order_by("username")):
        language = user.ambassador.language if hasattr(user, "ambassador") else "nl"
        for index, question in enumerate(questions.get(language) or questions["nl"]):
            _history(user, question, number, index, now)


def _question(data: dict, language: str, page: GuidelinePage) -> RefresherQuestion:
    section = next(raw["id"] for raw in page.body.raw_data if raw["type"] == data["section"])
    block = RefresherQuestion._meta.get_field("question").stream_block
    value = {
        "kind": "single",
        "text": data["text"][language],
        "options": [
            {"text": text, "correct": position == data["correct"], "feedback": ""}
            for position, text in enumerate(data["answers"][language], start=1)
        ],
    }
    question = RefresherQuestion(
        language=language,
        question=stream_value(block, [("question", value)]),
        explanation=data["explanation"][language],
        guideline=page,
        guideline_key=page.translation_key,
        section_id=section,
    )
    question.full_clean()
    question.save()
    RefresherQuestion.objects.filter(pk=question.pk).update(
        created_at=timezone.now() - dt.timedelta(days=HISTORY_DAYS + 1)
    )
    return question


def _history(user: User, question: RefresherQuestion, number: int, index: int, now) -> None:
    """Answered whenever it came back since HISTORY_DAYS ago; the negative-reactions question
    (index 2) often wrong. For the WAITING people the first question is due today."""
    options = list(question.block.value["options"].bound_blocks)
    right = next(option.id for option in options if option.value["correct"])
    wrong = next(option.id for option in options if not option.value["correct"])
    card, at, state = None, now - dt.timedelta(days=HISTORY_DAYS), None
    turn = 0
    while at <= now - dt.timedelta(days=1):
        correct = not (index == 2 and (number + turn) % 3 == 0)
        card, due = schedule.review(card, correct=correct, at=at)
        RefresherAnswer.objects.create(
            user=user,
            question=question,
            guideline_key=question.guideline_key,
            section_id=question.section_id,
            chosen=[right if correct else wrong],
            correct=correct,
            answered_at=at,
        )
        state = state or ReviewState(user=user, question=question)
        state.card, state.due = card, due
        state.reviews += 1
        state.lapses += 0 if correct else 1
        state.last_answered_at, state.last_correct = at, correct
        at, turn = due, turn + 1
    if user.username in WAITING and index == 0:
        state.due = now - dt.timedelta(hours=2)
    state.save()
