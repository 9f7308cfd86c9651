"""Forms for refreshers: answering a question, the reminder choice, and the CMS form of a
question (with the guideline section chosen from a list, no JavaScript needed)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from courses.forms import MultipleAnswers, SingleAnswer
from guidelines.models import GuidelinePage

from .selectors import REF_MAX_LENGTH, Refresher

ERROR_CHOOSE = _("Choose an answer.")
ERROR_UNKNOWN_SECTION = _("Choose one of the sections in the list.")


class QuestionRefForm(forms.Form):
    """Which question a POST answers, read before its options are known (they depend on it)."""

    item = forms.CharField(max_length=REF_MAX_LENGTH)


class AnswerForm(forms.Form):
    """One answer: which question (its reference) and the option(s) chosen. Nothing else
    the browser sends is read: the server knows which options are correct."""

    item = forms.CharField(max_length=REF_MAX_LENGTH, widget=forms.HiddenInput)
    choice = forms.MultipleChoiceField(
        label=_("Your answer"),
        required=True,
        error_messages={"required": ERROR_CHOOSE},
    )

    def __init__(self, *args: Any, refresher: Refresher, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.refresher = refresher
        self.fields["item"].initial = refresher.ref
        field = self.fields["choice"]
        field.label = refresher.text
        field.widget = MultipleAnswers() if refresher.multiple else SingleAnswer()
        if refresher.multiple:
            field.help_text = _("More than one answer can be right.")
        field.choices = [(option.id, option.text) for option in refresher.options]


class ReminderForm(forms.Form):
    remind = forms.BooleanField(
        label=_("Remind me when a question is waiting (at most once a week)"), required=False
    )


def _sections() -> list[tuple[str, str]]:
    """Every section of every guideline, as "page id:section id" with a readable label."""
    choices = [("", "---------")]
    pages = GuidelinePage.objects.order_by("path").only("id", "title", "body", "locale_id")
    for page in pages:
        for raw in page.body.raw_data:
            if raw.get("id"):
                heading = raw["value"].get("heading") or raw["type"]
                choices.append((f"{page.pk}:{raw['id']}", f"{page.title} — {heading}"))
    return choices


class RefresherQuestionForm(WagtailAdminModelForm):
    """The CMS form: the section comes from a list of the guidelines' sections."""

    section = forms.ChoiceField(
        label=_("Guideline section"),
        required=False,
        help_text=_("A wrong answer links to this section."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = _sections()
        if self.instance.guideline_id and self.instance.section_id:
            self.initial["section"] = f"{self.instance.guideline_id}:{self.instance.section_id}"

    def clean_section(self) -> tuple[GuidelinePage | None, str]:
        value = self.cleaned_data.get("section") or ""
        if not value:
            return None, ""
        page_id, _sep, section_id = value.partition(":")
        page = GuidelinePage.objects.filter(pk=page_id).first() if page_id.isdigit() else None
        if page is None or not any(raw.get("id") == section_id for raw in page.body.raw_data):
            raise forms.ValidationError(ERROR_UNKNOWN_SECTION)
        return page, section_id

    def clean(self) -> dict:
        data = super().clean()
        # Before the model's own checks (full_clean), which read these fields.
        page, section_id = data.get("section") or (None, "")
        self.instance.guideline = page
        self.instance.guideline_key = page.translation_key if page else None
        self.instance.section_id = section_id
        return data
