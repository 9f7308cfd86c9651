"""Login by e-mail or username, password reset by a queued e-mail, password change."""

import re

import pytest
from django.core import mail

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_login_with_email_or_username(client, employee):
    """Both the username and the e-mail address (any case) sign in; a wrong password does not."""
    assert client.login(username=employee.username, password=PASSWORD)
    client.logout()
    assert client.login(username=employee.email.upper(), password=PASSWORD)
    client.logout()
    assert not client.login(username=employee.email, password="wrong-password")


def test_password_reset_email_leads_to_a_new_password(client, employee):
    """The reset form queues an e-mail whose link sets a new password; unknown addresses get
    the same answer and no e-mail."""
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert len(mail.outbox) == 0
    client.post("/accounts/password/reset/", {"email": employee.email})
    assert len(mail.outbox) == 1
    link = re.search(r"http://\S+/accounts/password/reset/\S+/", mail.outbox[0].body).group(0)
    form = client.get(link.split("127.0.0.1:8000", 1)[1], follow=True)
    assert form.context["validlink"]
    new = "Windmill-Tulip-2026"
    client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert client.login(username=employee.username, password=new)


def test_password_change_logs_out_other_sessions(client_for, employee):
    """After a password change the current session stays, another device is signed out."""
    here, elsewhere = client_for(), client_for()
    here.login(username=employee.username, password=PASSWORD)
    elsewhere.login(username=employee.username, password=PASSWORD)
    new = "Harbour-Lantern-7781"
    response = here.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert here.get("/path/").status_code == 200
    assert elsewhere.get("/path/").status_code == 302


def test_common_passwords_are_refused(client_for, employee):
    """The password validators refuse a common password."""
    client = client_for(employee)
    client.login(username=employee.username, password=PASSWORD)
    response = client.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": "password123", "new_password2": "password123"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
