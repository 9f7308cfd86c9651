"""The forms of Slack's pages: the CMS connection, and a person's linking code."""

from __future__ import annotations

import json
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from integrations.models.slack import CHANNEL_ID

CODE_SHAPE = re.compile(r"[0-9]{6}")
ERROR_CODE_SHAPE = _("Enter the six digits from Slack.")


class SlackConnectionForm(forms.Form):
    """The token and secret are typed, never shown: empty keeps the saved one."""

    bot_token = forms.CharField(
        label=_("Bot token"),
        required=False,
        max_length=255,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_("Starts with xoxb-. In your Slack app: OAuth & Permissions."),
    )
    signing_secret = forms.CharField(
        label=_("Signing secret"),
        required=False,
        max_length=255,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_("In your Slack app: Basic Information → App Credentials."),
    )
    announcement_channel = forms.CharField(
        label=_("Announcement channel"),
        required=False,
        max_length=24,
        validators=[CHANNEL_ID],
        help_text=_(
            "Optional: the channel id (such as C0123ABCD) where pushes and campaigns are "
            "announced. Invite the app to that channel."
        ),
    )
    announce_pushes = forms.BooleanField(label=_("Announce pushes in the channel"), required=False)
    announce_campaigns = forms.BooleanField(
        label=_("Announce campaigns in the channel"), required=False
    )

    def __init__(self, *args, saved: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if saved:
            for name in ("bot_token", "signing_secret"):
                self.fields[name].help_text = _(
                    "Saved. Leave empty to keep it; paste a new one to replace it."
                )


class SlackActionForm(forms.Form):
    """Which button of the CMS page was pressed."""

    action = forms.ChoiceField(choices=[("save", "save"), ("test", "test"), ("remove", "remove")])


class SlackCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from Slack"),
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "maxlength": "6",
                "pattern": "[0-9]{6}",
            }
        ),
    )

    def clean_code(self) -> str:
        # One message for every wrong shape (too short, too long, letters), not three.
        code = "".join(self.cleaned_data["code"].split())
        if not CODE_SHAPE.fullmatch(code):
            raise forms.ValidationError(ERROR_CODE_SHAPE, code="invalid")
        return code


class SlackInteractionForm(forms.Form):
    """A verified Slack callback: `payload` is the JSON of a button press (block_actions)
    whose user is an object. Anything else is not ours to act on (`is_valid()` is False)."""

    payload = forms.CharField(strip=False)

    def clean_payload(self):
        try:
            payload = json.loads(self.cleaned_data["payload"])
        except ValueError as error:
            raise forms.ValidationError("not JSON", code="invalid") from error
        if (
            not isinstance(payload, dict)
            or payload.get("type") != "block_actions"
            or not isinstance(payload.get("user") or {}, dict)
        ):
            raise forms.ValidationError("not a button press", code="ignored")
        return payload
