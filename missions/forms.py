"""Forms for the mission pages: every POST goes through one."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


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
