"""The demo shows refreshers: a question waiting for the demo people, a report row."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from refreshers import selectors
from refreshers.models import RefresherAnswer, RefresherQuestion

pytestmark = pytest.mark.django_db


def test_the_demo_has_waiting_questions_and_a_report_row(client_for):
    call_command("seed_demo")
    counts = (RefresherQuestion.objects.count(), RefresherAnswer.objects.count())
    call_command("seed_demo")
    assert (RefresherQuestion.objects.count(), RefresherAnswer.objects.count()) == counts
    assert set(RefresherQuestion.objects.values_list("language", flat=True)) == {"nl", "en"}

    for username, language in (("daan", "nl"), ("fatima", "nl"), ("lisa", "nl"), ("noah", "en")):
        user = User.objects.get(username=username)
        waiting = selectors.waiting_for(user, language=language)
        assert waiting.due, username
        html = client_for(user).get("/path/").content.decode()
        assert 'action="/refreshers/"' in html, username

    rows = selectors.wrong_answers_report(days=90, periods=(30, 90, 365))  # as the CMS offers
    assert any(row.shown and row.wrong for row in rows)
