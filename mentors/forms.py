"""One form per kind of request, each with its own questions and help text."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ambassadors.models import Network

from .models import Kind


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


ACCEPT = ".jpg,.jpeg,.png,.webp,.pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp"
FILES_HELP = _(
    "Optional: images, PDF or office documents (Word, Excel, PowerPoint, OpenDocument), "
    "at most 5 files of 10 MB each."
)


class RequestForm(forms.Form):
    kind = Kind.QUESTION
    intro = _("Ask anything about social media, the guidelines or your profile.")
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Your question"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    files = MultipleFileField(label=_("Attachments"), required=False, help_text=FILES_HELP)

    detail_fields: tuple[str, ...] = ()

    def details(self) -> dict:
        return {name: self.cleaned_data.get(name, "") for name in self.detail_fields}


class CoachingForm(RequestForm):
    kind = Kind.COACHING
    intro = _("Want to grow on social media? A mentor coaches you, at your pace.")
    body = forms.CharField(
        label=_("What would you like to get better at?"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("For example: writing posts about my projects, or building my network."),
    )
    availability = forms.CharField(
        label=_("When suits you for a conversation?"), max_length=300, required=False
    )
    detail_fields = ("availability",)
    field_order = ["subject", "body", "availability", "files"]


class GhostwritingForm(RequestForm):
    kind = Kind.GHOSTWRITING
    intro = _("A mentor writes a first version for you; you make it your own and post it.")
    body = forms.CharField(
        label=_("Key points"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What must the text say? Facts, an anecdote, what you want readers to do."),
    )
    topic = forms.CharField(label=_("Topic"), max_length=200)
    audience = forms.CharField(
        label=_("Audience"),
        max_length=200,
        help_text=_("Who should read it: customers, job seekers, peers in your field…"),
    )
    tone = forms.ChoiceField(
        label=_("Tone"),
        choices=[
            ("personal", _("Personal and informal")),
            ("professional", _("Professional")),
            ("enthusiastic", _("Enthusiastic")),
            ("expert", _("Expert and factual")),
        ],
    )
    network = forms.ChoiceField(label=_("Network"), choices=Network.choices)
    detail_fields = ("topic", "audience", "tone")
    field_order = ["subject", "topic", "body", "audience", "tone", "network", "files"]


class EditingForm(RequestForm):
    kind = Kind.EDITING
    intro = _("Paste your draft; a mentor edits it and you see every change.")
    body = forms.CharField(
        label=_("Your draft"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    wishes = forms.CharField(
        label=_("What should the mentor look at?"),
        max_length=1000,
        required=False,
        help_text=_("For example: shorter, friendlier, check the facts."),
    )
    network = forms.ChoiceField(label=_("Where will you post it?"), choices=Network.choices)
    detail_fields = ("wishes",)
    field_order = ["subject", "body", "wishes", "network", "files"]


class MediationForm(RequestForm):
    kind = Kind.MEDIATION
    intro = _(
        "A discussion on social media is going wrong? Do not react any further for now. "
        "A mediator is alerted straight away, also outside office hours."
    )
    link = forms.URLField(
        label=_("Link to the discussion"),
        max_length=1000,
        assume_scheme="https",
        help_text=_("The post or comment where it happens."),
    )
    body = forms.CharField(
        label=_("What happened?"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    urgency = forms.ChoiceField(
        label=_("How urgent is it?"),
        choices=[
            ("now", _("Now: it is escalating")),
            ("today", _("Today")),
            ("calm", _("It has calmed down, but I want advice")),
        ],
    )
    detail_fields = ("link", "urgency")
    field_order = ["subject", "link", "body", "urgency", "files"]


FORMS = {
    form.kind: form
    for form in (RequestForm, CoachingForm, GhostwritingForm, EditingForm, MediationForm)
}


def details_for_display(ticket) -> list[tuple[str, str, bool]]:
    """The kind-specific answers as (label, value, is_link), labelled in the reader's language."""
    form = FORMS[ticket.kind]
    rows = []
    for name in form.detail_fields:
        value = (ticket.details or {}).get(name, "")
        if not value:
            continue
        field = form.base_fields[name]
        choices = dict(getattr(field, "choices", []) or [])
        rows.append((str(field.label), str(choices.get(value, value)), name == "link"))
    if ticket.network:
        rows.append((str(_("Network")), ticket.get_network_display(), False))
    return rows
