"""One form per kind of request, each with its own questions and help text."""

from __future__ import annotations

from django import forms
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from ambassadors.models import Network
from core.forms import FilterForm, TypedTextField

from . import access, selectors
from .models import (
    CannedResponse,
    Draft,
    Kind,
    MentorProfile,
    Message,
    Rating,
    Ticket,
    TicketEvent,
)
from .services.errors import ERROR_BODY, ERROR_EMPTY, ERROR_RATING, ERROR_REASON, ERROR_SUBJECT


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


def _limit(model, field: str) -> int:
    """The model's limit for a text field: declared once, there."""
    return model._meta.get_field(field).max_length


class RequestForm(forms.Form):
    kind = Kind.QUESTION
    intro = _("Ask anything about social media, the guidelines or your profile.")
    subject = TypedTextField(
        label=_("Subject"),
        max_length=_limit(Ticket, "subject"),
        error_messages={"required": ERROR_SUBJECT},
    )
    body = TypedTextField(
        label=_("Your question"),
        max_length=_limit(Ticket, "body"),
        error_messages={"required": ERROR_BODY},
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    files = MultipleFileField(label=_("Attachments"), required=False, help_text=FILES_HELP)

    detail_fields: tuple[str, ...] = ()

    def details(self) -> dict:
        return {name: self.cleaned_data.get(name, "") for name in self.detail_fields}


class CoachingForm(RequestForm):
    kind = Kind.COACHING
    intro = _("Want to grow on social media? A mentor coaches you, at your pace.")
    body = TypedTextField(
        label=_("What would you like to get better at?"),
        max_length=_limit(Ticket, "body"),
        error_messages={"required": ERROR_BODY},
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("For example: writing posts about my projects, or building my network."),
    )
    availability = TypedTextField(
        label=_("When suits you for a conversation?"), max_length=300, required=False
    )
    detail_fields = ("availability",)
    field_order = ["subject", "body", "availability", "files"]


class GhostwritingForm(RequestForm):
    kind = Kind.GHOSTWRITING
    intro = _("A mentor writes a first version for you; you make it your own and post it.")
    body = TypedTextField(
        label=_("Key points"),
        max_length=_limit(Ticket, "body"),
        error_messages={"required": ERROR_BODY},
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What must the text say? Facts, an anecdote, what you want readers to do."),
    )
    topic = TypedTextField(label=_("Topic"), max_length=200)
    audience = TypedTextField(
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
    body = TypedTextField(
        label=_("Your draft"),
        max_length=_limit(Ticket, "body"),
        error_messages={"required": ERROR_BODY},
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    wishes = TypedTextField(
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
    body = TypedTextField(
        label=_("What happened?"),
        max_length=_limit(Ticket, "body"),
        error_messages={"required": ERROR_BODY},
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


# --- the thread, the desk's actions and what mentors keep ------------------------------------


class HelpReplyForm(forms.Form):
    """The employee's reply on their request page."""

    body = TypedTextField(
        label=_("Your reply"),
        required=False,
        max_length=_limit(Message, "body"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    # Checked by content in the service (`core.uploads`), which names what is wrong.
    files = MultipleFileField(label=_("Attachments"), required=False, allow_empty_file=True)


class TicketActionForm(forms.Form):
    """A button without input (close, reopen): carries the service's refusal, if any."""


class DeskActionForm(forms.Form):
    """Which button on a desk request was pressed (`name=action value=...`)."""

    ACTIONS = ("reply", "take", "pickup", "wait", "resolve", "reassign", "draft", "keep")
    action = forms.ChoiceField(
        choices=[(action, action) for action in ACTIONS],
        error_messages={"invalid_choice": _("Unknown action."), "required": _("Unknown action.")},
    )


class DeskReplyForm(forms.Form):
    """A mentor's reply or internal note, optionally then waiting for the employee."""

    body = TypedTextField(
        label=_("Message"),
        required=False,
        max_length=_limit(Message, "body"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    internal = forms.BooleanField(
        label=_("Internal note (never shown to the employee)"), required=False
    )
    # Checked by content in the service (`core.uploads`), which names what is wrong.
    files = MultipleFileField(label=_("Attachments"), required=False, allow_empty_file=True)
    # The "Send and wait for the employee" button: name=then value=wait.
    then = forms.ChoiceField(choices=[("", ""), ("wait", "wait")], required=False)

    @property
    def then_wait(self) -> bool:
        return self.cleaned_data.get("then") == "wait"


class DraftForm(forms.Form):
    """A ghostwritten or edited text for the employee."""

    text = TypedTextField(
        label=_("Draft text"),
        max_length=_limit(Draft, "text"),
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": ERROR_EMPTY},
    )

    def __init__(self, *args, ticket=None, **kwargs):
        super().__init__(*args, **kwargs)
        if ticket is not None and ticket.kind == Kind.EDITING:
            self.fields["text"].label = _("Edited text")
            # An edit starts from the employee's own text.
            if not ticket.drafts.exists():
                self.fields["text"].initial = ticket.body


class ReassignForm(forms.Form):
    """Hand a request over to another mentor, with a reason."""

    to_user = forms.ModelChoiceField(
        label=_("Reassign to"),
        queryset=User.objects.none(),
        empty_label="—",
        error_messages={"required": _("Choose a mentor."), "invalid_choice": _("Choose a mentor.")},
    )
    reason = TypedTextField(
        label=_("Reason"),
        max_length=_limit(TicketEvent, "reason"),
        error_messages={"required": ERROR_REASON},
    )

    def __init__(self, *args, ticket, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["to_user"]
        # Any mentor is accepted here; whether they may be given it is the service's rule
        # (`ticket_reassign`), which explains a refusal. The list offers those who may, with
        # their load (`candidates`: as `handover_choices` gave them, kept by the desk).
        field.queryset = User.objects.filter(access.mentors_q()).distinct()
        field.widget.choices = [
            ("", "—"),
            *(handover_choices(ticket) if candidates is None else candidates),
        ]


def handover_choices(ticket) -> list[tuple[int, str]]:
    """The mentors a request may be handed to, with their load: "Name (open/capacity)"."""
    return [
        (mentor.user_id, f"{mentor} ({mentor.open_count}/{mentor.capacity})")
        for mentor in selectors.handover_candidates(ticket=ticket)
    ]


class KeepForm(forms.Form):
    """Why the law says to keep the request's content (empty: no reason)."""

    reason = TypedTextField(
        label=_("Keep by law"),
        required=False,
        max_length=_limit(Ticket, "keep_reason"),
        help_text=_(
            "Only when the law requires keeping this request (for example an incident under "
            "investigation): if the employee erases their account, its content is then kept "
            "without their name. Leave empty to let it be removed."
        ),
    )


class RatingForm(forms.Form):
    """The employee's score for the help, with an optional comment."""

    satisfaction = forms.TypedChoiceField(
        label=_("Your score"),
        choices=[(str(n), str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("1 = not helped at all, 5 = very well helped"),
        error_messages={"required": ERROR_RATING, "invalid_choice": ERROR_RATING},
    )
    comment = TypedTextField(
        label=_("Comment (optional)"),
        required=False,
        max_length=_limit(Rating, "comment"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CannedResponseForm(forms.ModelForm):
    """A new canned response (for one kind, or for all)."""

    class Meta:
        model = CannedResponse
        fields = ["title", "kind", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("all kinds")), *Kind.choices]


class CannedDeleteForm(forms.Form):
    """Which canned response to delete (`name=delete value=<id>`)."""

    delete = forms.ModelChoiceField(queryset=CannedResponse.objects.all())


class AvailabilityForm(forms.ModelForm):
    """How many requests a mentor takes at once and when they are away."""

    class Meta:
        model = MentorProfile
        fields = ["capacity", "away_from", "away_until"]
        widgets = {
            "away_from": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "away_until": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("away_from"), cleaned.get("away_until")
        if start and end and end <= start:
            # On the field: the database constraint behind it is then not reported again.
            self.add_error("away_until", _("“Away until” must be after “away from”."))
        return cleaned


class DeskFilterForm(FilterForm):
    """The desk's filter bar (in the address): the tab shown (kept in a hidden field when the
    kind changes) and the kind of request; an odd value is the default tab or no filter."""

    view = forms.ChoiceField(
        choices=[(view, view) for view in selectors.VIEWS],
        initial="mine",
        required=False,
        widget=forms.HiddenInput,
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("all")), *Kind.choices], required=False
    )
