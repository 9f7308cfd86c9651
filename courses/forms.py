"""Forms for the learning pages: every POST goes through one."""

from __future__ import annotations

from django import forms
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from .models import ExtraAttempts, LessonPage

ERROR_UNKNOWN_LESSON = _("This lesson no longer exists. Please reload the page.")


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
        max_length=300,
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
