from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.urls import reverse
from django.utils.formats import number_format, time_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from core import throttle
from core.backends import password_sign_in_allowed, password_sign_in_for_everyone
from core.queue import enqueue

from .channels import DEFAULT_CHANNELS, EMAIL, Category, channels_offered
from .models import MAX_AUDIENCE, Ambassador, Language, Network, SocialProfile, Topic
from .quiet import QuietHours

ERROR_AUDIENCE_TOO_LARGE = _(
    "That is more than one person's audience we count (at most %(limit)s). Enter roughly how "
    "many connections or followers you have yourself."
)
ERROR_TOO_MANY_SIGN_INS = _(
    "Too many failed attempts to sign in. Wait %(minutes)s minutes and try again, or reset "
    "your password."
)
# Password sign-in for administrators only: one answer to every failed password, right or
# wrong, so the form never tells whether an employee's password is right.
ERROR_PASSWORD_SIGN_IN_OFF = _(
    "Use the button of your organisation above to log in with your work account. "
    "Administrators: check your e-mail address (or username) and password."
)
# An employee locked out cannot reset a password: point to the button instead.
ERROR_TOO_MANY_SIGN_INS_ADMINISTRATORS_ONLY = _(
    "Too many failed attempts to log in with a password. Use the button of your "
    "organisation above to log in with your work account. Administrators: wait "
    "%(minutes)s minutes and try again."
)
ERROR_TOO_MANY_PASSWORD_RESETS = _(
    "Too many password resets were asked for from your network. Wait %(minutes)s minutes "
    "and try again."
)


@dataclass(frozen=True)
class ChannelColumn:
    code: str
    label: str
    reaches: bool
    manage_url: str = ""
    manage_label: str = ""
    categories: tuple[str, ...] = tuple(Category.values)


class ProfileForm(forms.ModelForm):
    topics = forms.ModelMultipleChoiceField(
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Topics of interest"),
    )
    quiet_hours_start = forms.TimeField(
        label=_("Quiet hours from"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    quiet_hours_end = forms.TimeField(
        label=_("Quiet hours until"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )

    class Meta:
        model = Ambassador
        fields = [
            "department",
            "language",
            "topics",
            "channels_paused",
            "weekly_digest",
            "max_nudges_per_week",
            "quiet_hours_start",
            "quiet_hours_end",
            "leaderboard_visible",
            "leaderboard_anonymous",
        ]

    def __init__(
        self,
        *args,
        budget_default: int,
        quiet_default: QuietHours | None = None,
        desk: bool = False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.budget_default = budget_default
        self._channel_table(desk=desk)
        if quiet_default is not None:
            self.fields["quiet_hours_start"].help_text = _(
                "Leave both empty to use the programme's quiet hours (%(start)s–%(end)s) for "
                "suggestions and offers."
            ) % {"start": time_format(quiet_default[0]), "end": time_format(quiet_default[1])}
        self.fields["max_nudges_per_week"].help_text = _(
            "The programme's default is %(default)s. Leave empty to use it; you can only go lower."
        ) % {"default": budget_default}
        self.fields["max_nudges_per_week"].widget.attrs.update({"min": 0, "max": budget_default})

    def _channel_table(self, *, desk: bool) -> None:
        """One checkbox per category (row) and channel (column): `channel_rows` and
        `channel_columns` for the template. Desk work is a row for mentors only."""
        user = self.instance.user
        self.channel_columns = [
            ChannelColumn(code=EMAIL, label=_("E-mail"), reaches=bool(user.email))
        ] + [
            ChannelColumn(
                code=offer.code,
                label=offer.label,
                reaches=offer.reaches(user),
                manage_url=reverse(offer.manage_url_name) if offer.manage_url_name else "",
                manage_label=offer.manage_label,
                categories=offer.categories,
            )
            for offer in channels_offered()
        ]
        self.channel_rows = []
        for category in Category:
            if category == Category.DESK and not desk:
                continue
            chosen = (self.instance.channel_choices or {}).get(category.value)
            chosen = DEFAULT_CHANNELS if chosen is None else chosen
            cells = []
            for column in self.channel_columns:
                if category.value not in column.categories:
                    cells.append(None)
                    continue
                name = f"channel_{category.value}_{column.code}"
                self.fields[name] = forms.BooleanField(
                    required=False,
                    initial=column.code in chosen,
                    label=_("%(kind)s by %(channel)s")
                    % {"kind": category.label, "channel": column.label},
                )
                cells.append(name)
            self.channel_rows.append((category, cells))

    @property
    def channel_links(self) -> list[ChannelColumn]:
        """The channels to connect or manage (a chat account, push devices)."""
        return [column for column in self.channel_columns if column.manage_url]

    def channel_fields(self):
        """(category, [bound field or None per column]) for the template's table."""
        return [
            (category, [self[name] if name else None for name in cells])
            for category, cells in self.channel_rows
        ]

    def save(self, commit=True):
        ambassador = super().save(commit=False)
        choices = dict(ambassador.channel_choices or {})
        shown = {column.code for column in self.channel_columns}
        for category, cells in self.channel_rows:
            before = choices.get(category.value)
            before = list(DEFAULT_CHANNELS) if before is None else before
            # A channel not offered now (a chat the organisation switched off) keeps its choice.
            kept = [code for code in before if code not in shown]
            choices[category.value] = kept + [
                column.code
                for column, name in zip(self.channel_columns, cells, strict=True)
                if name and self.cleaned_data.get(name)
            ]
        ambassador.channel_choices = choices
        if commit:
            ambassador.save()
            self.save_m2m()
        return ambassador

    def clean_max_nudges_per_week(self):
        value = self.cleaned_data.get("max_nudges_per_week")
        if value is not None and value > self.budget_default:
            raise forms.ValidationError(
                _("You can lower the number of suggestions, not raise it above %(default)s.")
                % {"default": self.budget_default}
            )
        return value


class NetworksForm(forms.Form):
    """One row per network: used or not, and the approximate audience there."""

    def __init__(self, *args, ambassador: Ambassador, **kwargs):
        super().__init__(*args, **kwargs)
        self.ambassador = ambassador
        current = {profile.network: profile for profile in ambassador.networks.all()}
        for network in Network:
            profile = current.get(network.value)
            self.fields[f"{network.value}_used"] = forms.BooleanField(
                label=_("I use %(network)s") % {"network": network.label},
                required=False,
                initial=profile is not None,
            )
            self.fields[f"{network.value}_audience"] = forms.IntegerField(
                label=_("Approximate audience on %(network)s") % {"network": network.label},
                required=False,
                min_value=0,
                max_value=MAX_AUDIENCE,
                error_messages={
                    "max_value": ERROR_AUDIENCE_TOO_LARGE
                    % {"limit": number_format(MAX_AUDIENCE, force_grouping=True)}
                },
                initial=profile.audience_size if profile else None,
            )

    def rows(self):
        for network in Network:
            yield network, self[f"{network.value}_used"], self[f"{network.value}_audience"]

    def save(self) -> None:
        for network in Network:
            used = self.cleaned_data[f"{network.value}_used"]
            audience = self.cleaned_data[f"{network.value}_audience"] or 0
            if used:
                SocialProfile.objects.update_or_create(
                    ambassador=self.ambassador,
                    network=network.value,
                    defaults={"audience_size": audience},
                )
            else:
                SocialProfile.objects.filter(
                    ambassador=self.ambassador, network=network.value
                ).delete()


class LoginForm(AuthenticationForm):
    """Imported employees know their e-mail address; demo and admin accounts a username."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail address or username")
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        if settings.ACADEMY_SSO_PROVIDERS:
            # The organisation's button comes first on the page; focus must not skip it.
            self.fields["username"].widget.attrs.pop("autofocus", None)

    throttled = False
    password_sign_in_off = False

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        if username and throttle.is_blocked(username, throttle.client_address(self.request)):
            self.throttled = True
            minutes = max(settings.ACADEMY_LOGIN_BLOCK_SECONDS // 60, 1)
            message = (
                ERROR_TOO_MANY_SIGN_INS
                if password_sign_in_for_everyone()
                else ERROR_TOO_MANY_SIGN_INS_ADMINISTRATORS_ONLY
            )
            raise forms.ValidationError(message, code="throttled", params={"minutes": minutes})
        try:
            return super().clean()
        except forms.ValidationError:
            if not password_sign_in_for_everyone():
                self.password_sign_in_off = True
                raise forms.ValidationError(
                    ERROR_PASSWORD_SIGN_IN_OFF, code="password_sign_in_off"
                ) from None
            raise


class QueuedPasswordResetForm(PasswordResetForm):
    """Password reset whose e-mail is sent by a task, never inside the request; limited per
    account and per address (core/throttle.py)."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean(self):
        if throttle.password_resets_blocked(throttle.client_address(self.request)):
            minutes = max(settings.ACADEMY_PASSWORD_RESET_WINDOW_SECONDS // 60, 1)
            raise forms.ValidationError(
                ERROR_TOO_MANY_PASSWORD_RESETS, code="throttled", params={"minutes": minutes}
            )
        return super().clean()

    def get_users(self, email):
        # Someone who may not sign in with a password gets no link to set one; the page
        # answers as for any address, so it tells nothing.
        return (user for user in super().get_users(email) if password_sign_in_allowed(user))

    def save(self, *args, request=None, **kwargs):
        throttle.password_reset_requested(throttle.client_address(request or self.request))
        for user in self.get_users(self.cleaned_data["email"]):
            # Over an account's limit nothing is sent, and the answer stays the same: it must
            # not tell whether an address has an account.
            if throttle.password_reset_may_send(user):
                enqueue("ambassadors.tasks.send_password_reset", user.pk)


class EmployeeImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("Comma or semicolon separated, UTF-8. Language is nl or en."),
    )


ERROR_CONSENT_REQUIRED = _("Tick the box to confirm that you want to take part.")
ERROR_UNKNOWN_CHOICE = _("Unknown choice.")
ERROR_WRONG_PASSWORD = _("That is not your password; nothing was erased.")


class ConsentForm(forms.Form):
    """Joining the programme: the tick that records consent."""

    consent = forms.BooleanField(
        label=_("I have read this and want to take part in Ambassador Academy."),
        error_messages={"required": ERROR_CONSENT_REQUIRED},
    )


class ParticipationForm(forms.Form):
    """Pause, resume or leave; leaving asks once more (the confirmation page sends `confirm`)."""

    PAUSE, RESUME, LEAVE = "pause", "resume", "leave"

    action = forms.ChoiceField(
        choices=[(PAUSE, PAUSE), (RESUME, RESUME), (LEAVE, LEAVE)],
        error_messages={"required": ERROR_UNKNOWN_CHOICE, "invalid_choice": ERROR_UNKNOWN_CHOICE},
    )
    confirm = forms.BooleanField(required=False)

    def needs_confirmation(self) -> bool:
        return self.cleaned_data["action"] == self.LEAVE and not self.cleaned_data["confirm"]


class ButtonForm(forms.Form):
    """A POST that carries nothing but the press of a button (open a notification, mark all
    read): validated like any other, so the view reads no request data of its own."""


class UnsubscribeForm(forms.Form):
    """The one-click unsubscribe POST (RFC 8058): `List-Unsubscribe=One-Click`, as mail
    programs send it and as the unsubscribe page's button sends it."""

    FIELD = "List-Unsubscribe"
    VALUE = "One-Click"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The field's name has a hyphen, so it cannot be a class attribute.
        self.fields[self.FIELD] = forms.ChoiceField(
            choices=[(self.VALUE, self.VALUE)], widget=forms.HiddenInput, initial=self.VALUE
        )


class LanguageForm(forms.Form):
    """The header's language switch: a known language (else nothing changes) and a local
    page to return to (else the home page)."""

    language = forms.CharField(required=False)
    next = forms.CharField(required=False)

    def __init__(self, *args, allowed_hosts: set[str], require_https: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.allowed_hosts = allowed_hosts
        self.require_https = require_https

    def clean_language(self) -> str:
        language = self.cleaned_data["language"]
        return language if language in Language.values else ""

    def clean_next(self) -> str:
        target = self.cleaned_data["next"]
        if url_has_allowed_host_and_scheme(
            target, allowed_hosts=self.allowed_hosts, require_https=self.require_https
        ):
            return target
        return reverse("ambassadors:home")


class EraseForm(forms.Form):
    """Erasing one's own account, confirmed with the password."""

    password = forms.CharField(
        label=_("Your password, to confirm"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(ERROR_WRONG_PASSWORD, code="wrong_password")
        return password
