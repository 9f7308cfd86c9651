"""The acknowledgement goes through its form: the 'I have read' box is required, on a
guideline's page and on the overview (several guidelines in one step)."""

import pytest

from guidelines.forms import ERROR_TICK_ONE
from guidelines.models import Acknowledgement
from guidelines.selectors import has_acknowledged_current_guidelines
from guidelines.services import ERROR_NOT_CURRENT

pytestmark = pytest.mark.django_db


def test_acknowledging_without_ticking_the_box_is_refused(client_for, employee, guidelines):
    """Without 'I have read this guideline', nothing is recorded and the box says why (400)."""
    response = client_for(employee).post(guidelines.main.url, {"version": "1"})
    assert response.status_code == 400
    assert response.context["form"].errors["read"]
    assert 'id="id_read_error"' in response.content.decode()
    assert not Acknowledgement.objects.exists()


def test_the_page_renders_the_form_from_its_fields(client_for, employee, guidelines):
    """Version and next travel as the form's hidden fields; the box is the form's field."""
    html = client_for(employee).get(guidelines.main.url, {"next": "/path/"}).content.decode()
    assert 'name="version" value="1"' in html
    assert 'name="next" value="/path/"' in html
    assert 'type="checkbox" name="read"' in html


def test_the_overview_acknowledges_several_guidelines_in_one_step(client_for, employee, guidelines):
    """One post with a box per guideline records one acknowledgement per guideline version,
    then goes where the person was headed."""
    client = client_for(employee)
    html = client.get(guidelines.index.url, {"next": "/share/"}).content.decode()
    assert f'name="read_{guidelines.main.pk}"' in html
    assert f'name="read_{guidelines.privacy.pk}"' in html
    assert 'name="next" value="/share/"' in html
    response = client.post(
        guidelines.index.url,
        {
            f"read_{guidelines.main.pk}": "on",
            f"version_{guidelines.main.pk}": "1",
            f"read_{guidelines.privacy.pk}": "on",
            f"version_{guidelines.privacy.pk}": "1",
            "next": "/share/",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/share/"
    rows = Acknowledgement.objects.filter(user=employee)
    assert sorted(rows.values_list("page_id", "version")) == sorted(
        [(guidelines.main.pk, 1), (guidelines.privacy.pk, 1)]
    )
    assert has_acknowledged_current_guidelines(employee)
    # Nothing left to acknowledge: the overview shows no form any more.
    assert 'name="read_' not in client.get(guidelines.index.url).content.decode()


def test_the_overview_acknowledges_only_what_is_ticked(client_for, employee, guidelines):
    """An unticked guideline is not acknowledged; ticking none is refused with a reason."""
    client = client_for(employee)
    data = {
        f"version_{guidelines.main.pk}": "1",
        f"version_{guidelines.privacy.pk}": "1",
    }
    refused = client.post(guidelines.index.url, data)
    assert refused.status_code == 400
    assert str(ERROR_TICK_ONE) in refused.content.decode()
    assert not Acknowledgement.objects.exists()
    response = client.post(guidelines.index.url, {**data, f"read_{guidelines.main.pk}": "on"})
    assert response.status_code == 302
    assert response["Location"] == guidelines.index.url  # no next: back to the overview
    assert list(Acknowledgement.objects.values_list("page_id", flat=True)) == [guidelines.main.pk]
    assert not has_acknowledged_current_guidelines(employee)


def test_the_overview_refuses_a_version_that_changed_while_reading(
    client_for, employee, guidelines
):
    """A guideline that changed since the page was shown: nothing is recorded (all or nothing),
    and the form comes back with the current version to acknowledge again."""
    client = client_for(employee)
    response = client.post(
        guidelines.index.url,
        {
            f"read_{guidelines.main.pk}": "on",
            f"version_{guidelines.main.pk}": "1",
            f"read_{guidelines.privacy.pk}": "on",
            f"version_{guidelines.privacy.pk}": "0",
        },
    )
    assert response.status_code == 400
    assert str(ERROR_NOT_CURRENT) in response.content.decode()
    assert not Acknowledgement.objects.exists()
    assert f'name="version_{guidelines.privacy.pk}" value="1"' in response.content.decode()


def test_a_foreign_next_is_ignored(client_for, employee, guidelines):
    """After acknowledging, only a page of this site is followed."""
    response = client_for(employee).post(
        guidelines.index.url,
        {
            f"read_{guidelines.main.pk}": "on",
            f"version_{guidelines.main.pk}": "1",
            f"version_{guidelines.privacy.pk}": "1",
            "next": "https://evil.example/",
        },
    )
    assert response["Location"] == guidelines.index.url
