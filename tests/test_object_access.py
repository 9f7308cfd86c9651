"""One employee's objects are out of reach for another: by id, by guessed code, through
search and through exports.

`owner` (A) has something of every kind: help requests with a reply, a draft and an
attachment, notifications, mission assignments with evidence, shares with clicks, quiz
attempts, a certificate, a guideline acknowledgement and a proposed link. `other` (B) is
another employee with a few objects of their own. Every word A wrote or was sent carries
MARK; each check asserts B's status *and* that neither MARK nor A's name or e-mail address
is in B's response. Each test first shows A reaching the same object, so no check can pass
because the marker never shows at all.
"""

import re
from dataclasses import dataclass
from urllib.parse import quote_plus

import pytest
from django.urls import reverse

from ambassadors import services as ambassador_services
from ambassadors.models import Ambassador, Network, Notification
from ambassadors.roles import Role
from courses import services as course_services
from courses.models import Enrolment, QuizAttempt
from guidelines import services as guideline_services
from guidelines.models import Acknowledgement
from insights import dashboard, tables
from mentors import services as desk_services
from mentors.models import Attachment, Kind, Message, Rating, Ticket
from missions import services as mission_services
from missions.models import Assignment, Submission
from sharing import services as sharing_services
from sharing.models import Click, Share
from tests.factories import make_user
from tests.factories.courses import answers, build_tree, pass_quiz
from tests.factories.guidelines import build_guidelines, major_change
from tests.factories.mentors import file_request, make_mentor, png_file
from tests.factories.missions import mission, screenshot
from tests.factories.sharing import make_item

pytestmark = pytest.mark.django_db

MARK = "Quokka"  # in every text that belongs to A; never in anything B owns
# The library item A shared: public, but it must not show on B's reach page.
ITEM_TITLE = "Heat pumps explained 7781"
S = Assignment.State
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


@dataclass
class World:
    owner: object
    other: object
    mentor: object
    ticket: Ticket
    closed_ticket: Ticket
    attachment: Attachment
    draft_ref: str
    notification: Notification
    offered: Assignment
    accepted: Assignment
    submitted: Assignment
    submission: Submission
    share: Share
    instagram: Share
    proposal: object
    tree: object
    certificate_code: str
    other_ticket: Ticket
    other_assignment: Assignment
    other_notification: Notification


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def assert_hidden(response, world, *allowed, ignore=""):
    """B got one of the allowed statuses and nothing of A's in the body (`ignore`: text B
    typed themselves, such as a search query echoed back, also as part of a URL)."""
    assert response.status_code in allowed, response.status_code
    body = _body(response)
    if ignore:
        body = body.replace(ignore, "").replace(quote_plus(ignore), "")
    for secret in (MARK, world.owner.email, world.owner.get_full_name()):
        assert secret.lower() not in body.lower(), secret
    return response


@pytest.fixture
def world(db) -> World:
    owner = make_user(Role.EMPLOYEE)
    other = make_user(Role.EMPLOYEE)
    mentor = make_mentor(Kind.QUESTION, Kind.GHOSTWRITING)

    # Mentor desk: an open request with an attachment, a mentor's reply and a draft; and a
    # closed one to reopen or rate.
    ticket = file_request(
        owner,
        subject=f"{MARK} how do I answer my manager?",
        body=f"{MARK}: my manager commented under my post.",
        files=[png_file(f"{MARK}.png")],
    )
    desk_services.ticket_reply(ticket=ticket, author=mentor, body=f"{MARK}: stay calm.")
    draft = desk_services.draft_add(ticket=ticket, mentor=mentor, text=f"{MARK} draft text.")
    closed_ticket = file_request(owner, subject=f"{MARK} closed question")
    desk_services.ticket_resolve(ticket=closed_ticket, by=owner)

    notification = ambassador_services.notify(
        recipient=owner,
        kind="test",
        key=f"test:{owner.pk}",
        subject=f"{MARK} for you only",
        body=f"{MARK} body",
        link="/path/",
    )

    # Missions: one offered, one handed in with a link, a text and a screenshot.
    offered = Assignment.objects.create(mission=mission(title_en="Offered"), user=owner)
    accepted = mission_services.mission_pick(
        user=owner, mission=mission(title_en="Draft here", needs_link=False, needs_text=True)
    )
    picked = mission_services.mission_pick(
        user=owner,
        mission=mission(title_en="Write", needs_text=True, needs_screenshot=True),
    )
    submission = mission_services.assignment_submit(
        user=owner,
        assignment=picked,
        link=f"https://www.linkedin.example/posts/{MARK.lower()}-1",
        text=f"{MARK} wrote about the open day.",
        screenshot=screenshot(),
    )

    # Sharing: a LinkedIn share with a click, an Instagram share, a proposed link.
    share = sharing_services.share_create(
        user=owner, item=make_item(title=ITEM_TITLE), network=Network.LINKEDIN, text="Hi"
    )
    sharing_services.click_record(share_id=share.pk, ip="192.0.2.1", user_agent="Mozilla/5.0")
    instagram = sharing_services.share_create(
        user=owner, item=make_item(), network=Network.INSTAGRAM, text=f"{MARK} on Instagram"
    )
    proposal = make_item(
        status="proposed",
        proposed_by=owner,
        title=f"{MARK} proposal",
        proposal_comment=f"{MARK} thinks this matters",
    )

    # Courses: a wrong quiz attempt (its feedback is A's result), then a pass: a certificate.
    tree = build_tree()
    quiz = tree.quiz_lesson.quizzes()[0]
    course_services.quiz_submit(
        user=owner,
        course=tree.basics,
        lesson=tree.quiz_lesson,
        quiz_id=quiz.id,
        answers=answers(tree.quiz_lesson, right=False),
        number=1,
    )
    course_services.lesson_mark_done(user=owner, course=tree.basics, lesson=tree.intro)
    pass_quiz(owner, tree.basics, tree.quiz_lesson, number=2)
    enrolment = Enrolment.objects.get(user=owner, course_key=tree.basics.translation_key)

    # B's own things, so B's pages are not simply empty.
    other_ticket = file_request(other, subject="Other's own question")
    other_assignment = mission_services.mission_pick(
        user=other,
        mission=mission(title_en="Other's mission", needs_link=False, needs_text=True),
    )
    other_notification = ambassador_services.notify(
        recipient=other, kind="test", key=f"test:{other.pk}", subject="Other's note", link="/"
    )
    return World(
        owner=owner,
        other=other,
        mentor=mentor,
        ticket=ticket,
        closed_ticket=closed_ticket,
        attachment=ticket.attachments.get(),
        draft_ref=f"desk-{draft.pk}",
        notification=notification,
        offered=offered,
        accepted=accepted,
        submitted=Assignment.objects.get(pk=picked.pk),
        submission=submission,
        share=share,
        instagram=instagram,
        proposal=proposal,
        tree=tree,
        certificate_code=enrolment.certificate_code,
        other_ticket=other_ticket,
        other_assignment=other_assignment,
        other_notification=other_notification,
    )


@pytest.fixture
def a(world, client_for):
    return client_for(world.owner)


@pytest.fixture
def b(world, client_for):
    return client_for(world.other)


# --- mentor desk ----------------------------------------------------------------------------


def test_help_requests_by_id(world, a, b):
    """A's request page, its reply form and its attachment are not found for B."""
    ticket = world.ticket
    assert MARK in a.get(f"/help/{ticket.pk}/").content.decode()
    assert a.get(f"/help/attachments/{world.attachment.pk}/").status_code == 200

    assert_hidden(b.get(f"/help/{ticket.pk}/"), world, 404)
    messages = Message.objects.filter(ticket=ticket).count()
    assert_hidden(b.post(f"/help/{ticket.pk}/", {"body": "Hello"}), world, 404)
    assert Message.objects.filter(ticket=ticket).count() == messages
    assert_hidden(b.get(f"/help/attachments/{world.attachment.pk}/"), world, 404)
    assert_hidden(b.get(f"/desk/{ticket.pk}/"), world, 403)
    assert_hidden(b.get("/help/"), world, 200)


def test_help_request_actions_by_id(world, b):
    """B cannot close, reopen or rate A's requests."""
    open_ticket, closed = world.ticket, world.closed_ticket
    assert_hidden(b.post(f"/help/{open_ticket.pk}/close/"), world, 404)
    assert Ticket.objects.get(pk=open_ticket.pk).state != Ticket.State.RESOLVED
    assert_hidden(b.post(f"/help/{closed.pk}/reopen/"), world, 404)
    assert Ticket.objects.get(pk=closed.pk).state == Ticket.State.RESOLVED
    assert_hidden(b.post(f"/help/{closed.pk}/rate/", {"satisfaction": "1"}), world, 404)
    assert not Rating.objects.filter(ticket=closed).exists()


# --- notifications --------------------------------------------------------------------------


def test_notifications_by_id(world, a, b):
    """B cannot open (and so mark read) A's notification, nor see it in any list."""
    assert MARK in a.get("/notifications/").content.decode()
    assert_hidden(b.post(f"/notifications/{world.notification.pk}/open/"), world, 404)
    assert_hidden(b.get("/notifications/"), world, 200)
    assert_hidden(b.get("/path/"), world, 200)
    b.post("/notifications/read-all/")
    assert Notification.objects.get(pk=world.notification.pk).read_at is None


# --- missions -------------------------------------------------------------------------------


def test_assignments_and_evidence_by_id(world, a, b):
    """A's assignments, their evidence and the accept/decline/submit actions: not found."""
    assert MARK in a.get(f"/missions/{world.submitted.pk}/").content.decode()
    assert a.get(f"/missions/evidence/{world.submission.pk}/").status_code == 200

    assert_hidden(b.get(f"/missions/{world.submitted.pk}/"), world, 404)
    assert_hidden(b.get(f"/missions/evidence/{world.submission.pk}/"), world, 404)
    assert_hidden(b.get(f"/missions/review/{world.submitted.pk}/"), world, 403)
    assert_hidden(b.post(f"/missions/{world.offered.pk}/accept/"), world, 404)
    assert_hidden(b.post(f"/missions/{world.offered.pk}/decline/"), world, 404)
    assert Assignment.objects.get(pk=world.offered.pk).state == S.OFFERED
    assert_hidden(
        b.post(f"/missions/{world.submitted.pk}/", {"link": "https://x.example/1"}), world, 404
    )
    assert world.submitted.submissions.count() == 1
    assert_hidden(b.get("/missions/"), world, 200)


def test_desk_drafts_cannot_be_borrowed(world, a, b):
    """A mentor's draft for A is not offered to B, not by its reference either."""
    ref = world.draft_ref
    page = a.get(f"/missions/{world.accepted.pk}/?draft={ref}").content.decode()
    assert f"{MARK} draft text." in page

    assert_hidden(b.get(f"/missions/?draft={ref}"), world, 200)
    mine = world.other_assignment
    assert_hidden(b.get(f"/missions/{mine.pk}/?draft={ref}"), world, 200)
    b.post(f"/missions/{mine.pk}/", {"link": "", "text": "My own words", "draft": ref})
    submission = Submission.objects.get(assignment=mine)
    assert submission.draft_ref == ""


def test_points_stay_off_the_leaderboard_unless_chosen(world, b):
    """A's points (an approved mission) are not on B's leaderboard unless A opted in, and
    then without a name when A asked for that."""
    mission_services.assignment_approve(assignment=world.submitted, reviewer=world.mentor)
    Ambassador.objects.filter(user=world.other).update(leaderboard_visible=True)
    response = assert_hidden(b.get("/missions/leaderboard/"), world, 200)
    assert [row.is_me for row in response.context["rows"]] == [True]

    Ambassador.objects.filter(user=world.owner).update(
        leaderboard_visible=True, leaderboard_anonymous=True
    )
    response = assert_hidden(b.get("/missions/leaderboard/"), world, 200)
    assert len(response.context["rows"]) == 2


# --- sharing --------------------------------------------------------------------------------


def test_reach_shows_only_your_own_shares(world, a, b):
    """My reach is private: B sees none of A's shares, clicks or items."""
    response = a.get("/share/reach/")
    assert response.context["totals"]["shares"] == 2
    assert response.context["totals"]["clicks"] == 1
    assert ITEM_TITLE in response.content.decode()

    response = assert_hidden(b.get("/share/reach/"), world, 200)
    assert response.context["totals"] == {
        "shares": 0,
        "clicks": 0,
        "visitors": 0,
        "burst_clicks": 0,
        "estimated_audience": 0,
        "clicks_per_share": 0,
    }
    assert ITEM_TITLE not in response.content.decode()


def test_instagram_page_needs_the_owner(world, a, b):
    """The Instagram page (A's text and tracked link) is found only for A."""
    code = world.instagram.code
    assert MARK in a.get(f"/share/instagram/{code}/").content.decode()
    assert_hidden(b.get(f"/share/instagram/{code}/"), world, 404)


def test_tracked_links_reveal_nothing_but_the_article(world, b, client_for):
    """A tracked link is public (it is posted on the networks): it leads to the article with
    campaign parameters and says nothing about who shared it."""
    response = b.get(f"/s/{world.share.code}")
    assert response.status_code == 302
    location = response["Location"]
    assert location == sharing_services.target_url(world.share)
    for secret in (world.owner.username, world.owner.email, world.share.code):
        assert secret not in location


def test_guessed_codes_are_not_found_and_say_nothing(world, b, client_for):
    """Guessed codes (near misses, sequences, other shapes) get the same bare 404."""
    real = world.share.code
    near = real[:-1] + ("A" if real[-1] != "A" else "B")
    guesses = [near, real.upper() if real.upper() != real else real.lower(), "AAAAAAAA"]
    guesses += [f"{n:08d}" for n in range(1, 4)] + ["1", "x" * 40]
    for client in (client_for(), b):
        bodies = set()
        for guess in guesses:
            response = client.get(f"/s/{guess}")
            assert_hidden(response, world, 404)
            # The same page but for the form token and the path the visitor asked for.
            body = CSRF_TOKEN.sub("", _body(response)).replace(f"/s/{guess}", "/s/…")
            bodies.add(body)
        assert len(bodies) == 1  # no oracle: every miss looks the same
    for guess in (near, world.certificate_code[:-1] + "x", "1"):
        assert_hidden(b.get(f"/share/instagram/{guess}/"), world, 404)
        assert_hidden(b.get(f"/certificates/{guess}/"), world, 404)
        assert_hidden(b.get(f"/verify/{guess}/"), world, 404)
        assert_hidden(b.get(f"/badges/assertions/{guess}.json"), world, 404)
    assert Click.objects.count() == 1  # misses are not counted against anyone


def test_proposals_stay_with_their_author_and_comms(world, a, b):
    """A's proposed link is not in B's library, feed or share page until comms publish it."""
    assert_hidden(b.get(f"/share/{world.proposal.pk}/"), world, 404)
    assert_hidden(b.get("/share/"), world, 200)
    assert_hidden(b.get("/share/propose/"), world, 200)
    assert_hidden(b.get(f"/cms/sharing/proposals/{world.proposal.pk}/"), world, 302)
    # Dismissing it is refused as if it did not exist (no probing which ids are proposals).
    assert b.post(f"/share/{world.proposal.pk}/dismiss/").status_code == 404


# --- courses --------------------------------------------------------------------------------


def test_quiz_attempts_are_private(world, a, b):
    """A's graded attempt (with the feedback for A's wrong answer) is not on B's lesson page."""
    lesson = world.tree.quiz_lesson
    assert QuizAttempt.objects.filter(user=world.owner).count() == 2
    # A's latest attempt passed; the feedback for what A chose is on A's page.
    assert "Right: it is built for work." in a.get(lesson.url).content.decode()

    response = assert_hidden(b.get(lesson.url), world, 200)
    html = response.content.decode()
    assert "Right: it is built for work." not in html
    assert "SECRET-FEEDBACK-WRONG" not in html
    assert all(quiz.latest is None for quiz in response.context["quizzes"])
    assert_hidden(b.get(world.tree.basics.url), world, 200)


def test_certificate_is_the_owners(world, a, b, client_for):
    """The printable certificate is A's only; the public check shows name, course and date
    (by design: that is what a certificate is for), never the e-mail address."""
    code = world.certificate_code
    assert world.owner.get_full_name() in a.get(f"/certificates/{code}/").content.decode()
    assert_hidden(b.get(f"/certificates/{code}/"), world, 404)

    public = client_for().get(f"/verify/{code}/").content.decode()
    assert world.owner.get_full_name() in public
    assert world.owner.email not in public
    assertion = client_for().get(f"/badges/assertions/{code}.json").content.decode()
    assert world.owner.email not in assertion
    assert world.owner.get_full_name() not in assertion


# --- guidelines -----------------------------------------------------------------------------


def test_acknowledgements_are_per_person(world, client_for):
    """A's acknowledgement counts for A only; what changed since is A's comparison only."""
    guidelines = build_guidelines()
    for page in (guidelines.main, guidelines.privacy):
        guideline_services.guideline_acknowledge(user=world.owner, page=page, version=1)
    main = major_change(guidelines.main, f"{MARK}: never post customer addresses.")
    a, b = client_for(world.owner), client_for(world.other)
    assert a.get(main.url + "changes/").status_code == 200

    response = b.get(main.url + "changes/")
    assert response.status_code == 302
    assert response["Location"] == main.url
    response = b.get(guidelines.index.url)
    assert all(status.last is None for status in response.context["statuses"])
    assert not Acknowledgement.objects.filter(user=world.other).exists()


# --- exports and search ---------------------------------------------------------------------


def test_my_data_holds_only_your_own(world, a, b):
    """The personal data download of B holds nothing of A's; A's holds A's words."""
    mine = a.get("/profile/my-data/").content.decode()
    for expected in (MARK, world.owner.email, world.share.code, world.certificate_code):
        assert expected in mine

    response = assert_hidden(b.get("/profile/my-data/"), world, 200)
    theirs = response.content.decode()
    for code in (world.share.code, world.instagram.code, world.certificate_code):
        assert code not in theirs
    assert f'"username": "{world.other.username}"' in theirs


def test_search_finds_no_personal_data(world, b):
    """Search covers published pages only: A's requests, evidence and shares are not found."""
    for query in (MARK, f"{MARK} manager", "manager commented", world.owner.email):
        response = assert_hidden(b.get("/search/", {"q": query}), world, 200, ignore=query)
        assert list(response.context["page"].object_list) == []


def test_exports_are_not_for_employees(world, b):
    """Insights CSV files (every table, and names that are not tables) and the CMS exports
    are refused to employees, with nothing in the answer."""
    keys = list(tables.build(dashboard.Filters.from_query({}))["tables"])
    assert "sharing" in keys
    for key in [*keys, "no-such-table"]:
        response = assert_hidden(b.get(reverse("insights:export", args=[key])), world, 403)
        assert not response.get("Content-Disposition")
    for export in ("csv", "xlsx"):
        response = b.get("/cms/snippets/ambassadors/ambassador/", {"export": export})
        assert_hidden(response, world, 302)
        assert response["Location"].startswith("/cms/login/")


# --- by id, whatever the id -----------------------------------------------------------------


def test_sequential_ids_find_only_your_own(world, b):
    """Walking the ids of every per-person URL: B finds B's own objects, nothing of A's."""
    own_ticket, own_assignment = world.other_ticket.pk, world.other_assignment.pk

    def walk(model, template, own=()):
        pks = list(model.objects.values_list("pk", flat=True))
        for pk in range(max(1, min(pks) - 2), max(pks) + 3):
            response = b.get(template.format(pk))
            if pk in own:
                assert response.status_code == 200, template.format(pk)
            else:
                assert_hidden(response, world, 404)

    walk(Ticket, "/help/{}/", own=(own_ticket,))
    walk(Attachment, "/help/attachments/{}/")
    walk(Assignment, "/missions/{}/", own=(own_assignment,))
    walk(Submission, "/missions/evidence/{}/")
    for pk in Notification.objects.exclude(recipient=world.other).values_list("pk", flat=True):
        assert_hidden(b.post(f"/notifications/{pk}/open/"), world, 404)
    assert Notification.objects.get(pk=world.notification.pk).read_at is None
    assert b.post(f"/notifications/{world.other_notification.pk}/open/").status_code == 302
