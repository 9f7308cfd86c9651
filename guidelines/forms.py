from django import forms


class AcknowledgeForm(forms.Form):
    """'I have read this': the version the person saw, and where to go next."""

    version = forms.IntegerField(min_value=0, max_value=2_147_483_647)
    next = forms.CharField(required=False, max_length=2000)
