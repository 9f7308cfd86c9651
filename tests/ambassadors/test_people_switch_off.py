"""Switching an account off and on (ambassadors.services.person_deactivate / _reactivate):
what is ahead of the person ends, what is behind them stays."""

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from ambassadors.models import Ambassador, Notification, ParticipationEvent
from ambassadors.roles import Role
from ambassadors.services import person_deactivate, person_reactivate
from tests.factories import make_user
from tests.factories.ambassadors import NotificationFactory

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_switching_off_signs_out_only_that_person(employee, other_employee):
    """Someone with a password keeps it; their stored sessions are deleted, a colleague's
    stay."""
    theirs, colleague = signed_in(employee), signed_in(other_employee)
    person_deactivate(user=employee)
    assert theirs.get("/path/")["Location"].startswith("/accounts/login/")
    assert colleague.get("/path/").status_code == 200
    assert Session.objects.count() == 1
    person_reactivate(user=employee)
    employee.refresh_from_db()
    assert employee.has_usable_password()
    assert theirs.get("/path/")["Location"].startswith("/accounts/login/")


def test_without_a_password_every_session_ends_at_once(settings):
    """No search through sessions: a new unusable password ends them all, in any engine."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    user = make_user(Role.EMPLOYEE)
    user.set_unusable_password()
    user.save()
    client = signed_in(user)
    assert client.get("/path/").status_code == 200
    person_deactivate(user=user)
    person_reactivate(user=user)
    assert client.get("/path/")["Location"].startswith("/accounts/login/")


def test_a_participant_leaves_and_must_consent_again_after_switching_on(employee):
    person_deactivate(user=employee)
    ambassador = Ambassador.objects.get(user=employee)
    assert ambassador.status == Ambassador.Status.LEFT
    assert ambassador.participation_events.filter(action=ParticipationEvent.Action.LEFT).exists()
    person_reactivate(user=employee)
    employee.refresh_from_db()
    assert employee.is_active
    assert Ambassador.objects.get(user=employee).status == Ambassador.Status.LEFT
    assert signed_in(employee).get("/path/")["Location"] == "/welcome/"


def test_someone_who_never_joined_stays_invited_and_gets_no_emails(newcomer):
    """No participation events are made up; pending e-mails and planned nudges go."""
    later = timezone.now() + dt.timedelta(days=1)
    note = NotificationFactory(recipient=newcomer, email_after=timezone.now())
    NotificationFactory(recipient=newcomer, is_nudge=True, visible_from=later)
    person_deactivate(user=newcomer)
    ambassador = Ambassador.objects.get(user=newcomer)
    assert ambassador.status == Ambassador.Status.INVITED
    assert not ambassador.participation_events.exists()
    note.refresh_from_db()
    assert note.email_after is None
    assert not Notification.objects.nudges().filter(recipient=newcomer).exists()
    person_reactivate(user=newcomer)
    assert Ambassador.objects.get(user=newcomer).status == Ambassador.Status.INVITED


def test_switching_off_twice_changes_nothing_more(employee):
    person_deactivate(user=employee)
    person_deactivate(user=employee)
    assert ParticipationEvent.objects.filter(action=ParticipationEvent.Action.LEFT).count() == 1


def test_with_signed_cookie_sessions_the_account_is_simply_not_loaded(settings):
    """Nothing stored to delete: the inactive account is refused on the next request."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    user = make_user(Role.EMPLOYEE)
    client = signed_in(user)
    assert client.get("/path/").status_code == 200
    person_deactivate(user=user)
    assert client.get("/path/")["Location"].startswith("/accounts/login/")
