"""What a person meets in the demo: suggested texts written by colleagues (two or more per
network, in the item's language, within each network's limit, no template sentences),
a picture on every item and lesson, a lesson video with a transcript to fall back on,
English addresses for English pages, and mentor requests that do not repeat."""

import re
import tomllib
import unicodedata

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from wagtail.models import Locale, Page

from ambassadors.models import Network
from demo.seed import files
from sharing.models import NETWORK_LIMITS, ContentItem, text_length

ITEMS = files.CONTENT / "sharing" / "items"
# The sentences every item used to be offered, with its title filled in.
TEMPLATES = (
    "Mooi project van mijn collega's",
    "Dit soort werk maakt het verschil",
    "Great project by my colleagues",
    "This kind of work makes a difference",
    "hier werken we aan, en daar ben ik trots op",
    "This is what we work on, and I am proud of it",
    " — de moeite waard.",
    ". Worth a read.",
)
ASCII_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _library() -> list[dict]:
    with (files.CONTENT / "sharing" / "library.toml").open("rb") as file:
        return tomllib.load(file)["items"]


def test_every_library_item_has_texts_of_its_own_for_every_network_and_language():
    """Two or more distinct, non-empty texts per network and language; no template; X
    within 280 with the link counted as 23; no {title} placeholders."""
    for data in _library():
        with (ITEMS / f"{data['slug']}.toml").open("rb") as file:
            words = tomllib.load(file)
        assert words["summary"]["nl"], data["slug"]
        assert words["summary"]["en"], data["slug"]
        for network in Network.values:
            for language in files.LANGUAGES:
                texts = [variant[language].strip() for variant in words[network]]
                assert len(set(texts)) >= 2, (data["slug"], network, language)
                assert all(texts), (data["slug"], network, language)
                for text in texts:
                    assert not any(old in text for old in TEMPLATES), (data["slug"], text)
                    assert "{" not in text
                    assert text_length(network, text) <= NETWORK_LIMITS[network], text
    assert {path.stem for path in ITEMS.glob("*.toml")} == {d["slug"] for d in _library()}


def _dutch_sibling_slug(page: Page, dutch: Locale) -> str | None:
    sibling = page.get_translation_or_none(dutch)
    return None if sibling is None else sibling.slug


@pytest.mark.django_db
def test_the_seeded_demo_gives_people_what_the_files_promise(client):
    call_command("seed_demo", stdout=None)

    # The library: texts per network in the item's own language, and a picture.
    items = list(ContentItem.objects.prefetch_related("variants").select_related("image"))
    assert len(items) >= 30
    for item in items:
        for network in Network.values:
            texts = [v.text for v in item.variants.all() if v.network == network]
            assert len(set(texts)) >= 2, (item.url, network)
            for text in texts:
                assert not any(old in text for old in TEMPLATES)
                assert text_length(network, text) <= NETWORK_LIMITS[network]
        assert item.summary
        assert item.image is not None, item.url
        assert (item.image.width, item.image.height) == (1200, 630)
    english = [item for item in items if item.language == "en"]
    assert english, "the English feed has items"
    dutch_words = ("collega's", " het ", " een ", " onze ")
    for item in english:
        for variant in item.variants.all():
            assert not any(word in variant.text for word in dutch_words), variant.text

    # Every lesson opens with a picture; one lesson has a video with a transcript.
    from courses.models import CoursePage, LessonPage

    lessons = list(LessonPage.objects.all())
    assert len(lessons) >= 34
    for lesson in lessons:
        pictures = [block for block in lesson.body if block.block_type == "image"]
        assert pictures, lesson.url_path
        image = pictures[0].value["image"]
        assert (image.width, image.height) == (1200, 600)
        assert pictures[0].value["alt"]
    assert all(course.image_id for course in CoursePage.objects.all())
    with_video = [
        lesson
        for lesson in lessons
        if any(b.block_type == "video" and b.value["transcript"] for b in lesson.body)
    ]
    assert {lesson.locale.language_code for lesson in with_video} == {"nl", "en"}

    # Seen by a learner: with no network the video falls back to a link and the transcript.
    learner = User.objects.get(username="fatima")
    client.force_login(learner)
    for lesson in with_video:
        learner.ambassador.language = lesson.locale.language_code
        learner.ambassador.save()
        page = client.get(lesson.url)
        assert page.status_code == 200
        html = page.content.decode()
        assert "video-fallback" in html or "video-frame" in html
        assert "<summary>" in html
        assert "Fatima" in html

    # English pages have English addresses of their own.
    dutch = Locale.objects.get(language_code="nl")
    for page in Page.objects.filter(locale__language_code="en", depth__gt=1):
        assert ASCII_SLUG.match(page.slug), page.url_path
        assert unicodedata.normalize("NFKD", page.slug).isascii()
        if page.depth > 2:  # below the home page
            assert page.slug != _dutch_sibling_slug(page, dutch), page.url_path

    # Mentor requests read as separate questions: no "(eerder)", no subject twice.
    from ambassadors.models import Notification
    from mentors.models import Ticket

    subjects = list(Ticket.objects.values_list("subject", flat=True))
    assert len(subjects) >= 40
    # A thread never shows a message or a resolution from the future.
    from django.utils import timezone

    from mentors.models import Message

    now = timezone.now()
    assert not Message.objects.filter(created_at__gt=now).exists()
    assert not Ticket.objects.filter(resolved_at__gt=now).exists()
    assert not Ticket.objects.filter(first_response_at__gt=now).exists()
    assert len(set(subjects)) == len(subjects)
    assert not [s for s in subjects if s.endswith(("(eerder)", "(earlier)"))]
    for notification in Notification.objects.all():
        assert not str(notification.subject).endswith(("(eerder)", "(earlier)"))

    # The posting checks (issue 23): the code names are confidential, and each check links
    # to its section of the social media guideline, in the reader's language.
    from demo.seed import checks as demo_checks
    from sharing.checks import posting_rules
    from sharing.models import PostingChecks

    demo_checks.seed()  # again: nothing changes
    assert PostingChecks.objects.count() == 1
    rules = posting_rules()
    assert "Noordlicht" in rules.confidential
    assert rules.links["confidential"]["nl"].endswith("/social-media-richtlijnen/#confidentiality")
    assert rules.links["confidential"]["en"].endswith("/social-media-guidelines/#confidentiality")
    guideline = client.get(rules.links["disclosure"]["en"].split("#")[0]).content.decode()
    assert 'id="disclosure"' in guideline
    assert 'id="network-tips-x"' in guideline
