"""Guideline pages, acknowledgement, the major/minor rule, asking again, the comparison."""

import pytest
from django.utils import translation
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from ambassadors.models import Notification
from guidelines import selectors, services
from guidelines.models import (
    ERROR_SUMMARY_REQUIRED,
    ERROR_SUMMARY_STALE,
    Acknowledgement,
    ContentStrategyPage,
    GuidelineIndexPage,
    GuidelinePage,
)
from tests.factories.guidelines import acknowledge, major_change, publish

pytestmark = pytest.mark.django_db


class TestPageTypes:
    def test_where_pages_can_live(self):
        """Overview under the home page; guidelines and one strategy under the overview."""
        assert GuidelinePage.allowed_parent_page_models() == [GuidelineIndexPage]
        assert ContentStrategyPage.allowed_parent_page_models() == [GuidelineIndexPage]
        assert set(GuidelineIndexPage.allowed_subpage_models()) == {
            GuidelinePage,
            ContentStrategyPage,
        }

    def test_pages_render(self, client_for, employee, guidelines):
        """Overview, guideline, strategy and print view render for an employee."""
        client = client_for(employee)
        for url in (
            guidelines.index.url,
            guidelines.main.url,
            guidelines.strategy.url,
            f"{guidelines.index.url}print/",
        ):
            assert client.get(url).status_code == 200, url
        assert b"Heat pumps and solar." in client.get(guidelines.strategy.url).content
        printed = client.get(f"{guidelines.index.url}print/").content.decode()
        assert "Social media guidelines" in printed
        assert "Privacy and photos" in printed


def test_acknowledging_makes_a_person_current(client_for, employee, guidelines):
    """The form records user, page, revision and version; the selector follows."""
    assert not selectors.has_acknowledged_current_guidelines(employee)
    client = client_for(employee)
    for page in (guidelines.main, guidelines.privacy):
        response = client.post(page.url, {"version": "1", "read": "yes"})
        assert response.status_code == 302
    record = Acknowledgement.objects.get(
        user=employee, translation_key=guidelines.main.translation_key
    )
    assert (record.page_id, record.revision_id, record.version) == (
        guidelines.main.pk,
        GuidelinePage.objects.get(pk=guidelines.main.pk).live_revision_id,
        1,
    )
    assert selectors.has_acknowledged_current_guidelines(employee)


def test_minor_edit_asks_nobody(employee, guidelines, django_capture_on_commit_callbacks):
    """A published correction keeps everyone current and notifies nobody."""
    acknowledge(employee, guidelines.main)
    acknowledge(employee, guidelines.privacy)
    page = GuidelinePage.objects.get(pk=guidelines.main.pk)
    page.intro = "A typo fixed."
    with django_capture_on_commit_callbacks(execute=True):
        publish(page)
    assert GuidelinePage.objects.get(pk=page.pk).version == 1
    assert selectors.has_acknowledged_current_guidelines(employee)
    assert not Notification.objects.filter(kind="guidelines_changed").exists()


def test_major_change_asks_again_once(
    employee, other_employee, guidelines, django_capture_on_commit_callbacks
):
    """A major change makes earlier acknowledgements outdated and asks those people once."""
    acknowledge(employee, guidelines.main)
    acknowledge(employee, guidelines.privacy)
    with django_capture_on_commit_callbacks(execute=True):
        major_change(guidelines.main, "Never post customer sites without consent")
    page = GuidelinePage.objects.get(pk=guidelines.main.pk)
    assert page.version == 2
    assert page.major_change is False  # the box is cleared after publishing
    assert page.get_latest_revision().content["major_change"] is False
    assert not selectors.has_acknowledged_current_guidelines(employee)
    asked = Notification.objects.filter(kind="guidelines_changed")
    assert list(asked.values_list("recipient", flat=True)) == [employee.pk]
    assert asked.get().link == f"{page.url}changes/"
    assert asked.get().body == "Something important changed."
    # The task running again (a retry) asks nobody twice; someone who never read is not asked.
    from guidelines import tasks

    tasks.ask_again(str(page.translation_key), 2)
    assert asked.count() == 1
    assert not Notification.objects.filter(recipient=other_employee, kind="guidelines_changed")
    acknowledge(employee, page)
    assert selectors.has_acknowledged_current_guidelines(employee)


def test_translation_catching_up_is_not_a_second_change(employee, guidelines):
    """Publishing the English translation of a major change does not bump the version again."""
    from wagtail.models import Locale

    english, _created = Locale.objects.get_or_create(language_code="en")
    english_page = guidelines.main.copy_for_translation(english, copy_parents=True)
    english_page.save()
    english_page = publish(english_page)
    major_change(guidelines.main, "Dutch first")
    english_page = GuidelinePage.objects.get(pk=english_page.pk)
    english_page.major_change = True
    english_page.change_summary = "The Dutch change, in English."
    publish(english_page)
    assert GuidelinePage.objects.get(pk=guidelines.main.pk).version == 2
    # A later real change in English does count.
    major_change(english_page, "A new rule")
    assert GuidelinePage.objects.get(pk=guidelines.main.pk).version == 3


def publish_in_cms(client, page, *, summary: str):
    """Publish `page` through the CMS's edit form as a major change saying `summary`."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": page.intro,
        "body": streamfield([("text", {"heading": "New", "text": rich_text("<p>New rule.</p>")})]),
        "major_change": "on",
        "change_summary": summary,
        "action-publish": "action-publish",
        "comments-TOTAL_FORMS": 0,
        "comments-INITIAL_FORMS": 0,
        "comments-MIN_NUM_FORMS": 0,
        "comments-MAX_NUM_FORMS": 1000,
    }
    return client.post(f"/cms/pages/{page.pk}/edit/", nested_form_data(data))


@pytest.mark.usefixtures("english")
def test_next_major_change_needs_its_own_summary(client_for, comms, guidelines):
    """The edit form still holds the last summary; a major change with it (or none) is refused."""
    summary = "Customer sites need consent."
    major_change(guidelines.main, "Never post customer sites", summary=summary)
    page = GuidelinePage.objects.get(pk=guidelines.main.pk)
    client = client_for(comms)
    assert summary in client.get(f"/cms/pages/{page.pk}/edit/").content.decode()
    for stale, error in (
        ("Customer sites need consent.", ERROR_SUMMARY_STALE),
        ("  customer sites  need consent. ", ERROR_SUMMARY_STALE),
        ("", ERROR_SUMMARY_REQUIRED),
    ):
        response = publish_in_cms(client, page, summary=stale)
        assert response.context["form"].errors["change_summary"] == [str(error)]
        assert GuidelinePage.objects.get(pk=page.pk).version == 2
    publish_in_cms(client, page, summary="Photos of colleagues need their consent.")
    page = GuidelinePage.objects.get(pk=page.pk)
    assert page.version == 3
    assert page.change_summary == "Photos of colleagues need their consent."


@pytest.mark.usefixtures("english")
def test_acknowledging_an_old_version_is_refused(client_for, employee, guidelines):
    """A form for version 1 posted after version 2 is out records nothing, with a message."""
    major_change(guidelines.main, "New rule")
    with pytest.raises(services.AcknowledgementError, match="changed while you were reading"):
        services.guideline_acknowledge(user=employee, page=guidelines.main, version=1)
    response = client_for(employee).post(guidelines.main.url, {"version": "1", "read": "yes"})
    assert response.status_code == 400
    (refusal,) = response.context["form"].non_field_errors()
    assert refusal in response.content.decode()  # the service's message, in the page
    # The form is shown again for the version now current, the box still ticked.
    assert response.context["form"]["version"].value() == "2"
    assert response.context["form"]["read"].value()
    assert not Acknowledgement.objects.exists()
    response = client_for(employee).post(guidelines.main.url, {"version": "x", "read": "yes"})
    assert response.status_code == 400
    assert not Acknowledgement.objects.exists()


def test_unpublished_guideline_is_not_found_and_cannot_be_acknowledged(
    client_for, employee, guidelines
):
    """A draft (unpublished) guideline answers 404 and refuses acknowledgement."""
    guidelines.privacy.unpublish()
    assert client_for(employee).get(guidelines.privacy.url).status_code == 404
    with pytest.raises(services.AcknowledgementError):
        services.guideline_acknowledge(user=employee, page=guidelines.privacy, version=1)


def test_comparison_shows_what_changed(client_for, employee, guidelines):
    """The changes page marks the new rule as added since the acknowledged version."""
    acknowledge(employee, guidelines.main)
    major_change(guidelines.main, "Never post customer sites without consent")
    response = client_for(employee).get(f"{guidelines.main.url}changes/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<ins>" in html
    assert response.context["sections"][0].heading == "Do and don't"
    added = [line.text for line in response.context["sections"][0].lines if line.change == "added"]
    assert added == ["✗ Never post customer sites without consent"]


def test_comparison_without_earlier_acknowledgement_sends_to_the_page(
    client_for, employee, guidelines
):
    """Someone who never acknowledged is sent to the guideline itself."""
    response = client_for(employee).get(f"{guidelines.main.url}changes/")
    assert response.status_code == 302
    assert response["Location"] == guidelines.main.url


def test_after_acknowledging_only_local_next_is_followed(client_for, employee, guidelines):
    """The `next` target is followed only when it is on this site."""
    client = client_for(employee)
    response = client.post(
        guidelines.main.url, {"version": "1", "read": "yes", "next": "https://evil.example/"}
    )
    assert response["Location"] == guidelines.index.url
    response = client.post(
        guidelines.privacy.url, {"version": "1", "read": "yes", "next": "/profile/"}
    )
    assert response["Location"] == "/profile/"


def test_dashboard_shows_what_to_read(client_for, employee, guidelines):
    """The dashboard lists guidelines to read until all are acknowledged."""
    client = client_for(employee)
    panel = next(p for t, p in client.get("/path/").context["panels"] if "guidelines" in t)
    assert not panel["all_current"]
    acknowledge(employee, guidelines.main)
    acknowledge(employee, guidelines.privacy)
    panel = next(p for t, p in client.get("/path/").context["panels"] if "guidelines" in t)
    assert panel["all_current"]


def test_search_finds_guidelines_and_courses_and_respects_privacy(client_for, employee, guidelines):
    """Search finds a guideline by its text; a page behind a group restriction stays hidden."""
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    from courses.models import CourseIndexPage
    from tests.factories.courses import add_course, add_lesson

    courses = CourseIndexPage(title="Cursussen", slug="cursussen")
    guidelines.index.get_parent().add_child(instance=courses)
    publish(courses)
    course = add_course(CourseIndexPage.objects.get(pk=courses.pk), "Breathing course", 0)
    add_lesson(course, "Breathe slowly", [("text", "<p>Breathe in calmly.</p>")])
    client = client_for(employee)
    with translation.override("nl"):
        found = [p.title for p in client.get("/search/", {"q": "Breathe"}).context["page"]]
    assert "Social media guidelines" in found  # its steps say "Breathe"
    assert "Breathe slowly" in found
    secret = Group.objects.create(name="Board")
    restriction = PageViewRestriction.objects.create(
        page=guidelines.main, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(secret)
    found = [p.title for p in client.get("/search/", {"q": "Breathe"}).context["page"]]
    assert "Social media guidelines" not in found


@pytest.mark.parametrize("query", ["", "   ", "%_'\";--", "<script>", "ü" * 5000, "\x00\x01"])
def test_odd_search_queries_never_fail(client_for, employee, guidelines, query):
    """Odd characters and very long input give a page, never a 500."""
    response = client_for(employee).get("/search/", {"q": query})
    assert response.status_code == 200
    assert len(response.context["query"]) <= 200


def test_readers_of_a_translation_not_updated_yet_get_no_stale_summary(
    employee, guidelines, django_capture_on_commit_callbacks
):
    """The Dutch page starts version 3; the English page still says what changed in 2. An
    English reader is not sent version 2's summary as version 3's, and is pointed to the page
    that holds the change."""
    from wagtail.models import Locale

    from ambassadors.models import Ambassador

    english, _created = Locale.objects.get_or_create(language_code="en")
    english_page = guidelines.main.copy_for_translation(english, copy_parents=True)
    english_page.save()
    publish(english_page)
    major_change(guidelines.main, "Dutch first", summary="Nieuw in versie 2.")
    english_page = GuidelinePage.objects.get(pk=english_page.pk)
    english_page.major_change = True
    english_page.change_summary = "New in version 2."
    publish(english_page)
    Ambassador.objects.filter(user=employee).update(language="en")
    acknowledge(employee, GuidelinePage.objects.get(pk=english_page.pk))

    with django_capture_on_commit_callbacks(execute=True):
        major_change(guidelines.main, "Dutch again", summary="Nieuw in versie 3.")

    told = Notification.objects.get(recipient=employee, kind="guidelines_changed")
    assert "New in version 2." not in told.body
    assert told.body == "Please read what changed and acknowledge the new version."
    assert told.link == f"{GuidelinePage.objects.get(pk=guidelines.main.pk).url}changes/"
