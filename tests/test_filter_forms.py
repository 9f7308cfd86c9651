"""Filter bars in the address are GET forms (core.forms.FilterForm): a value that does not
clean is no filter, is shown as such, and never an error on the page."""

import re

import pytest
from django import forms

from ambassadors.models import Department
from core.forms import FilterForm
from insights.dashboard import Filters

pytestmark = pytest.mark.django_db


class Colours(FilterForm):
    colour = forms.ChoiceField(choices=[("", "all"), ("red", "red")], required=False)
    size = forms.TypedChoiceField(
        choices=[("1", "1"), ("2", "2")], coerce=int, initial="2", required=False
    )


def selected(page: str, name: str) -> str:
    select = re.search(rf'<select name="{name}" id="{name}">(.*?)</select>', page, re.S)
    assert select, f"no select {name}"
    option = re.search(r'<option value="([^"]*)"[^>]*selected', select.group(1))
    return option.group(1) if option else ""


def test_an_odd_value_falls_back_to_the_initial_one_without_an_error():
    form = Colours({"colour": "<b>", "size": "9"})
    assert form.values == {"colour": "", "size": 2}
    assert not form.errors
    html = str(form)
    assert 'id="colour"' in html
    assert "error" not in html
    assert '<option value="2" selected>' in html


def test_good_values_are_kept_and_a_missing_one_is_the_initial():
    assert Colours({"colour": "red"}).values == {"colour": "red", "size": 2}
    assert Colours({"size": "1"}).values == {"colour": "", "size": 1}
    assert Colours().values == {"colour": "", "size": 2}


def test_insights_filters_ignore_odd_values(department):
    filters = Filters.from_query({"days": "8", "department": "x", "stage": "99"})
    assert (filters.days, filters.department, filters.stage) == ("90", None, None)
    chosen = Filters.from_query({"days": "7", "department": str(department.pk), "stage": "2"})
    assert (chosen.days, chosen.department, chosen.stage) == ("7", department.pk, 2)


@pytest.fixture
def department():
    return Department.objects.create(name="Sales")


def test_insights_bar_shows_the_filters_applied(client_for, comms, department):
    page = client_for(comms).get(f"/insights/?days=bogus&department={department.pk}").content
    page = page.decode()
    assert selected(page, "days") == "90"
    assert selected(page, "department") == str(department.pk)
    assert selected(page, "network") == ""
    assert 'class="errors"' not in page


def test_review_queue_bar_shows_the_filters_applied(client_for, mentor):
    page = client_for(mentor).get("/missions/review/?kind=video&older_than=5").content.decode()
    assert selected(page, "kind") == "video"
    assert selected(page, "older_than") == ""
    assert 'class="errors"' not in page


def test_desk_bar_keeps_the_tab_and_drops_an_odd_kind(client_for, mentor):
    page = client_for(mentor).get("/desk/?view=soon&kind=nonsense").content.decode()
    assert '<input type="hidden" name="view" value="soon" id="view">' in page
    assert selected(page, "kind") == ""
    page = client_for(mentor).get("/desk/?view=odd&kind=coaching").content.decode()
    assert '<input type="hidden" name="view" value="mine" id="view">' in page
    assert selected(page, "kind") == "coaching"


def test_feed_network_tabs_mark_the_network_chosen(client_for, employee):
    """The feed's network switch is links (tabs): the one chosen is marked, an odd one is no
    choice (the person's own network, here LinkedIn)."""
    page = client_for(employee).get("/share/?network=x").content.decode()
    assert 'href="?network=x" aria-current="page"' in page
    page = client_for(employee).get("/share/?network=%3Cb%3E").content.decode()
    assert 'href="?network=linkedin" aria-current="page"' in page
    assert 'class="errors"' not in page
