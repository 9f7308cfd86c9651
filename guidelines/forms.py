"""Forms for the guideline pages: every POST goes through one."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

ERROR_TICK_READ = _("Tick the box to acknowledge that you read this guideline.")
SEARCH_MAX_LENGTH = 200


class AcknowledgeForm(forms.Form):
    """'I have read this': the version the person saw, and where to go next."""

    version = forms.IntegerField(min_value=0, max_value=2_147_483_647, widget=forms.HiddenInput)
    next = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)
    read = forms.BooleanField(
        label=_("I have read this guideline and will follow it."),
        error_messages={"required": ERROR_TICK_READ},
    )


class SearchForm(forms.Form):
    """Words to look for in the guidelines, the strategy and the courses."""

    q = forms.CharField(
        label=_("Search guidelines and courses"),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Search guidelines and courses")}
        ),
    )

    def query(self) -> str:
        """The words as typed, spaces tidied; an over-long query is cut, not refused."""
        typed = self.data.get("q", "") if self.is_bound else ""
        return " ".join(str(typed).split())[:SEARCH_MAX_LENGTH]
