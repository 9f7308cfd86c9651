"""The forms of Teams: the CMS's connection settings, and a person linking their account."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.outbound import public_url
from integrations.models.teams import TeamsConnection


class TeamsChannelForm(forms.Form):
    """The channel's webhook (typed again only to change it: it is a secret) and what is
    announced there."""

    webhook_url = forms.CharField(
        label=_("Webhook address of the workflow"),
        max_length=2000,
        required=False,
        validators=[public_url],
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=TeamsConnection._meta.get_field("webhook_url").help_text,
    )
    announce_pushes = forms.BooleanField(label=_("Announce pushes in the channel"), required=False)
    announce_campaigns = forms.BooleanField(
        label=_("Announce campaigns in the channel"), required=False
    )

    def clean_webhook_url(self):
        return self.cleaned_data["webhook_url"].strip()


class TeamsBotForm(forms.Form):
    app_id = forms.CharField(label=_("Application (client) id"), max_length=100)
    tenant_id = forms.CharField(label=_("Directory (tenant) id"), max_length=100)
    app_secret = forms.CharField(
        label=_("Client secret"),
        max_length=500,
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_("The secret's value, not its id. Leave empty to keep the saved secret."),
    )

    def __init__(self, *args, has_secret: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_secret = has_secret

    def clean_app_secret(self):
        secret = self.cleaned_data["app_secret"].strip()
        if not secret and not self.has_secret:
            raise forms.ValidationError(_("Enter the client secret."))
        return secret


class TeamsLinkForm(forms.Form):
    email = forms.EmailField(
        label=_("Your work e-mail address"),
        max_length=254,
        help_text=_("The address you sign in to Teams with. The bot sends you a code there."),
    )


class TeamsCodeForm(forms.Form):
    code = forms.RegexField(
        label=_("Code from Teams"),
        regex=r"^\s*\d{6}\s*$",
        max_length=12,
        error_messages={"invalid": _("Enter the 6 digits from the message in Teams.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )
