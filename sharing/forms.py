"""Every input of the content library, on the site and in the CMS: a form per POST.

A service's refusal (`SharingError`) is added to the form that asked (`core.forms.refuse()`), so the
page comes back with what the person typed and the reason."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ambassadors.models import Department, Language, Network, Stage, Topic
from core.forms import FilterForm, TypedTextField
from core.outbound import public_url

from .models import NETWORK_LIMITS, ContentItem, Dismissal, Share, link_length
from .services import ERROR_EMPTY_COMMENT, ERROR_EMPTY_TEXT, SharingError, share_text_check

# Limits are checked here, before any text is cleaned (the cleaner's time grows faster than
# the text): a longer value gets a length error and never reaches the service. Addresses
# are read by the one strict reader (`public_url`), not by a second, looser URL field.
# The limits themselves are the library's columns (`ContentItem`), declared once there.


def _limit(model, field: str) -> int:
    return model._meta.get_field(field).max_length


URL_LENGTH = _limit(ContentItem, "url")
COMMENT_LENGTH = _limit(ContentItem, "proposal_comment")


class NetworkChoiceForm(FilterForm):
    """Which network's texts to show (a filter in the address, or the share form's network).
    Rendered as the page's network switch with the network shown (`shown()`)."""

    network = forms.ChoiceField(label=_("Network"), choices=Network.choices, required=False)

    def network_or(self, default: str) -> str:
        """The network chosen, or `default` when none (or an unknown one) was."""
        return self.values.get("network") or default

    @classmethod
    def shown(cls, network: str, *, label=None) -> NetworkChoiceForm:
        """The switch as a page shows it: `network` selected, under `label`."""
        form = cls({"network": network})
        if label is not None:
            form.fields["network"].label = label
        return form


class ShareForm(forms.Form):
    """The text to share on one network; its limit is the network's own (`NETWORK_LIMITS`)."""

    text = TypedTextField(
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": ERROR_EMPTY_TEXT},
        help_text=_(
            "Tip: a line in your own words works better than the suggestion as it is. Why "
            "does this matter to you?"
        ),
    )
    # Sent by "Share anyway" after the warning that colleagues shared nearly the same text.
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)
    # Sent by "Check my text" (without JavaScript): the page comes back with the posting
    # checks' hints for this text, nothing shared.
    check = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, network: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network
        limit = NETWORK_LIMITS[network]
        text = self.fields["text"]
        text.label = _("Your text for %(network)s") % {"network": Network(network).label}
        # Without JavaScript the browser stops at the limit; the live count (static/js/share.js)
        # lifts that and counts the tracked link as the service does (`link_length`).
        text.widget.attrs.update(
            {
                "maxlength": limit,
                "data-limit": limit,
                "data-link-length": link_length(network),
                "data-network": network,
                "data-count-label": _("%(used)s of %(limit)s characters (with the link)")
                % {"used": "{used}", "limit": "{limit}"},
                "data-over-label": _("%(over)s too many") % {"over": "{over}"},
                "aria-describedby": f"{self['text'].auto_id}_helptext share-count share-coach",
            }
        )

    def clean_text(self) -> str:
        """The network's rules for the text (length with the link, not empty), as the service
        applies them, shown at the field."""
        try:
            return share_text_check(network=self.network, text=self.cleaned_data["text"])
        except SharingError as error:
            raise forms.ValidationError(str(error)) from error


class CoachForm(forms.Form):
    """The text the own-words coach compares (a GET from the composer while typing)."""

    text = TypedTextField(
        required=False, max_length=Share._meta.get_field("text").max_length, strip=True
    )
    # The network whose posting checks apply (empty: the person's first network).
    network = forms.ChoiceField(choices=Network.choices, required=False)


class SaveForm(forms.Form):
    """Save an item for later, or let it go; `show` is the feed tab to go back to."""

    saved = forms.BooleanField(required=False, widget=forms.HiddenInput)
    show = forms.ChoiceField(
        choices=[("", ""), ("saved", "saved")], required=False, widget=forms.HiddenInput
    )
    network = forms.ChoiceField(choices=Network.choices, required=False, widget=forms.HiddenInput)


class DismissForm(forms.ModelForm):
    """'Not relevant for my network', with an optional reason."""

    class Meta:
        model = Dismissal
        fields = ["reason"]
        field_classes = {"reason": TypedTextField}
        labels = {"reason": _("Why not? (optional)")}


class ProposalForm(forms.Form):
    url = forms.CharField(
        label=_("Address"),
        max_length=URL_LENGTH,
        widget=forms.URLInput,
        validators=[public_url],
    )
    title = TypedTextField(
        label=_("Title"), max_length=_limit(ContentItem, "title"), required=False
    )
    comment = TypedTextField(
        label=_("Your comment"),
        max_length=COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why is this worth reading for people in your field?"),
        error_messages={"required": ERROR_EMPTY_COMMENT},
    )


class ColleaguePostForm(forms.Form):
    url = forms.CharField(
        label=_("Address of your LinkedIn post"),
        max_length=URL_LENGTH,
        widget=forms.URLInput,
        validators=[public_url],
    )
    comment = TypedTextField(
        label=_("A line for your colleagues (optional)"),
        max_length=COMMENT_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ProposalReviewForm(forms.Form):
    """Comms staff's decision on a proposal; which button was pressed is the decision."""

    APPROVE, REJECT = "approve", "reject"

    # Sent by the button pressed (no button: not approved, as before).
    decision = forms.ChoiceField(
        choices=[(APPROVE, _("Add to the library")), (REJECT, _("Reject"))],
        required=False,
        widget=forms.HiddenInput,
    )
    reason = TypedTextField(
        label=_("Reason (required when rejecting; shown to the ambassador)"),
        max_length=_limit(ContentItem, "review_reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    @property
    def approve(self) -> bool:
        return self.cleaned_data["decision"] == self.APPROVE


class PushForm(forms.Form):
    """The segment and window of a push; `push_create()` checks the rest."""

    topics = forms.ModelMultipleChoiceField(
        Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Only people interested in"),
    )
    stage = forms.TypedChoiceField(
        choices=[("", _("Every stage that suits the item")), *Stage.choices],
        coerce=int,
        empty_value=None,
        required=False,
        label=_("Stage"),
    )
    department = forms.ModelChoiceField(
        Department.objects.all(), required=False, label=_("Department"), empty_label=_("All")
    )
    language = forms.ChoiceField(
        choices=[("", _("The item's language")), *Language.choices],
        required=False,
        label=_("Language"),
    )
    window_hours = forms.IntegerField(
        min_value=1,
        max_value=24 * 14,
        initial=48,
        label=_("Spread over (hours)"),
        help_text=_(
            "Suggestions are spread over the waking hours of this window; people whose "
            "budget is full get theirs later."
        ),
    )


class VariantRetireForm(forms.Form):
    """Retire one of the item's suggested texts, or offer a retired one again (CMS)."""

    RETIRE, RESTORE = "retire", "restore"

    variant = forms.ModelChoiceField(label=_("Suggested text"), queryset=None)
    action = forms.ChoiceField(
        label=_("Action"), choices=[(RETIRE, _("Retire")), (RESTORE, _("Offer again"))]
    )

    def __init__(self, *args, item: ContentItem, **kwargs):
        super().__init__(*args, **kwargs)
        # Only this item's texts: another item's id is "not a valid choice".
        self.fields["variant"].queryset = item.variants.all()
