"""Page types: where each can be created, and that they render for learners."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from courses.models import CourseIndexPage, CoursePage, LessonPage


class PageTypeRules(WagtailPageTestCase):
    """Catalogue under the home page, courses under a catalogue, lessons under a course."""

    def test_allowed_parents(self):
        self.assertAllowedParentPageTypes(CourseIndexPage, {Page})
        self.assertAllowedParentPageTypes(CoursePage, {CourseIndexPage})
        self.assertAllowedParentPageTypes(LessonPage, {CoursePage})
        self.assertAllowedSubpageTypes(LessonPage, set())

    def test_can_create_where_allowed(self):
        self.assertCanCreateAt(Page, CourseIndexPage)
        self.assertCanCreateAt(CourseIndexPage, CoursePage)
        self.assertCanCreateAt(CoursePage, LessonPage)
        self.assertCanNotCreateAt(Page, CoursePage)
        self.assertCanNotCreateAt(CourseIndexPage, LessonPage)


pytestmark = pytest.mark.django_db


def test_comms_can_open_the_editor_for_a_new_course(client_for, comms, tree):
    """Comms staff get the Wagtail form to add a course in the catalogue."""
    response = client_for(comms).get(f"/cms/pages/add/courses/coursepage/{tree.index.pk}/")
    assert response.status_code == 200


def test_catalogue_groups_courses_by_stage(client_for, employee, tree):
    """An engagement learner sees basics and stage 1 first, stage 3 later and marked."""
    response = client_for(employee).get(tree.index.url)
    assert response.status_code == 200
    sections = response.context["sections"]
    assert [s.course.title for s in sections[0].courses] == ["Basics", "Engagement"]
    assert [s.course.title for s in sections[1].courses] == ["Production"]
    assert sections[1].courses[0].locked
    assert sections[0].courses[1].missing_prerequisites[0].pk == tree.basics.pk


def test_course_page_lists_lessons_and_goals(client_for, employee, tree):
    """The course page shows its lessons and learning goals."""
    response = client_for(employee).get(tree.basics.url)
    assert response.status_code == 200
    assert [item.page.title for item in response.context["status"].lessons] == [
        "Your profile",
        "Quiz time",
    ]
    assert b"Goal two" in response.content


def test_pages_need_a_participant(client_for, newcomer, tree):
    """Anonymous people go to the login page; people who have not joined to the consent page."""
    anonymous = client_for().get(tree.intro.url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")
    assert client_for(newcomer).get(tree.intro.url)["Location"] == "/welcome/"


def test_lesson_renders_when_the_video_cannot_be_fetched(client_for, employee, tree):
    """A video whose embed cannot be fetched (no network here) falls back to a link."""
    from courses.blocks import lesson_body

    lesson = LessonPage.objects.get(pk=tree.intro.pk)
    lesson.body = lesson_body(
        [("video", {"video": "https://video.invalid/watch?v=1", "caption": "A short film"})]
    )
    lesson.save_revision().publish()
    response = client_for(employee).get(lesson.url)
    assert response.status_code == 200
    assert b"https://video.invalid/watch?v=1" in response.content
    assert b"A short film" in response.content


def test_unpublished_lesson_is_not_found(client_for, employee, tree):
    """An unpublished lesson answers 404."""
    tree.intro.unpublish()
    assert client_for(employee).get(tree.intro.url).status_code == 404


class Previews(WagtailPageTestCase):
    """Comms staff preview catalogue, course and lesson pages in the editor."""

    def test_pages_are_previewable(self):
        from tests.factories.courses import build_tree

        tree = build_tree()
        self.login()
        for page in (tree.index, tree.basics):
            self.assertPageIsPreviewable(page)
        # A lesson's StreamField needs nested form data; preview the stored page instead.
        response = tree.quiz_lesson.make_preview_request()
        assert response.status_code == 200
        self.assertContains(response, "Which network is mostly for work?")
        self.assertNotContains(response, "SECRET-FEEDBACK-WRONG")
