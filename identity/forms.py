"""The forms of two-factor sign-in (identity/two_factor.py) and of a new provisioning
connection in the CMS."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from core.forms import TypedTextField

from .models import ScimConnection
from .scim.services import scim_connection_slug


class CodeForm(forms.Form):
    """A six-digit code from the person's app, or one of their recovery codes."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("The six digits your authenticator app shows, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class AppAddForm(forms.Form):
    """A new authenticator app: a name to tell it apart, and a code that proves it works."""

    name = TypedTextField(
        label=_("Name"),
        max_length=64,
        initial=_("Authenticator app"),
        help_text=_("To tell your apps apart, for example “Phone”."),
    )
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class FreshCodeForm(forms.Form):
    """New recovery codes replace the old ones: a fresh code first (none when there are none)."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        required=False,
        help_text=_("A code from your app or one of your current recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
    )


class ScimConnectionForm(WagtailAdminModelForm):
    """A new provisioning connection: a name is enough, the short name is made from it."""

    class Meta:
        model = ScimConnection
        fields = ["name", "slug"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _(
            "Keys the provisioning client's ids (externalId); it cannot change later. "
            "Left empty, it is made from the name."
        )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("slug") and cleaned.get("name"):
            cleaned["slug"] = scim_connection_slug(cleaned["name"])
        return cleaned


class SamlAnswerForm(forms.Form):
    """What a SAML IdP posts to the ACS (HTTP-POST binding); its signature is checked later."""

    SAMLResponse = forms.CharField(required=False, strip=False)  # noqa: N815 (the binding's name)
    RelayState = forms.CharField(required=False, max_length=2000)  # noqa: N815
