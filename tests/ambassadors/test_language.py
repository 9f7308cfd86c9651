"""No Dutch left on English pages: the password page of an invitation, department names."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import translation

from ambassadors import accounts
from ambassadors.models import Ambassador, Department
from ambassadors.roles import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "title", "other_title"),
    [("en", "Choose a password", "Kies een wachtwoord"), ("nl", "Kies een wachtwoord", None)],
)
def test_the_password_page_of_an_invitation_is_in_the_persons_language(
    language, title, other_title
):
    """An English invitation opens an English password page, in a browser that asks for Dutch."""
    person = make_user(Role.EMPLOYEE, language=language, joined=False)
    person.set_unusable_password()
    person.save()
    assert accounts.invitation_send(ambassador_id=person.ambassador.pk)
    url = re.search(r"http\S+", mail.outbox[0].body).group(0)
    assert url.endswith(f"?lang={language}")
    browser = Client(HTTP_ACCEPT_LANGUAGE="nl" if language == "en" else "en")
    page = browser.get(url.removeprefix(settings.SITE_URL), follow=True)
    html = page.content.decode()
    assert f"<h1>{title}</h1>" in html
    assert page.context["form"] is not None  # the link was valid: the form is shown
    if other_title:
        assert other_title not in html
    # The next page (after saving) keeps the language: it is in the cookie now.
    assert browser.cookies[settings.LANGUAGE_COOKIE_NAME].value == language


def test_a_language_in_the_link_does_not_override_a_signed_in_profile(client_for):
    """A signed-in person keeps their profile's language whatever the link says."""
    person = make_user(Role.EMPLOYEE, language="nl")
    html = client_for(person).get("/profile/?lang=en").content.decode()
    assert 'lang="nl"' in html


def test_departments_have_an_english_name_where_it_differs(client_for):
    """English pages show the department's English name; without one, its only name."""
    service = Department.objects.create(name="Klantenservice", name_en="Customer Service")
    hr = Department.objects.create(name="HR")
    with translation.override("en"):
        assert (str(service), str(hr)) == ("Customer Service", "HR")
    with translation.override("nl"):
        assert (str(service), str(hr)) == ("Klantenservice", "HR")
    reader = make_user(Role.EMPLOYEE, language="en", department=service)
    Ambassador.objects.filter(user=reader).update(leaderboard_visible=True)
    html = client_for(reader).get("/missions/leaderboard/").content.decode()
    assert "Customer Service" in html
    assert "Klantenservice" not in html
