"""The schedule arithmetic (refreshers/schedule.py): days, not minutes."""

import datetime as dt

from refreshers import schedule

START = dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.UTC)


def answers(outcomes, start=START):
    """Answer on each due day; the intervals in days between the answers and the next due."""
    card, at, gaps = None, start, []
    for correct in outcomes:
        card, due = schedule.review(card, correct=correct, at=at)
        gaps.append((due - at).days)
        at = due
    return card, gaps


def test_a_first_question_is_asked_a_few_days_after_becoming_eligible():
    """Right after the lesson would test short-term memory."""
    assert schedule.first_due(START) == START + dt.timedelta(days=2)


def test_right_answers_move_a_question_further_away_in_whole_days():
    """No intra-day learning steps: the first right answer already means days."""
    _card, gaps = answers([True, True, True])
    assert gaps[0] >= 1
    assert gaps[0] < gaps[1] < gaps[2]


def test_a_wrong_answer_brings_the_question_back_soon_and_shorter_than_before():
    """After a lapse the interval shrinks, but it is still at least a day."""
    _card, gaps = answers([True, True, True, False])
    assert 1 <= gaps[-1] < gaps[-2]


def test_no_interval_is_longer_than_the_maximum():
    """Even a question answered right every time comes back within half a year."""
    _card, gaps = answers([True] * 12)
    assert max(gaps) == schedule.MAXIMUM_INTERVAL_DAYS


def test_the_card_is_plain_json_and_comes_back_the_same():
    """Stored as JSON on the row: the next review reads it back."""
    import json

    card, _gaps = answers([True])
    stored = json.loads(json.dumps(card))
    again, due = schedule.review(stored, correct=True, at=START + dt.timedelta(days=3))
    assert again["stability"] > card["stability"]
    assert schedule.interval_days(again) == (due - (START + dt.timedelta(days=3))).days


def test_the_same_answers_give_the_same_days():
    """No fuzzing: two people with the same answers get the same schedule."""
    assert answers([True, False, True])[1] == answers([True, False, True])[1]
