"""Translating pages in the CMS (Wagtail's simple_translation) and the demo's English slugs."""

import pytest
from django.utils.text import slugify
from wagtail.models import Locale, Page

from courses.models import CoursePage, LessonPage

pytestmark = pytest.mark.django_db


def test_comms_staff_translate_a_course_tree_with_the_translate_action(client_for, comms, tree):
    """The page header offers *Translate*; it makes English draft copies of the whole tree."""
    english, _created = Locale.objects.get_or_create(language_code="en")
    client = client_for(comms)
    home = tree.index.get_parent()
    translate = f"/cms/translation/submit/page/{tree.index.pk}/"
    assert translate in client.get(f"/cms/pages/{tree.index.pk}/edit/").content.decode()
    for page, subtree in ((home, False), (tree.index, True)):
        response = client.post(
            f"/cms/translation/submit/page/{page.pk}/",
            {"locales": [english.pk], "include_subtree": "on" if subtree else ""},
        )
        assert response.status_code == 302
    course = CoursePage.objects.get(locale=english, translation_key=tree.basics.translation_key)
    assert not course.live  # a draft for the editor to translate and publish
    assert LessonPage.objects.child_of(course).count() == 2
    # While a translation is unpublished, its slug follows the title the editor types.
    form = client.get(f"/cms/pages/{course.pk}/edit/").content.decode()
    assert "w-sync#apply" in form


def test_an_employee_cannot_translate(client_for, employee, tree):
    """The Translate view is for CMS editors only."""
    response = client_for(employee).get(f"/cms/translation/submit/page/{tree.index.pk}/")
    assert response.status_code in (302, 403)


def test_demo_english_pages_have_english_slugs():
    """Every English demo page has its own English slug, never its Dutch source's."""
    from demo.seed import courses as courses_demo
    from demo.seed import guidelines as guidelines_demo

    courses_demo.seed()
    guidelines_demo.seed()
    dutch = Locale.objects.get(language_code="nl")
    english_pages = Page.objects.filter(locale__language_code="en", depth__gt=2)
    assert english_pages.count() >= 25
    for page in english_pages:
        source = page.get_translation(dutch)
        assert page.slug != source.slug or page.slug == slugify(page.title), page.url_path
    slugs = set(english_pages.values_list("slug", flat=True))
    assert {"courses", "four-platforms", "guidelines", "social-media-guidelines"} <= slugs
