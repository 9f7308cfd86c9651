"""The CMS form for a new API token."""

import datetime as dt

from django import forms
from django.contrib.auth.models import User
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import SCOPES, TOKEN_LIFETIME, ApiToken


def _default_expiry() -> dt.date:
    return timezone.localdate() + TOKEN_LIFETIME


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=80, help_text=_("Who or what calls the API with it.")
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=ApiToken.Kind.choices, widget=forms.RadioSelect
    )
    person = forms.CharField(
        label=_("Person"),
        required=False,
        max_length=254,
        help_text=_("For a personal token: the person's user name or e-mail address."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"),
        choices=list(SCOPES.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "For a service token: what it may read or change. Personal tokens read "
            "only their own person's data."
        ),
    )
    expires_on = forms.DateField(
        label=_("Expires on"),
        initial=_default_expiry,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    rate_per_minute = forms.IntegerField(
        label=_("Calls per minute"), min_value=1, max_value=100_000, initial=120
    )

    def clean_expires_on(self):
        value = self.cleaned_data["expires_on"]
        if value <= timezone.localdate():
            raise forms.ValidationError(_("Choose a day after today."))
        return value

    def clean(self):
        cleaned = super().clean()
        kind, name = cleaned.get("kind"), (cleaned.get("person") or "").strip()
        if kind == ApiToken.Kind.PERSONAL:
            person = (
                User.objects.filter(Q(username__iexact=name) | Q(email__iexact=name))
                .filter(is_active=True)
                .order_by("pk")
                .first()
                if name
                else None
            )
            if person is None:
                self.add_error("person", _("No active account has this user name or address."))
            cleaned["user"] = person
            cleaned["scopes"] = []
        elif kind == ApiToken.Kind.SERVICE:
            if name:
                self.add_error("person", _("A service token belongs to no person."))
            if not cleaned.get("scopes"):
                self.add_error("scopes", _("Choose at least one scope."))
            cleaned["user"] = None
        return cleaned

    def expires_at(self) -> dt.datetime:
        day = self.cleaned_data["expires_on"]
        return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59)))
