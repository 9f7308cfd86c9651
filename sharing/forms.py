from django import forms
from django.utils.translation import gettext_lazy as _

from ambassadors.models import Department, Language, Stage, Topic
from core.outbound import public_url
from core.sanitise import strip_controls

from .models import Push
from .services import ERROR_EMPTY_COMMENT

# Limits are checked here, before any text is cleaned (the cleaner's time grows faster than
# the text): a longer value gets a length error and never reaches the service. Addresses
# are read by the one strict reader (`public_url`), not by a second, looser URL field.
URL_LENGTH = 1000


class TypedTextField(forms.CharField):
    """Text as a person types it: control characters (NUL too) dropped as the cleaner
    drops them, then the length checked; the service cleans what passes."""

    def to_python(self, value):
        return super().to_python(strip_controls(value) if isinstance(value, str) else value)


class ProposalForm(forms.Form):
    url = forms.CharField(
        label=_("Address"),
        max_length=URL_LENGTH,
        widget=forms.URLInput,
        validators=[public_url],
    )
    title = TypedTextField(label=_("Title"), max_length=200, required=False)
    comment = TypedTextField(
        label=_("Your comment"),
        max_length=1000,
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
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PushForm(forms.ModelForm):
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

    class Meta:
        model = Push
        fields = ["topics", "stage", "department", "language", "window_hours"]
