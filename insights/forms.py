from django import forms


class SummarySubscriptionForm(forms.Form):
    """The dashboard's switch for the weekly summary e-mail: "yes" switches it on, else off."""

    subscribe = forms.TypedChoiceField(
        choices=[("yes", "yes"), ("no", "no")],
        coerce=lambda value: value == "yes",
        required=False,
        empty_value=False,
    )
