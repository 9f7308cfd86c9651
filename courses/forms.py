"""Forms for the learning pages: every POST goes through one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from .blocks import QuestionBlock
from .models import ExtraAttempts, LessonPage, QuizAttempt
from .services import (
    ERROR_FOREIGN_ANSWER,
    ERROR_MISSING_ANSWER,
    ERROR_ONE_ANSWER,
    ERROR_UNKNOWN_QUIZ,
)

ERROR_UNKNOWN_LESSON = _("This lesson no longer exists. Please reload the page.")
ERROR_UNKNOWN_ACTION = _("Unknown choice.")
ERROR_OUT_OF_DATE = _("This form is out of date. Please reload the page.")
ERROR_CHOOSE_ANSWER = _("Choose an answer.")

ACTION_DONE, ACTION_QUIZ = "done", "quiz"
ANSWER_PREFIX = "q-"


class LessonActionForm(forms.Form):
    """Which of a lesson's forms was sent: 'mark as done', or one of its quizzes.

    The fields are the buttons' and hidden inputs' names; errors are the form's own, since
    neither is something the person typed.
    """

    action = forms.CharField(required=False, max_length=10)
    quiz = forms.CharField(required=False, max_length=64)

    def __init__(self, *args: Any, lesson: LessonPage, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.quizzes = {block.id: block for block in lesson.quizzes()}

    def clean(self) -> dict:
        data = super().clean()
        action = data.get("action")
        if action not in (ACTION_DONE, ACTION_QUIZ):
            raise forms.ValidationError(ERROR_UNKNOWN_ACTION)
        if action == ACTION_QUIZ:
            data["quiz"] = self.quizzes.get(data.get("quiz") or "")
            if data["quiz"] is None:
                raise forms.ValidationError(ERROR_UNKNOWN_QUIZ)
        return data


class SingleAnswer(forms.RadioSelect):
    """Radio buttons that read every value sent, so two answers to a one-answer question
    are refused instead of one of them silently kept."""

    template_name = "courses/widgets/answers.html"
    option_template_name = "courses/widgets/answer.html"

    def __init__(self, *args: Any, feedback: dict[str, str] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.feedback = feedback or {}

    def value_from_datadict(self, data, files, name):
        getter = getattr(data, "getlist", None)
        return getter(name) if getter is not None else data.get(name)

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["feedback"] = self.feedback.get(str(value), "")
        return option


class MultipleAnswers(forms.CheckboxSelectMultiple):
    template_name = "courses/widgets/answers.html"
    option_template_name = "courses/widgets/answer.html"

    def __init__(self, *args: Any, feedback: dict[str, str] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.feedback = feedback or {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["feedback"] = self.feedback.get(str(value), "")
        return option


class AnswerField(forms.MultipleChoiceField):
    """The options chosen for one question; a one-answer question takes exactly one."""

    def __init__(self, *, question: Any, number: int, result: dict | None, **kwargs: Any):
        value = question.value
        self.multiple = value["kind"] == QuestionBlock.MULTIPLE
        self.number = number
        # The outcome of the last graded attempt (True, False or None before grading).
        self.outcome = result["correct"] if result else None
        chosen = set(result["chosen"]) if result else set()
        options = list(value["options"].bound_blocks)
        # Feedback only for answers the learner chose, and only after grading.
        feedback = {o.id: o.value["feedback"] for o in options if o.id in chosen}
        widget = (MultipleAnswers if self.multiple else SingleAnswer)(feedback=feedback)
        super().__init__(
            choices=[(option.id, option.value["text"]) for option in options],
            label=value["text"],
            widget=widget,
            help_text=_("More than one answer can be right.") if self.multiple else "",
            error_messages={
                "required": ERROR_CHOOSE_ANSWER,
                "invalid_choice": ERROR_FOREIGN_ANSWER,
                "invalid_list": ERROR_FOREIGN_ANSWER,
            },
            template_name="courses/widgets/question.html",
            **kwargs,
        )

    def validate(self, value: list[str]) -> None:
        super().validate(value)
        if not self.multiple and len(set(value)) > 1:
            raise forms.ValidationError(ERROR_ONE_ANSWER)


class QuizForm(forms.Form):
    """One attempt at one quiz: an answer field per question, and the attempt it was made for.

    Unbound, it shows the learner's last graded attempt: their answers, which questions
    were right, and the feedback of the answers they chose.
    """

    action = forms.CharField(widget=forms.HiddenInput, initial=ACTION_QUIZ)
    quiz = forms.CharField(widget=forms.HiddenInput, max_length=64)
    attempt = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        max_value=32767,
        error_messages=dict.fromkeys(
            ("required", "invalid", "min_value", "max_value"), ERROR_OUT_OF_DATE
        ),
    )

    def __init__(
        self,
        *args: Any,
        quiz: Any,
        attempt_number: int | None = None,
        latest: QuizAttempt | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("auto_id", f"quiz-{quiz.id}-%s")
        super().__init__(*args, **kwargs)
        self.quiz = quiz
        self.initial.update({"quiz": quiz.id, "attempt": attempt_number})
        # Grading is shown only with the graded answers, not over answers being changed.
        graded = latest.answers if latest is not None and not self.is_bound else {}
        for number, question in enumerate(quiz.value["questions"].bound_blocks, start=1):
            result = graded.get(question.id)
            name = f"{ANSWER_PREFIX}{question.id}"
            self.fields[name] = AnswerField(question=question, number=number, result=result)
            if result:
                self.initial[name] = result["chosen"]

    def clean_quiz(self) -> str:
        if self.cleaned_data["quiz"] != self.quiz.id:
            raise forms.ValidationError(ERROR_UNKNOWN_QUIZ)
        return self.cleaned_data["quiz"]

    def clean(self) -> dict:
        data = super().clean()
        foreign = [
            name for name in self.data if name.startswith(ANSWER_PREFIX) and name not in self.fields
        ]
        if foreign:
            raise forms.ValidationError(ERROR_FOREIGN_ANSWER)
        if any(self.has_error(name, "required") for name in self.answer_names):
            raise forms.ValidationError(ERROR_MISSING_ANSWER)
        return data

    @property
    def answer_names(self) -> list[str]:
        return [name for name in self.fields if name.startswith(ANSWER_PREFIX)]

    def answers(self) -> dict[str, list[str]]:
        """The cleaned answers as the grading service takes them: question id → option ids."""
        return {
            name[len(ANSWER_PREFIX) :]: self.cleaned_data[name]
            for name in self.answer_names
            if name in self.cleaned_data
        }


class ExtraAttemptsForm(forms.Form):
    """More attempts at a lesson's quiz for one learner, with the reason for the history."""

    learner = forms.ModelChoiceField(
        queryset=User.objects.filter(is_active=True), widget=forms.HiddenInput
    )
    lesson = forms.UUIDField(widget=forms.HiddenInput)
    attempts = forms.IntegerField(
        label=_("Extra attempts"), min_value=1, max_value=ExtraAttempts.MAX_AT_ONCE, initial=1
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=ExtraAttempts.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the history with your name. The learner is told they can try again."),
    )

    def clean_lesson(self) -> LessonPage:
        lesson = (
            LessonPage.objects.live().filter(translation_key=self.cleaned_data["lesson"]).first()
        )
        if lesson is None:
            raise forms.ValidationError(ERROR_UNKNOWN_LESSON)
        return lesson

    def is_for(self, *, learner: User, lesson: LessonPage) -> bool:
        """Whether this (sent) form was the one of `learner` at `lesson`, on the desk's list."""
        return self.data.get(self.add_prefix("learner")) == str(learner.pk) and self.data.get(
            self.add_prefix("lesson")
        ) == str(lesson.translation_key)
