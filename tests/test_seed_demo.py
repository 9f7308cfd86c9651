"""The demo organisation loads, loads again without changes, and every demo page renders."""

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import call_command

from courses.models import CoursePage, Enrolment, LessonPage

pytestmark = pytest.mark.django_db


def _counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in ("ambassadors", "courses", "auth", "wagtailcore")
        and model._meta.model_name not in ("modellogentry", "pagelogentry", "referenceindex")
    }


def test_seed_demo_is_idempotent():
    """A second run changes nothing."""
    call_command("seed_demo")
    first = _counts()
    call_command("seed_demo")
    assert _counts() == first
    assert User.objects.filter(groups__name="Employees").count() >= 30
    assert CoursePage.objects.filter(locale__language_code="nl").count() == 4
    assert CoursePage.objects.filter(locale__language_code="en").count() == 4
    assert LessonPage.objects.filter(locale__language_code="nl").count() >= 12
    assert Enrolment.objects.completed().exists()
    assert Enrolment.objects.filter(completed_at__isnull=True).exists()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_demo_course_page_renders(client, language):
    """A production-stage demo learner opens every catalogue, course and lesson page."""
    call_command("seed_demo")
    learner = User.objects.get(username="fatima")
    learner.ambassador.language = language
    learner.ambassador.save()
    client.force_login(learner)
    pages = [*CoursePage.objects.filter(locale__language_code=language)]
    pages += list(LessonPage.objects.filter(locale__language_code=language))
    pages.append(pages[0].get_parent())
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert response["Content-Language"] == language
