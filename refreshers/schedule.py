"""When a refresher question comes back: FSRS spaced repetition, counted in whole days.

`first_due(eligible_since)` is when a question someone has never answered is first asked;
`review(card, correct=..., at=...)` grades one answer and gives the card to keep and the
moment it is due again. Cards are plain dicts (`fsrs.Card.to_dict()`), stored as JSON.

Configured for days, not minutes: the library's defaults are for flashcards drilled in one
sitting (learning steps of 1 and 10 minutes); a refresher is one question on a path page
now and then, so there are no intra-day steps: a right answer moves the question days or
weeks ahead, a wrong one brings it back the next day or so. No fuzzing: every person's
questions are theirs alone (no crowd to spread out) and the same answers give the same days.

MAXIMUM_INTERVAL_DAYS = 180: half a year. Guidelines change by major versions a few times a
year and a rule one has not seen for longer than that is as good as new: even a question
answered right every time comes back at least twice a year.
"""

from __future__ import annotations

import datetime as dt

from fsrs import Card, Rating, Scheduler

MAXIMUM_INTERVAL_DAYS = 180
# A question a person just became eligible for (a course completed, a guideline read) is
# asked first a few days later: right after the lesson it would test short-term memory.
FIRST_ASKED_AFTER = dt.timedelta(days=2)

SCHEDULER = Scheduler(
    desired_retention=0.9,
    learning_steps=(),
    relearning_steps=(),
    maximum_interval=MAXIMUM_INTERVAL_DAYS,
    enable_fuzzing=False,
)


def first_due(eligible_since: dt.datetime) -> dt.datetime:
    """When a question never answered is first asked."""
    return eligible_since + FIRST_ASKED_AFTER


def review(card: dict | None, *, correct: bool, at: dt.datetime) -> tuple[dict, dt.datetime]:
    """The card after one answer at `at`, and when it is due next.

    `card` None: the first answer ever (a new card, reviewed at `at`)."""
    current = Card.from_dict(card) if card else Card(due=at)
    updated, _log = SCHEDULER.review_card(
        current, Rating.Good if correct else Rating.Again, review_datetime=at
    )
    return updated.to_dict(), updated.due


def interval_days(card: dict) -> int:
    """Days between the last answer and the next time (0 for a card never answered)."""
    last, due = card.get("last_review"), card.get("due")
    if not last or not due:
        return 0
    return (dt.datetime.fromisoformat(due) - dt.datetime.fromisoformat(last)).days
