from django import forms
from django.utils.translation import gettext_lazy as _

from ambassadors.models import Department, Language, Stage, Topic

from .models import Push


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
