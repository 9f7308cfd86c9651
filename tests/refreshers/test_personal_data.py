"""A person's refresher answers are in their data export; erasure keeps only the figures."""

import json

import pytest

from ambassadors.erasure import account_erase
from refreshers import services
from refreshers.models import RefresherAnswer, RefresherSettings, ReviewState
from refreshers.selectors import question_ref
from tests.factories.guidelines import acknowledge
from tests.factories.refreshers import due_moment, make_question, option_ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(employee, guidelines):
    question = make_question(guidelines.main)
    acknowledge(employee, guidelines.main)
    services.refresher_answer(
        user=employee,
        ref=question_ref(question.pk),
        chosen=option_ids(question, False),
        language="nl",
        now=due_moment(),
    )
    services.reminder_choose(user=employee, remind=True)
    return question


def test_the_export_holds_my_answers_schedules_and_choice(
    client_for, employee, other_employee, answered
):
    data = json.loads(client_for(employee).get("/profile/my-data/").content)
    mine = data["refreshers"][0]
    assert [row["correct"] for row in mine["answers"]] == [False]
    assert mine["answers"][0]["section_id"] == answered.section_id
    assert len(mine["schedules"]) == 1
    assert mine["settings"][0]["remind"] is True
    other = json.loads(client_for(other_employee).get("/profile/my-data/").content)
    assert other["refreshers"][0] == {"answers": [], "schedules": [], "settings": []}


def test_erasure_drops_schedules_and_choices_and_keeps_the_figures(employee, answered):
    account_erase(user=employee)
    assert not ReviewState.objects.exists()
    assert not RefresherSettings.objects.exists()
    answer = RefresherAnswer.objects.get()
    assert (answer.correct, answer.chosen) == (False, [])
