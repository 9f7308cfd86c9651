"""Answering refreshers: graded on the server, scheduled, limited, safe when content goes."""

import datetime as dt

import pytest
from django.utils import timezone

from refreshers import selectors, services
from refreshers.models import RefresherAnswer, RefresherQuestion, ReviewState
from refreshers.selectors import lesson_ref, question_ref
from tests.factories.courses import complete_basics
from tests.factories.guidelines import acknowledge
from tests.factories.refreshers import due_moment, make_question, option_ids

pytestmark = pytest.mark.django_db


def due_refs(user, now=None):
    return [
        item.ref
        for item in selectors.refreshers_for(user, language="nl", now=now)
        if item.due <= (now or timezone.now())
    ]


def test_completed_courses_and_acknowledged_guidelines_bring_their_questions(
    employee, tree, guidelines
):
    """The quiz questions of a completed course and the questions on a guideline the person
    acknowledged, due a few days later; nothing for a course only started."""
    assert selectors.refreshers_for(employee, language="nl") == []
    question = make_question(guidelines.main)
    make_question(guidelines.privacy, section_type="principles")
    complete_basics(employee, tree)
    acknowledge(employee, guidelines.main)

    found = selectors.refreshers_for(employee, language="nl")
    refs = {item.ref for item in found}
    quiz = tree.quiz_lesson.quizzes()[0]
    lesson_refs = {
        lesson_ref(tree.quiz_lesson.translation_key, q.id)
        for q in quiz.value["questions"].bound_blocks
    }
    assert refs == lesson_refs | {question_ref(question.pk)}  # not the unacknowledged one
    assert all(item.new and item.due > timezone.now() for item in found)
    assert due_refs(employee, due_moment()) == sorted(
        refs, key=lambda ref: (next(i.due for i in found if i.ref == ref), ref)
    )


def test_a_right_answer_moves_the_question_days_ahead(employee, guidelines):
    """Graded right, a review state made with its card, an answer kept for the report."""
    question = make_question(guidelines.main)
    acknowledge(employee, guidelines.main)
    now = due_moment()
    graded = services.refresher_answer(
        user=employee,
        ref=question_ref(question.pk),
        chosen=option_ids(question, True),
        language="nl",
        now=now,
    )
    assert graded.correct
    state = ReviewState.objects.get(user=employee, question=question)
    assert state.due == graded.due
    assert state.due >= now + dt.timedelta(days=1)
    assert (state.reviews, state.lapses, state.last_correct) == (1, 0, True)
    assert state.card["last_review"]
    answer = RefresherAnswer.objects.get(user=employee)
    assert answer.section_id == question.section_id
    assert answer.guideline_key == guidelines.main.translation_key


def test_a_forged_correct_answer_is_graded_wrong(employee, guidelines):
    """Whatever the browser claims, the server checks the options chosen."""
    question = make_question(guidelines.main)
    acknowledge(employee, guidelines.main)
    graded = services.refresher_answer(
        user=employee,
        ref=question_ref(question.pk),
        chosen=option_ids(question, False),
        language="nl",
        now=due_moment(),
    )
    assert not graded.correct
    assert graded.link_url.endswith(f"#section-{question.section_id}")
    assert graded.link_title == "Heated discussions"
    assert ReviewState.objects.get(user=employee).lapses == 1


def test_a_wrong_answer_to_a_lesson_question_links_to_the_lesson(employee, tree):
    """The quiz's grading rule; the link goes back to the lesson."""
    complete_basics(employee, tree)
    quiz = tree.quiz_lesson.quizzes()[0]
    first = quiz.value["questions"].bound_blocks[0]
    wrong = [o.id for o in first.value["options"].bound_blocks if not o.value["correct"]]
    graded = services.refresher_answer(
        user=employee,
        ref=lesson_ref(tree.quiz_lesson.translation_key, first.id),
        chosen=wrong,
        language="nl",
        now=due_moment(),
    )
    assert not graded.correct
    assert graded.link_url == tree.quiz_lesson.url
    state = ReviewState.objects.get(user=employee)
    assert state.course_key == tree.basics.translation_key


@pytest.mark.parametrize(
    ("chosen", "error"),
    [
        ([], "Please answer every question."),
        (["not-an-option"], "An answer does not belong to this quiz. Please reload the page."),
    ],
)
def test_a_missing_or_foreign_answer_is_refused(employee, guidelines, english, chosen, error):
    question = make_question(guidelines.main)
    acknowledge(employee, guidelines.main)
    with pytest.raises(services.RefresherError, match=error):
        services.refresher_answer(
            user=employee,
            ref=question_ref(question.pk),
            chosen=chosen,
            language="nl",
            now=due_moment(),
        )
    assert not RefresherAnswer.objects.exists()


def test_a_question_not_asked_of_this_person_is_unknown(employee, other_employee, tree, guidelines):
    """Another person's course, an unacknowledged guideline, a made-up or hostile ref."""
    complete_basics(other_employee, tree)
    question = make_question(guidelines.main)
    quiz = tree.quiz_lesson.quizzes()[0]
    first = quiz.value["questions"].bound_blocks[0]
    for ref in (
        lesson_ref(tree.quiz_lesson.translation_key, first.id),
        question_ref(question.pk),
        "g999999",
        "c<script>alert(1)</script>:x",
        "",
    ):
        with pytest.raises(services.UnknownRefresher):
            services.refresher_answer(
                user=employee, ref=ref, chosen=["x"], language="nl", now=due_moment()
            )


def test_a_question_answered_comes_back_only_when_due(employee, guidelines, english):
    question = make_question(guidelines.main)
    acknowledge(employee, guidelines.main)
    now = due_moment()
    common = {"user": employee, "ref": question_ref(question.pk), "language": "nl"}
    services.refresher_answer(chosen=option_ids(question, True), now=now, **common)
    with pytest.raises(services.RefresherError, match="already answered"):
        services.refresher_answer(chosen=option_ids(question, True), now=now, **common)
    assert RefresherAnswer.objects.count() == 1


def test_no_more_than_the_daily_limit(employee, tree, guidelines, english):
    """A few a day; the rest waits for tomorrow."""
    complete_basics(employee, tree)
    for _n in range(2):
        make_question(guidelines.main)
    acknowledge(employee, guidelines.main)
    now = due_moment()
    waiting = selectors.waiting_for(employee, language="nl", now=now)
    assert len(waiting.due) == selectors.DAILY_LIMIT
    for item in waiting.due:
        services.refresher_answer(
            user=employee, ref=item.ref, chosen=[item.options[0].id], language="nl", now=now
        )
    after = selectors.waiting_for(employee, language="nl", now=now)
    assert after.due == []
    assert after.next_due == selectors.day_start(now) + dt.timedelta(days=1)


def test_a_refresher_whose_course_was_deleted_is_skipped_and_dropped(employee, tree):
    """A refresher whose course was deleted: no crash, no question, the schedule dropped by
    the daily task; the answers stay for the figures."""
    complete_basics(employee, tree)
    item = selectors.waiting_for(employee, language="nl", now=due_moment()).due[0]
    services.refresher_answer(
        user=employee, ref=item.ref, chosen=[item.options[0].id], language="nl", now=due_moment()
    )
    assert ReviewState.objects.filter(user=employee).count() == 1
    tree.basics.delete()

    assert selectors.refreshers_for(employee, language="nl", now=due_moment()) == []
    with pytest.raises(services.UnknownRefresher):
        services.refresher_answer(
            user=employee,
            ref=item.ref,
            chosen=[item.options[0].id],
            language="nl",
            now=due_moment(),
        )
    assert services.orphans_drop() == 1
    assert not ReviewState.objects.exists()
    assert RefresherAnswer.objects.count() == 1


def test_a_deleted_or_withdrawn_question_is_no_longer_asked(employee, guidelines):
    question = make_question(guidelines.main)
    acknowledge(employee, guidelines.main)
    RefresherQuestion.objects.filter(pk=question.pk).update(live=False)
    assert selectors.refreshers_for(employee, language="nl") == []
    RefresherQuestion.objects.filter(pk=question.pk).delete()
    assert selectors.refreshers_for(employee, language="nl") == []


def test_questions_in_the_other_language_are_not_asked(employee, guidelines):
    make_question(guidelines.main, language="en")
    acknowledge(employee, guidelines.main)
    assert selectors.refreshers_for(employee, language="nl") == []
    assert len(selectors.refreshers_for(employee, language="en")) == 1


def test_a_stale_second_submit_is_refused_under_the_lock(employee, guidelines, monkeypatch):
    """The second of two submits read "due" before the first was saved: once it holds the
    row it sees the new due date and grades nothing (no second answer, counted once)."""
    question = make_question(guidelines.main)
    acknowledge(employee, guidelines.main)
    now = due_moment()
    stale = selectors.refreshers_for(employee, language="nl", now=now)
    common = {"user": employee, "ref": question_ref(question.pk), "language": "nl", "now": now}
    services.refresher_answer(chosen=option_ids(question, False), **common)
    monkeypatch.setattr(services, "refreshers_for", lambda *args, **kwargs: stale)
    with pytest.raises(services.RefresherError) as refused:
        services.refresher_answer(chosen=option_ids(question, False), **common)
    assert refused.value.message == services.ERROR_NOT_DUE
    assert RefresherAnswer.objects.count() == 1
    state = ReviewState.objects.get(user=employee)
    assert (state.reviews, state.lapses) == (1, 1)


def test_a_stale_submit_past_the_daily_limit_is_refused_under_the_lock(
    employee, tree, guidelines, monkeypatch
):
    """Today's limit read before another tab's answers were saved: checked again."""
    complete_basics(employee, tree)
    for _n in range(2):
        make_question(guidelines.main)
    acknowledge(employee, guidelines.main)
    now = due_moment()
    due = due_refs(employee, now)
    assert len(due) > selectors.DAILY_LIMIT
    for ref in due[: selectors.DAILY_LIMIT]:
        item = next(i for i in selectors.refreshers_for(employee, language="nl") if i.ref == ref)
        services.refresher_answer(
            user=employee, ref=ref, chosen=[item.options[0].id], language="nl", now=now
        )
    real, calls = services.answered_today, []

    def stale_at_first(user, *, now):
        calls.append(now)
        return 0 if len(calls) == 1 else real(user, now=now)

    monkeypatch.setattr(services, "answered_today", stale_at_first)
    ref = due[selectors.DAILY_LIMIT]
    item = next(i for i in selectors.refreshers_for(employee, language="nl") if i.ref == ref)
    with pytest.raises(services.RefresherError) as refused:
        services.refresher_answer(
            user=employee, ref=ref, chosen=[item.options[0].id], language="nl", now=now
        )
    assert refused.value.message == services.ERROR_DAILY_LIMIT
    assert RefresherAnswer.objects.count() == selectors.DAILY_LIMIT


def test_a_first_answer_saved_twice_at_once_is_refused_not_a_crash(
    employee, guidelines, monkeypatch
):
    """Two first answers at the same moment: both find no schedule; the second insert meets
    the one-per-person constraint and is refused like any answer already given."""
    question = make_question(guidelines.main)
    acknowledge(employee, guidelines.main)
    now = due_moment()
    review = services.schedule.review

    def meanwhile_the_other_request_saves(card, **kwargs):
        ReviewState.objects.create(user=employee, question=question, due=now)
        return review(card, **kwargs)

    monkeypatch.setattr(services.schedule, "review", meanwhile_the_other_request_saves)
    with pytest.raises(services.RefresherError) as refused:
        services.refresher_answer(
            user=employee,
            ref=question_ref(question.pk),
            chosen=option_ids(question, True),
            language="nl",
            now=now,
        )
    assert refused.value.message == services.ERROR_NOT_DUE
    assert not RefresherAnswer.objects.exists()


def test_the_section_link_follows_the_reader_when_translations_share_the_section(guidelines):
    """A translation copies the blocks with their ids: the page in the reader's language."""
    from django.utils import translation
    from wagtail.models import Locale

    from guidelines.models import GuidelinePage
    from tests.factories.guidelines import publish

    english_locale, _created = Locale.objects.get_or_create(language_code="en")
    copy = guidelines.main.copy_for_translation(english_locale, copy_parents=True)
    copy.title, copy.slug = "Social media guidelines", "social-media-guidelines"
    copy.save()
    publish(copy)
    section_id = make_question(guidelines.main).section_id
    pages = selectors.guideline_pages({guidelines.main.translation_key})[
        guidelines.main.translation_key
    ]
    dutch = GuidelinePage.objects.get(pk=guidelines.main.pk)
    english = GuidelinePage.objects.get(pk=copy.pk)
    assert any(raw["id"] == section_id for raw in english.body.raw_data)
    for language, wanted in (("en", english), ("nl", dutch)):
        with translation.override(language):
            for order in (pages, pages[::-1]):
                assert selectors.page_with_section(order, section_id).pk == wanted.pk
