from django import forms
from django.utils.translation import gettext_lazy as _

from ambassadors.models import Language, Network, Stage
from core.forms import FilterForm


class SummarySubscriptionForm(forms.Form):
    """The dashboard's switch for the weekly summary e-mail: "yes" switches it on, else off."""

    subscribe = forms.TypedChoiceField(
        choices=[("yes", "yes"), ("no", "no")],
        coerce=lambda value: value == "yes",
        required=False,
        empty_value=False,
    )


def _all(choices) -> list:
    return [("", _("all")), *choices]


class InsightFilterForm(FilterForm):
    """The dashboard's filter bar (in the address); an odd value is no filter, an odd period
    the default one. Departments and topics are the lists `dashboard.choices()` read once."""

    # The periods are the windows the rollups precompute (insights.rollups.WINDOWS).
    days = forms.ChoiceField(
        label=_("Period"),
        choices=[
            ("7", _("7 days")),
            ("30", _("30 days")),
            ("90", _("90 days")),
            ("365", _("a year")),
        ],
        initial="90",
        required=False,
    )
    department = forms.TypedChoiceField(
        label=_("Department"), coerce=int, empty_value=None, required=False
    )
    stage = forms.TypedChoiceField(
        label=_("Stage"), choices=_all(Stage.choices), coerce=int, empty_value=None, required=False
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=_all(Language.choices), required=False
    )
    network = forms.ChoiceField(label=_("Network"), choices=_all(Network.choices), required=False)
    topic = forms.TypedChoiceField(label=_("Topic"), coerce=int, empty_value=None, required=False)

    def __init__(self, data=None, *, departments, topics, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["department"].choices = _all(departments)
        self.fields["topic"].choices = _all(topics)


# The calendar shows these years at most: far enough either way, and no date arithmetic
# near the ends of the calendar (a hostile `day=9999-12-31`).
CALENDAR_YEARS = (2000, 2100)


class CalendarForm(forms.Form):
    """The calendar's week or month and a day in it, read from the address."""

    view = forms.ChoiceField(
        label=_("View"),
        choices=[("week", _("Week")), ("month", _("Month"))],
        required=False,
    )
    day = forms.DateField(label=_("Day"), input_formats=["%Y-%m-%d"], required=False)

    def clean_day(self):
        day = self.cleaned_data["day"]
        if day is not None and not CALENDAR_YEARS[0] <= day.year <= CALENDAR_YEARS[1]:
            raise forms.ValidationError(_("Choose a day between 2000 and 2100."))
        return day
