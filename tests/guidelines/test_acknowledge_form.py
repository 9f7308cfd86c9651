"""The acknowledgement goes through its form: the 'I have read' box is required."""

import pytest

from guidelines.models import Acknowledgement

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
