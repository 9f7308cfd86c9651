"""Estimated audience figures are bounded, and comms staff see and correct the outliers."""

import pytest
from django.db import IntegrityError, transaction

from ambassadors.models import MAX_AUDIENCE, Ambassador, SocialProfile
from ambassadors.roles import Role
from tests.factories import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_an_audience_of_ten_million_is_refused_with_a_clear_error(client_for, employee):
    """The profile form refuses an audience above the bound and says what to enter."""
    Ambassador.objects.filter(user=employee).update(language="en")
    response = client_for(employee).post(
        "/profile/",
        {"language": "en", "linkedin_used": "on", "linkedin_audience": "10000000"},
    )
    assert response.status_code == 200
    page = " ".join(response.content.decode().split())
    assert "more than one person&#x27;s audience we count (at most 50,000)" in page
    assert not SocialProfile.objects.filter(ambassador__user=employee).exists()


def test_the_database_refuses_an_audience_above_the_bound(employee):
    """Whatever path writes it, an audience above the bound is never stored."""
    with pytest.raises(IntegrityError), transaction.atomic():
        SocialProfile.objects.create(
            ambassador=employee.ambassador, network="x", audience_size=MAX_AUDIENCE + 1
        )


def test_comms_staff_see_the_highest_figures_first_and_correct_them(client_for):
    """The CMS lists audience figures highest first; comms staff edit one, but add none."""
    comms = make_user(Role.EMPLOYEE, Role.COMMS, language="en")
    modest, outlier = make_user(), make_user()
    SocialProfile.objects.create(
        ambassador=modest.ambassador, network="linkedin", audience_size=300
    )
    figure = SocialProfile.objects.create(
        ambassador=outlier.ambassador, network="linkedin", audience_size=MAX_AUDIENCE
    )
    client = client_for(comms)
    listing = client.get("/cms/snippets/ambassadors/socialprofile/")
    assert listing.status_code == 200
    rows = [row.pk for row in listing.context["object_list"]]
    assert rows[0] == figure.pk
    edit_url = f"/cms/snippets/ambassadors/socialprofile/edit/{figure.pk}/"
    response = client.post(edit_url, {"audience_size": "900"})
    assert response.status_code == 302
    figure.refresh_from_db()
    assert (figure.audience_size, figure.ambassador_id) == (900, outlier.ambassador.pk)
    assert client.get("/cms/snippets/ambassadors/socialprofile/add/").status_code == 302
