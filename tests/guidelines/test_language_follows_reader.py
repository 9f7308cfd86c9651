"""A guideline notice, a Dutch address and the language switch all follow the reader's
language now, not the language at the moment something was written or linked."""

import pytest
from wagtail.models import Locale

from ambassadors.models import Ambassador, Notification
from guidelines.models import GuidelinePage
from tests.factories.guidelines import acknowledge, major_change, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def translated(guidelines):
    """The main guideline in Dutch and English, both at version 2 with their own summary."""
    english, _created = Locale.objects.get_or_create(language_code="en")
    english_page = guidelines.main.copy_for_translation(english, copy_parents=True)
    english_page.title = "Social media guidelines"
    english_page.slug = "social-media-guidelines"
    english_page.save()
    publish(english_page)
    return GuidelinePage.objects.get(pk=guidelines.main.pk), GuidelinePage.objects.get(
        pk=english_page.pk
    )


def test_a_notice_written_while_dutch_reads_and_links_in_english_after_a_switch(
    client_for, employee, translated, django_capture_on_commit_callbacks
):
    dutch, english = translated
    acknowledge(employee, dutch)
    english.major_change = True
    english.change_summary = "New in version 2."
    with django_capture_on_commit_callbacks(execute=True):
        major_change(dutch, "Versie twee", summary="Nieuw in versie 2.")
        publish(english)
    told = Notification.objects.get(recipient=employee, kind="guidelines_changed")
    assert told.text_in("nl").body == "Nieuw in versie 2."
    Ambassador.objects.filter(user=employee).update(language="en")

    client = client_for(employee)
    listing = client.get("/notifications/").content.decode()
    assert f"The guideline “{english.title}” has changed" in listing
    assert "New in version 2." in listing
    assert "Nieuw in versie 2." not in listing
    opened = client.post(f"/notifications/{told.pk}/open/")
    assert opened.status_code == 302
    assert opened["Location"] == f"{GuidelinePage.objects.get(pk=english.pk).url}changes/"
    assert client.get(opened["Location"]).status_code == 200


def test_a_dutch_address_brings_an_english_reader_to_the_english_page(
    client_for, employee, translated
):
    """Before, an English reader got a 404 on a Dutch page's address (a bookmark, an old
    e-mail): Wagtail looked the Dutch path up in the English tree."""
    dutch, english = translated
    Ambassador.objects.filter(user=employee).update(language="en")
    response = client_for(employee).get(dutch.url)
    assert response.status_code == 302
    assert response["Location"] == english.url


def test_switching_to_dutch_on_an_english_page_ends_on_the_dutch_page(
    client_for, employee, translated
):
    dutch, english = translated
    Ambassador.objects.filter(user=employee).update(language="en")
    client = client_for(employee)
    switched = client.post("/language/", {"language": "nl", "next": english.url}, follow=True)
    assert switched.redirect_chain[-1][0] == dutch.url
    assert switched.status_code == 200
    assert 'lang="nl"' in switched.content.decode()
