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


ERROR_TICK_ONE = _("Tick at least one guideline you have read.")


class AcknowledgeAllForm(forms.Form):
    """The overview's one-step acknowledgement: a box per guideline not acknowledged yet.

    Each box carries the version the person saw, so a guideline that changes while they
    read is refused like on its own page.
    """

    next = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)

    def __init__(self, *args, pages, **kwargs):
        super().__init__(*args, **kwargs)
        self.pages = list(pages)
        for page in self.pages:
            self.fields[f"read_{page.pk}"] = forms.BooleanField(required=False, label=page.title)
            self.fields[f"version_{page.pk}"] = forms.IntegerField(
                min_value=0,
                max_value=2_147_483_647,
                initial=page.version,
                widget=forms.HiddenInput,
            )

    def boxes(self) -> list[tuple[object, forms.BoundField]]:
        """Each guideline with its box, for the template."""
        return [(page, self[f"read_{page.pk}"]) for page in self.pages]

    def clean(self):
        cleaned = super().clean()
        if self.pages and not any(cleaned.get(f"read_{page.pk}") for page in self.pages):
            raise forms.ValidationError(ERROR_TICK_ONE, code="none_ticked")
        return cleaned

    def chosen(self) -> list[tuple[object, int]]:
        """The ticked guidelines, each with the version the person read."""
        return [
            (page, self.cleaned_data[f"version_{page.pk}"])
            for page in self.pages
            if self.cleaned_data.get(f"read_{page.pk}")
        ]
