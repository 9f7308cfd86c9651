"""/api/v1/me...: a personal token reads its own person's data, never anyone else's."""

import pytest
from django.test import Client

from tests.factories import make_user
from tests.factories.api import bearer, make_personal_token
from tests.factories.courses import build_tree, complete_basics
from tests.factories.guidelines import acknowledge, build_guidelines
from tests.factories.sharing import ClickFactory, ShareFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def me(db):
    return make_user(language="en")


@pytest.fixture
def phone(me):
    return Client(headers=bearer(make_personal_token(me)[1]))


def test_me_is_the_tokens_person(phone, me):
    body = phone.get("/api/v1/me").json()
    assert body["id"] == me.pk
    assert body["status"] == "active"
    assert body["stage"] == me.ambassador.stage
    assert body["language"] == "en"


def test_progress_shows_completions_with_their_certificate(phone, me):
    tree = build_tree()
    enrolment = complete_basics(me, tree)
    other = make_user()
    complete_basics(other, tree)  # someone else's completion is not mine
    courses = {row["course_key"]: row for row in phone.get("/api/v1/me/progress").json()}
    basics = courses[str(tree.basics.translation_key)]
    assert basics["completed"] is True
    assert basics["percent"] == 100
    assert basics["certificate_url"].endswith(f"/certificates/{enrolment.certificate_code}/")
    stage1 = courses[str(tree.stage1.translation_key)]
    assert stage1["completed"] is False
    assert stage1["certificate_url"] is None


def test_acknowledgements_per_version(phone, me):
    guidelines = build_guidelines()
    acknowledge(me, guidelines.main)
    acknowledge(make_user(), guidelines.privacy)
    rows = {row["title"]: row for row in phone.get("/api/v1/me/acknowledgements").json()}
    assert rows["Social media guidelines"]["status"] == "current"
    assert rows["Social media guidelines"]["acknowledged_version"] == 1
    assert rows["Privacy and photos"]["status"] == "missing"
    assert rows["Privacy and photos"]["acknowledged_at"] is None


def test_reach_counts_only_my_shares(phone, me):
    mine = ShareFactory(user=me)
    ClickFactory(share=mine)
    ClickFactory(share=ShareFactory(user=make_user()))
    body = phone.get("/api/v1/me/reach").json()
    assert body["totals"]["shares"] == 1
    assert body["totals"]["clicks"] == 1
    assert [share["item"] for share in body["shares"]] == [mine.item.title]


def test_a_person_without_profile_reads_defaults_and_nothing_is_written(client):
    from ambassadors.models import Ambassador
    from tests.factories.ambassadors import UserFactory

    user = UserFactory()
    Ambassador.objects.filter(user=user).delete()
    raw = make_personal_token(user)[1]
    body = client.get("/api/v1/me", headers=bearer(raw)).json()
    assert body["status"] == "invited"
    assert not Ambassador.objects.filter(user=user).exists()
