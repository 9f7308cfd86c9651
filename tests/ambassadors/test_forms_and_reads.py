"""Every POST of the person's pages goes through a form: a refusal shows on the page, in the
person's language, and reading a page writes nothing."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from ambassadors import services
from ambassadors.forms import ERROR_UNKNOWN_CHOICE
from ambassadors.models import Ambassador
from ambassadors.roles import Role
from insights.models import SummarySubscription
from insights.services import summary_subscription_set
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_reading_pages_without_a_profile_records_no_profile(client_for):
    """Someone without a profile (a CMS account) who opens the path or the consent page gets
    no profile row: only joining makes one."""
    user = User.objects.create_user(username="cms-only", password="a-long-test-password")
    client = client_for(user)
    assert client.get(reverse("ambassadors:dashboard"))["Location"] == "/welcome/"
    assert client.get(reverse("ambassadors:welcome")).status_code == 200
    assert client.get(reverse("ambassadors:profile"))["Location"] == "/welcome/"
    assert not Ambassador.objects.filter(user=user).exists()
    assert client.post(reverse("ambassadors:welcome"), {"consent": "on"}).status_code == 302
    assert Ambassador.objects.get(user=user).status == Ambassador.Status.ACTIVE


def test_a_refused_participation_change_shows_on_the_profile_page(client_for):
    """Resuming while taking part: the profile page says why, in the person's language."""
    user = make_user(Role.EMPLOYEE, language="en")
    response = client_for(user).post(reverse("ambassadors:participation"), {"action": "resume"})
    assert response.status_code == 400
    assert str(services.ERROR_NOT_PAUSED) in response.content.decode()
    assert "Save profile" in response.content.decode()  # the whole profile page, not a blank
    assert Ambassador.objects.get(user=user).status == Ambassador.Status.ACTIVE


def test_an_unknown_participation_choice_is_a_form_error(client_for):
    user = make_user(Role.EMPLOYEE, language="en")
    response = client_for(user).post(reverse("ambassadors:participation"), {"action": "x"})
    assert response.status_code == 400
    assert str(ERROR_UNKNOWN_CHOICE) in response.content.decode()


def test_unknown_language_changes_nothing(client_for):
    """A forged language changes no one's language; the target stays local."""
    user = make_user(Role.EMPLOYEE, language="en")
    response = client_for(user).post(
        reverse("ambassadors:set_language"), {"language": "xx", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"
    assert Ambassador.objects.get(user=user).language == "en"


def test_language_is_set_by_the_service_for_any_caller():
    """The service refuses a language the site does not have."""
    user = make_user(Role.EMPLOYEE, language="nl")
    services.ambassador_language_set(user=user, language="en")
    assert Ambassador.objects.get(user=user).language == "en"
    with pytest.raises(ValueError, match="Unknown language"):
        services.ambassador_language_set(user=user, language="de")


def test_erase_with_a_wrong_password_keeps_the_page(client_for):
    user = make_user(Role.EMPLOYEE, language="en")
    response = client_for(user).post(reverse("ambassadors:erase"), {"password": "nope"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "That is not your password; nothing was erased." in page
    assert 'autocomplete="current-password"' in page


def test_summary_subscription_through_the_form_and_the_service(client_for):
    """The dashboard switch and the service agree; a forged value changes nothing."""
    comms = make_user(Role.EMPLOYEE, Role.COMMS)
    client = client_for(comms)
    assert client.post(reverse("insights:subscription"), {"subscribe": "yes"}).status_code == 302
    assert SummarySubscription.objects.filter(user=comms).exists()
    assert client.post(reverse("insights:subscription"), {"subscribe": "maybe"}).status_code == 400
    assert SummarySubscription.objects.filter(user=comms).exists()
    summary_subscription_set(user=comms, subscribe=False)
    assert not SummarySubscription.objects.filter(user=comms).exists()
