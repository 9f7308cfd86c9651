"""Every notification kind of every app reaches its recipient in their own language.

Each scenario below makes one kind happen the way the platform does (a service or task),
with the *other* language active, as when a Dutch employee's request alerts an English
mentor. The recipient's in-app text and e-mail must be in the recipient's language.

The list of kinds is read from the source: a new `notify()` / `Nudge` call with a kind
that has no scenario here makes `test_every_notification_kind_has_a_scenario` fail.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_lazy, ngettext

from ambassadors import services
from ambassadors.models import Ambassador, Notification, Stage
from ambassadors.roles import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
APPS = ["ambassadors", "courses", "guidelines", "sharing", "mentors", "missions", "insights"]
# Calls that create a notification row and name its kind.
NOTIFYING_CALLS = {"notify", "_tell", "nudge_plan", "Nudge", "Notification", "create"}
OTHER = {"nl": "en", "en": "nl"}


def kinds_in_code() -> set[str]:
    """Every literal `kind=` given to a call that makes a notification, in the apps' code."""
    kinds = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts or path.name in {"demo.py", "demo_content.py"}:
                continue
            tree = ast.parse(path.read_text())
            # Module constants such as COLLEAGUE_POST_KIND = "colleague_post".
            constants = {
                target.id: node.value.value
                for node in tree.body
                if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
                for target in node.targets
                if isinstance(target, ast.Name)
            }
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call):
                    continue
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name not in NOTIFYING_CALLS:
                    continue
                if name == "create" and "Notification" not in ast.unparse(node.func):
                    continue
                for keyword in node.keywords:
                    if keyword.arg != "kind":
                        continue
                    values = [keyword.value]
                    if isinstance(keyword.value, ast.IfExp):  # kind="a" if ... else "b"
                        values = [keyword.value.body, keyword.value.orelse]
                    for value in values:
                        if isinstance(value, ast.Constant):
                            kinds.add(value.value)
                    if isinstance(keyword.value, ast.Name) and keyword.value.id.isupper():
                        kinds.add(constants[keyword.value.id])
    return kinds


def person(language: str, *roles: Role, **fields):
    """A participant whose own quiet hours are far from now, so e-mail may leave at once."""
    user = make_user(*(roles or (Role.EMPLOYEE,)), language=language, **fields)
    quiet = timezone.localtime() + dt.timedelta(hours=6)
    Ambassador.objects.filter(user=user).update(
        quiet_hours_start=quiet.time().replace(second=0, microsecond=0),
        quiet_hours_end=(quiet + dt.timedelta(minutes=1)).time().replace(second=0, microsecond=0),
    )
    return type(user).objects.get(pk=user.pk)


def mentor(language: str, *kinds, lead: bool = False):
    from mentors.models import Kind, MentorProfile

    user = person(language, Role.EMPLOYEE, Role.MENTOR)
    skills = {f"handles_{kind}": kind in kinds for kind in Kind.values}
    MentorProfile.objects.create(user=user, capacity=5, is_team_lead=lead, **skills)
    return user


def request(requester, kind="question"):
    from tests.factories.mentors import file_request

    return file_request(requester=requester, kind=kind, subject="Comment under my post")


# --- one scenario per kind: (language of the recipient) -> the recipient ---------------------


def welcome(language):
    return person(language)


def digest(language):
    recipient = person(language, weekly_digest=True)
    with translation.override(OTHER[language]):
        services.weekly_digest_send()
    return recipient


def course_completed(language):
    from courses import services as courses
    from tests.factories.courses import build_tree

    tree = build_tree()
    recipient = person(language, stage=3)  # a production learner may take the stage-3 course
    with translation.override(OTHER[language]):
        courses.lesson_mark_done(user=recipient, course=tree.stage3, lesson=tree.stage3_lesson)
    return recipient


def guidelines_changed(language, capture):
    from guidelines.models import GuidelinePage
    from guidelines.services import guideline_acknowledge
    from tests.factories.guidelines import build_guidelines, major_change

    guidelines = build_guidelines()
    recipient = person(language)
    page = GuidelinePage.objects.get(pk=guidelines.main.pk)
    guideline_acknowledge(user=recipient, page=page, version=page.version)
    with translation.override(OTHER[language]), capture(execute=True):
        major_change(page, "Never post a customer's site without consent")
    return recipient


def share_suggestion(language):
    from sharing.models import Push
    from sharing.services import push_plan
    from tests.factories.sharing import make_item

    recipient = person(language)
    push = Push.objects.create(item=make_item(language=language), window_hours=1)
    with translation.override(OTHER[language]):
        push_plan(push=push)
    return recipient


def proposal_reviewed(language):
    from sharing.models import ContentItem
    from sharing.services import proposal_review
    from tests.factories.sharing import make_item

    recipient = person(language, stage=Stage.CURATION)
    item = make_item(status=ContentItem.Status.PROPOSED, proposed_by=recipient)
    with translation.override(OTHER[language]):
        proposal_review(
            item=item, approve=False, reason="Not now", reviewer=person(OTHER[language], Role.COMMS)
        )
    return recipient


def colleague_post(language):
    from ambassadors.models import Topic
    from sharing.services import colleague_post_create

    topic = Topic.objects.create(slug="werken-bij", name_nl="Werken bij", name_en="Working here")
    recipient = person(language)
    recipient.ambassador.topics.set([topic])
    sender = person(OTHER[language])
    sender.ambassador.topics.set([topic])
    with translation.override(OTHER[language]):
        colleague_post_create(
            user=sender, url="https://www.linkedin.com/posts/me-1", comment="Our project"
        )
    return recipient


def ticket_assigned(language):
    recipient = mentor(language, "question")
    with translation.override(OTHER[language]):
        request(person(OTHER[language]))
    return recipient


def mediation_alert(language):
    recipient = mentor(language, "mediation")
    with translation.override(OTHER[language]):
        request(person(OTHER[language]), kind="mediation")
    return recipient


def ticket_unassigned(language):
    recipient = mentor(language, lead=True)
    with translation.override(OTHER[language]):
        request(person(OTHER[language]))
    return recipient


def ticket_reply_to_mentor(language):
    from mentors import services as desk

    recipient = mentor(language, "question")
    requester = person(OTHER[language])
    ticket = request(requester)
    with translation.override(OTHER[language]):
        desk.ticket_reply(ticket=ticket, author=requester, body="Any news?")
    return recipient


def ticket_reply_to_employee(language):
    from mentors import services as desk

    recipient = person(language)
    helper = mentor(OTHER[language], "question")
    ticket = request(recipient)
    with translation.override(OTHER[language]):
        desk.ticket_reply(ticket=ticket, author=helper, body="Thank them and stay calm.")
    return recipient


def ticket_draft(language):
    from mentors import services as desk

    recipient = person(language)
    helper = mentor(OTHER[language], "ghostwriting")
    ticket = request(recipient, kind="ghostwriting")
    with translation.override(OTHER[language]):
        desk.draft_add(ticket=ticket, mentor=helper, text="A draft for your post.")
    return recipient


def _breached_mediation(language, *, assignee):
    from mentors import services as desk
    from mentors.models import Ticket

    ticket = request(person(OTHER[language]), kind="mediation")
    if Ticket.objects.get(pk=ticket.pk).assignee_id != assignee.pk:  # routed to them already?
        desk.ticket_take(ticket=ticket, mentor=assignee)
    start = Ticket.objects.get(pk=ticket.pk).created_at
    with translation.override(OTHER[language]):
        desk.sla_sweep(now=start + dt.timedelta(minutes=61))


def sla_warning(language):
    recipient = mentor(language, "mediation")
    _breached_mediation(language, assignee=recipient)
    return recipient


def mediation_escalation(language):
    recipient = mentor(language, lead=True)
    _breached_mediation(language, assignee=mentor(OTHER[language], "mediation"))
    return recipient


def sla_breach(language):
    from mentors import services as desk
    from mentors.models import Ticket

    recipient = mentor(language, lead=True)
    mentor(OTHER[language], "question")
    ticket = request(person(OTHER[language]))
    start = Ticket.objects.get(pk=ticket.pk).created_at
    with translation.override(OTHER[language]):
        desk.sla_sweep(now=start + dt.timedelta(days=30))
    return recipient


def mission_reviewed(language):
    from missions import services as missions
    from tests.factories.missions import submitted

    recipient = person(language)
    assignment = submitted(recipient, with_screenshot=False, title_nl="Reageer", title_en="React")
    with translation.override(OTHER[language]):
        missions.assignment_reject(
            assignment=assignment,
            reviewer=person(OTHER[language], Role.EMPLOYEE, Role.MENTOR),
            feedback="Not ours.",
        )
    return recipient


def rubric_feedback(language):
    from missions import services as missions
    from tests.factories.missions import peer_reviewer, production_work, scores_for

    recipient = person(language, stage=Stage.PRODUCTION)
    work = production_work(recipient, title_nl="Reageer", title_en="React")
    with translation.override(OTHER[language]):
        for _ in range(missions.PEERS_SHOWN_FROM):
            missions.rubric_review_submit(
                reviewer=peer_reviewer(),
                assignment=work,
                scores=scores_for(work.mission.rubric),
            )
    return recipient


def points_milestone(language):
    from missions import services as missions

    recipient = person(language)
    with translation.override(OTHER[language]):
        missions.points_award(user=recipient, points=missions.MILESTONES[0], reason="-", key="k")
    return recipient


def promotion_invitation(language):
    from missions import services as missions
    from missions.models import GrowthRule

    GrowthRule.objects.filter(from_stage=1).update(
        approved_missions=0, require_courses=False, require_guidelines=False
    )
    recipient = person(language)
    with translation.override(OTHER[language]):
        missions.promotion_check(ambassador=recipient.ambassador)
    return recipient


def stage_changed(language):
    from missions import services as missions

    recipient = person(language)
    with translation.override(OTHER[language]):
        missions.stage_set(
            ambassador=recipient.ambassador,
            to_stage=Stage.CURATION,
            reason="Well done.",
            changed_by=person(OTHER[language], Role.EMPLOYEE, Role.COMMS),
        )
    return recipient


def mission_offer(language):
    from missions import services as missions
    from missions.models import Campaign
    from tests.factories.missions import mission

    recipient = person(language)
    campaign = Campaign.objects.create(name="Open day", starts_at=timezone.now(), window_hours=1)
    campaign.missions.set([mission(title_nl="Reageer", title_en="React")])
    with translation.override(OTHER[language]):
        missions.campaign_plan(campaign=campaign)
    return recipient


def mission_reminder(language):
    from missions import services as missions
    from missions.models import Assignment
    from tests.factories.missions import mission

    recipient = person(language)
    soon = missions.mission_pick(
        user=recipient, mission=mission(title_nl="Reageer", title_en="React")
    )
    Assignment.objects.filter(pk=soon.pk).update(due_at=timezone.now() + dt.timedelta(days=1))
    with translation.override(OTHER[language]):
        missions.reminders_send()
    return recipient


def miss_you(language):
    from django.contrib.auth.models import User

    from missions import services as missions

    recipient = person(language)
    past = timezone.now() - dt.timedelta(days=45)
    User.objects.filter(pk=recipient.pk).update(last_login=past)
    Ambassador.objects.filter(user=recipient).update(consented_at=past)
    with translation.override(OTHER[language]):
        missions.miss_you_send()
    return recipient


def insights_summary(language):
    from insights.models import SummarySubscription
    from insights.summary import summaries_send

    recipient = person(language, Role.EMPLOYEE, Role.COMMS)
    SummarySubscription.objects.create(user=recipient)
    with translation.override(OTHER[language]):
        summaries_send()
    return recipient


def quiz_attempts_granted(language):
    from courses import services as courses
    from tests.factories.courses import build_tree

    lesson = build_tree().quiz_lesson
    lesson.quizzes()[0].value["max_attempts"] = 1
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    recipient = person(language)
    with translation.override(OTHER[language]):
        courses.quiz_attempts_grant(
            learner=recipient,
            lesson=lesson,
            attempts=2,
            reason="Read it again.",
            granted_by=mentor(OTHER[language], "question"),
        )
    return recipient


# kind -> (scenario, the subject's msgid as in the code; a tuple for ngettext)
SCENARIOS = {
    "welcome": (welcome, "Welcome to Ambassador Academy"),
    "digest": (digest, "Your week at Ambassador Academy"),
    "course_completed": (course_completed, "You earned the badge “%(badge)s”"),
    "guidelines_changed": (guidelines_changed, "The guideline “%(title)s” has changed"),
    "share_suggestion": (share_suggestion, "Something to share: %(title)s"),
    "proposal_reviewed": (proposal_reviewed, "Your proposal was not added: %(title)s"),
    "colleague_post": (colleague_post, "%(name)s posted on LinkedIn about a topic you follow"),
    "ticket_assigned": (ticket_assigned, "New request for you: %(subject)s"),
    "mediation_alert": (mediation_alert, "Urgent mediation request: %(subject)s"),
    "ticket_unassigned": (ticket_unassigned, "No mentor available for: %(subject)s"),
    "ticket_reply": (ticket_reply_to_mentor, "New reply on: %(subject)s"),
    "ticket_reply/employee": (ticket_reply_to_employee, "Your mentor replied: %(subject)s"),
    "ticket_draft": (ticket_draft, "A draft for you: %(subject)s"),
    "sla_warning": (sla_warning, "Due soon: %(subject)s"),
    "sla_breach": (sla_breach, "Target missed: %(subject)s"),
    "mediation_escalation": (mediation_escalation, "Target missed: %(subject)s"),
    "mission_reviewed": (mission_reviewed, "Not approved: %(mission)s"),
    "rubric_feedback": (rubric_feedback, "Colleagues reviewed your work: %(mission)s"),
    "points_milestone": (points_milestone, "New badge: %(points)s points"),
    "promotion_invitation": (promotion_invitation, "You can move on to %(stage)s, if you like"),
    "stage_changed": (stage_changed, "Your stage is now %(stage)s"),
    "mission_offer": (
        mission_offer,
        ("A mission for you: %(title)s", "%(count)s missions for you, starting with: %(title)s"),
    ),
    "mission_reminder": (mission_reminder, "Your mission ends soon: %(title)s"),
    "miss_you": (miss_you, "We miss you at Ambassador Academy"),
    "insights_summary": (insights_summary, "Ambassador Academy this week"),
    "quiz_attempts_granted": (quiz_attempts_granted, "You can try the quiz again: %(lesson)s"),
}
# Words of the content (titles, a mission's name) that must follow the recipient's language.
CONTENT = {"mission_reviewed": {"nl": "Reageer", "en": "React"}}
CONTENT["mission_offer"] = CONTENT["mission_reminder"] = CONTENT["mission_reviewed"]
CONTENT["rubric_feedback"] = CONTENT["mission_reviewed"]


def test_every_notification_kind_has_a_scenario():
    """A kind made anywhere in the code without a scenario here fails this test."""
    tested = {name.split("/")[0] for name in SCENARIOS}
    assert kinds_in_code() == tested


def _translated(msgid, language: str) -> str:
    with translation.override(language):
        if isinstance(msgid, tuple):
            return ngettext(*msgid, 1)
        return gettext(msgid)


def _fragments(text: str) -> list[str]:
    """The fixed words of a message, without its %(name)s parameters."""
    return [part.strip() for part in re.split(r"%\(\w+\)s", text) if part.strip()]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("name", list(SCENARIOS))
def test_notification_reaches_the_recipient_in_their_language(
    name, language, django_capture_on_commit_callbacks
):
    """In-app text and e-mail are in the recipient's language, whoever caused them."""
    scenario, msgid = SCENARIOS[name]
    kind = name.split("/")[0]
    expected, foreign = _translated(msgid, language), _translated(msgid, OTHER[language])
    assert expected != foreign, f"no Dutch translation for {msgid!r}"
    if scenario is guidelines_changed:
        recipient = scenario(language, django_capture_on_commit_callbacks)
    else:
        recipient = scenario(language)
    rows = list(Notification.objects.filter(recipient=recipient, kind=kind))
    assert rows, f"{name} made no notification for the recipient"
    for row in rows:
        for fragment in _fragments(expected):
            assert fragment in row.subject, (row.subject, fragment)
        for word in CONTENT.get(name, {}).values():
            assert (word in row.subject) == (word == CONTENT[name][language]), row.subject

    mail.outbox.clear()
    Notification.objects.filter(pk__in=[row.pk for row in rows], email_after__isnull=False).update(
        email_after=timezone.now(), email_sent_at=None, email_claimed_at=None
    )
    emailed = [row for row in rows if row.email_after is not None]
    with translation.override(OTHER[language]):
        for row in emailed:
            assert services.notification_email_deliver(notification_id=row.pk)
    assert len(mail.outbox) == len(emailed)
    greeting = _translated("Hello %(name)s,", language) % {"name": recipient.first_name}
    footer = _translated("You can change which e-mails you get in your profile:", language)
    for message, row in zip(mail.outbox, emailed, strict=True):
        assert message.to == [recipient.email]
        assert message.subject == row.subject
        assert message.body.startswith(greeting)
        assert footer in message.body


@pytest.mark.parametrize("language", ["nl", "en"])
def test_lazy_text_renders_in_the_language_active_when_read(language):
    """Parameters that are lazy (a label) or objects (a mission) follow the language too."""
    text = services.lazy_text(
        gettext_lazy("Your stage is now %(stage)s"), stage=Stage.CURATION.label
    )
    with translation.override(language):
        assert str(text) == gettext("Your stage is now %(stage)s") % {"stage": gettext("Curation")}


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(
    ("send", "subject"),
    [
        ("invitation", "You are invited to Ambassador Academy"),
        ("password_reset", "Choose a new password for Ambassador Academy"),
    ],
)
def test_account_emails_are_in_the_recipients_language(send, subject, language):
    """Invitations and password resets, sent by a task, are in the person's language."""
    from ambassadors import accounts

    recipient = person(language, joined=False)
    with translation.override(OTHER[language]):
        if send == "invitation":
            assert accounts.invitation_send(ambassador_id=recipient.ambassador.pk)
        else:
            accounts.password_reset_send(user_id=recipient.pk)
    (message,) = mail.outbox
    assert message.subject == _translated(subject, language)
    greeting = _translated("Hello %(name)s,", language) % {"name": recipient.first_name}
    assert message.body.startswith(greeting)
