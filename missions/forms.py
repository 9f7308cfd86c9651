"""Forms for the mission pages: every POST goes through one.

The forms read what was sent and declare the limits; the services decide. A service's
refusal (MissionError) becomes an error on the form through `core.forms.refuse()`.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from ambassadors.models import Stage
from core.forms import FilterForm, TypedTextField

from .models import RUBRIC_COMMENT_MAX_LENGTH, Mission, RubricCriterion, Submission
from .selectors import REVIEW_AGES
from .services import ERROR_LINK, ERROR_SCREENSHOT, ERROR_TEXT, score_field

EVIDENCE_IMAGE_TYPES = "image/png,image/jpeg,image/webp"
FEEDBACK_MAX_LENGTH = 2000


class ActionForm(forms.Form):
    """A button with nothing to type (take, accept, let go): the form carries the refusal."""


class EvidenceForm(forms.Form):
    """The evidence a mission asks for; which parts are required follows the mission."""

    link = forms.CharField(
        label=_("Link to your post"),
        max_length=Submission._meta.get_field("link").max_length,
        required=False,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
        error_messages={"required": ERROR_LINK},
    )
    screenshot = forms.FileField(
        label=_("Screenshot"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 8 MB. We remove location and camera data."),
        widget=forms.FileInput(attrs={"accept": EVIDENCE_IMAGE_TYPES}),
        # An empty file is not an image: core.images says so, in its words.
        allow_empty_file=True,
        error_messages={"required": ERROR_SCREENSHOT},
    )
    text = TypedTextField(
        label=_("Your text"),
        max_length=Submission._meta.get_field("text").max_length,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": ERROR_TEXT},
    )
    # The mentor desk draft the text started from; the service keeps it only if it is one
    # the person may use.
    draft = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, mission: Mission, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["link"].required = mission.needs_link
        self.fields["screenshot"].required = mission.needs_screenshot
        self.fields["text"].required = mission.needs_text


class ScoresMixin:
    """A level per rubric criterion (radio buttons, described levels); the service checks
    that none is missing, so it says which one in the person's language."""

    def add_score_fields(self, criteria) -> None:
        self.criteria: list[RubricCriterion] = list(criteria)
        for criterion in self.criteria:
            self.fields[score_field(criterion)] = forms.TypedChoiceField(
                label=criterion.name,
                help_text=criterion.description,
                choices=criterion.level_choices(),
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
            )

    @property
    def score_fields(self):
        return [self[score_field(criterion)] for criterion in self.criteria]

    @property
    def scores(self) -> dict[int, int | None]:
        return {
            criterion.pk: self.cleaned_data.get(score_field(criterion))
            for criterion in self.criteria
        }


class RubricReviewForm(ScoresMixin, forms.Form):
    """A colleague's review: a level per criterion and an optional comment."""

    comment = TypedTextField(
        label=_("Your comment for your colleague"),
        max_length=RUBRIC_COMMENT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional. Plain text. What works well, and one thing to try next time."),
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_score_fields(criteria)


class PeerOptInForm(forms.Form):
    """Yes or no to reviewing colleagues' work (the button pressed)."""

    YES, NO = "yes", "no"
    CHOOSE = _("Choose yes or no.")
    answer = forms.ChoiceField(
        choices=[(YES, _("Yes, I want to review colleagues' work")), (NO, _("No, stop"))],
        error_messages={"required": CHOOSE, "invalid_choice": CHOOSE},
    )

    def clean(self):
        cleaned = super().clean()
        if "answer" in self._errors:
            # The buttons carry the answer: a missing one is about the whole form.
            del self._errors["answer"]
            self.add_error(None, self.CHOOSE)
        return cleaned

    @property
    def opt_in(self) -> bool:
        return self.cleaned_data["answer"] == self.YES


class ReviewForm(ScoresMixin, forms.Form):
    """A reviewer's decision (the button pressed) with feedback for the ambassador, and
    the rubric's scores for a production mission that has one."""

    # The buttons' values, and the action each is in `Assignment.TRANSITIONS`.
    DECISIONS = {"approve": "approve", "changes": "request_changes", "reject": "reject"}
    CHOOSE = _("Choose approve, ask for changes or reject.")

    feedback = TypedTextField(
        label=_("Feedback for the ambassador"),
        max_length=FEEDBACK_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Required when asking for changes or rejecting. "
            "Be specific and kind: what works, what to change."
        ),
    )
    decision = forms.ChoiceField(
        choices=[(value, value) for value in DECISIONS],
        widget=forms.HiddenInput,
        error_messages={"required": CHOOSE, "invalid_choice": CHOOSE},
    )

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.add_score_fields(criteria)

    def clean(self):
        cleaned = super().clean()
        if "decision" in self._errors:
            # A missing or unknown button is about the whole form, not a hidden field.
            del self._errors["decision"]
            self.add_error(None, self.CHOOSE)
        return cleaned

    @property
    def action(self) -> str:
        """The action in `Assignment.TRANSITIONS` (a review action) the button stands for."""
        return self.DECISIONS[self.cleaned_data["decision"]]


class PromotionAnswerForm(forms.Form):
    """Move up to the next stage, or stay for now (the invitation stays open)."""

    ACCEPT, STAY = "accept", "stay"
    answer = forms.ChoiceField(
        choices=[(ACCEPT, _("Yes, move up")), (STAY, _("Not now, I stay"))],
        error_messages={"required": _("Choose to move up or to stay.")},
    )

    @property
    def accepted(self) -> bool:
        return self.cleaned_data["answer"] == self.ACCEPT


def _waiting_label(days: int):
    return ngettext_lazy("more than %(counter)s day", "more than %(counter)s days", days) % {
        "counter": days
    }


class ReviewFilterForm(FilterForm):
    """The review queue's filter bar (in the address). Values stay text, as
    `selectors.review_queue()` reads them; an odd one is no filter."""

    stage = forms.ChoiceField(label=_("Stage"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("all")), *Mission.Kind.choices], required=False
    )
    campaign = forms.ChoiceField(label=_("Campaign"), required=False)
    older_than = forms.ChoiceField(
        label=_("Waiting"),
        choices=[
            ("", _("any time")),
            *((value, _waiting_label(age.days)) for value, age in REVIEW_AGES.items()),
        ],
        required=False,
    )

    def __init__(self, data=None, *, campaigns, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["stage"].choices = [("", _("all")), *Stage.choices]
        self.fields["campaign"].choices = [("", _("all")), *campaigns]
