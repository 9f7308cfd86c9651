"""The text cleaner never sees more than a field's limit: forms refuse longer text with a
length error before cleaning, services clean only up to the limit, request bodies are
capped. (The cleaner's time grows faster than the text: bench/sanitise_bench.py.)"""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from ambassadors.models import Stage
from ambassadors.roles import Role
from core import sanitise
from sharing import services as sharing
from sharing.forms import ColleaguePostForm, ProposalForm
from sharing.models import ContentItem
from tests.factories import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

# The cleaner's worst case: unterminated tags; a megabyte of them costs minutes.
HOSTILE = "<x " * 333_334  # 1,000,002 characters
BLOG, POST = "https://blog.example/a", "https://www.linkedin.com/posts/a"


@pytest.fixture
def cleaned(monkeypatch):
    """The length of every text handed to the cleaning library."""
    seen: list[int] = []
    real = sanitise.bleach.clean

    def clean(text, *args, **kwargs):
        seen.append(len(text))
        return real(text, *args, **kwargs)

    monkeypatch.setattr(sanitise.bleach, "clean", clean)
    return seen


@pytest.mark.parametrize(
    ("form", "data", "field"),
    [
        (
            ProposalForm,
            {"url": "https://blog.example/a", "title": "A", "comment": HOSTILE},
            "comment",
        ),
        (
            ProposalForm,
            {"url": "https://blog.example/a", "title": HOSTILE, "comment": "c"},
            "title",
        ),
        (
            ColleaguePostForm,
            {"url": "https://www.linkedin.com/posts/a", "comment": HOSTILE},
            "comment",
        ),
    ],
)
def test_forms_refuse_a_megabyte_with_a_length_error_before_cleaning(cleaned, form, data, field):
    """A 1 MB hostile value is a length error; the cleaner never runs on it."""
    bound = form(data)
    assert not bound.is_valid()
    assert "at most" in bound.errors[field][0]
    assert cleaned == []


def test_the_propose_page_answers_a_megabyte_with_a_length_error(client_for, cleaned):
    """Posted through the page (under the body cap): the length error is on the page, the
    field keeps its limit, nothing is cleaned or stored."""
    curator = make_user(Role.EMPLOYEE, stage=Stage.CURATION, language="en")
    response = client_for(curator).post(
        "/share/propose/", {"url": "https://blog.example/a", "title": "A", "comment": HOSTILE}
    )
    assert response.status_code == 400
    assert "Ensure this value has at most 1000 characters" in response.content.decode()
    assert cleaned == []
    assert not ContentItem.objects.exists()


def test_a_body_over_the_cap_is_refused_before_any_form(client_for, cleaned):
    """A form post larger than DATA_UPLOAD_MAX_MEMORY_SIZE is a 400 before anything reads it."""
    curator = make_user(Role.EMPLOYEE, stage=Stage.CURATION)
    body = "comment=" + "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client_for(curator).post(
        "/share/propose/", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert cleaned == []
    assert not ContentItem.objects.exists()


def test_files_still_pass_the_body_cap(client_for, employee):
    """Attachments do not count against the cap: a 2 MB PDF is taken."""
    from mentors.models import Attachment

    pdf = b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024) + b"\n%%EOF\n"
    assert len(pdf) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    response = client_for(employee).post(
        "/help/new/question/",
        {"subject": "Help", "body": "Please", "files": [SimpleUploadedFile("big.pdf", pdf)]},
    )
    assert response.status_code == 302
    assert Attachment.objects.get().name == "big.pdf"


def test_services_clean_only_up_to_the_field_limit(cleaned):
    """A caller without a form (a view, the API, a task) still never hands the cleaner more
    than the field's limit."""
    from mentors import services as desk
    from mentors.models import Kind
    from tests.factories.mentors import make_mentor

    poster = make_user(Role.EMPLOYEE)
    item, _invited = sharing.colleague_post_create(
        user=poster, url="https://www.linkedin.com/posts/a", comment=HOSTILE
    )
    assert max(cleaned) <= 1000
    assert len(item.proposal_comment) <= 1000

    cleaned.clear()
    make_mentor(Kind.QUESTION)
    ticket = desk.ticket_create(requester=poster, kind=Kind.QUESTION, subject=HOSTILE, body="Hi")
    desk.ticket_reply(ticket=ticket, author=poster, body=HOSTILE)
    assert max(cleaned) <= 10_000
    assert len(ticket.subject) <= 200


def test_the_cleaner_cuts_before_it_cleans(cleaned):
    assert len(sanitise.clean_text(HOSTILE, max_length=300)) <= 300
    assert cleaned == [300]
    assert len(sanitise.clean_text("a" * 50_000)) == sanitise.MAX_TEXT_LENGTH
