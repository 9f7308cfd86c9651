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
    # People chose how messages reach them: Lisa reads suggestions only in the platform.
    lisa = User.objects.get(username="lisa").ambassador
    assert lisa.channels_for("share_suggestion") == set()
    assert lisa.channels_for("mission_offer") == {"email"}


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


def test_demo_missions_cover_every_state_and_render(client):
    """Missions in both languages, two campaigns, every state, screenshots, an invitation."""
    from missions.models import Assignment, Campaign, Mission, PromotionInvitation, Submission

    S = Assignment.State

    call_command("seed_demo")
    assert Mission.objects.exclude(title_nl="").exclude(title_en="").count() >= 12
    assert set(Mission.objects.values_list("stage", flat=True)) == {1, 2, 3}
    assert Campaign.objects.filter(planned_at__isnull=False).count() == 2
    assert set(Assignment.objects.values_list("state", flat=True)) == set(Assignment.State)
    assert Submission.objects.exclude(screenshot="").exists()
    assert PromotionInvitation.objects.filter(answered_at__isnull=True).exists()
    counted = Assignment.objects.count()
    call_command("seed_demo")
    assert Assignment.objects.count() == counted

    client.force_login(User.objects.get(username="tom"))
    page = client.get("/missions/")
    assert page.status_code == 200
    # As the README says: two approved, one change requested, one in progress, and offers
    # from a campaign that show at once after seed_demo.
    mine = page.context["mine"]
    assert sorted(a.state for a in mine.history) == [S.APPROVED, S.APPROVED]
    assert sorted(a.state for a in mine.in_progress) == [S.ACCEPTED, S.CHANGES_REQUESTED]
    assert {a.campaign.name for a in mine.offered} == {"Open dag in de werkplaats"}
    assert "Open dag in de werkplaats" in page.content.decode()
    for assignment in Assignment.objects.filter(user__username="tom"):
        assert client.get(f"/missions/{assignment.pk}/").status_code == 200
    client.force_login(User.objects.get(username="mentor"))
    assert client.get("/missions/review/").status_code == 200
    for assignment in Assignment.objects.filter(state="submitted"):
        assert client.get(f"/missions/review/{assignment.pk}/").status_code == 200
    for submission in Submission.objects.exclude(screenshot=""):
        assert client.get(f"/missions/evidence/{submission.pk}/").status_code == 200


def test_demo_mentor_desk_has_every_kind_and_state(client):
    """About forty requests of every kind and state, a breached one, one back in the queue
    and a live mediation routed to a mediator who has not picked it up yet."""
    from mentors.models import Kind, MentorProfile, Ticket

    call_command("seed_demo")
    assert MentorProfile.objects.count() == 3
    assert MentorProfile.objects.filter(is_team_lead=True).exists()
    assert Ticket.objects.count() >= 40
    assert set(Ticket.objects.values_list("kind", flat=True)) == set(Kind.values)
    assert set(Ticket.objects.values_list("state", flat=True)) == set(Ticket.State.values)
    assert Ticket.objects.filter(
        kind=Kind.MEDIATION, state=Ticket.State.ASSIGNED, touched_at__isnull=True
    ).exists()
    from django.utils import timezone

    assert Ticket.objects.filter(
        state=Ticket.State.ASSIGNED, response_due_at__lt=timezone.now()
    ).exists()
    counted = Ticket.objects.count()
    call_command("seed_demo")
    assert Ticket.objects.count() == counted
    client.force_login(User.objects.get(username="mentor"))
    for view in ("mine", "unassigned", "soon", "breached", "all"):
        assert client.get(f"/desk/?view={view}").status_code == 200
    for ticket in Ticket.objects.all()[:48]:
        assert client.get(f"/desk/{ticket.pk}/").status_code == 200


def test_demo_insights_are_rolled_up(client):
    """After seed_demo the dashboard has figures for comms staff."""
    from insights.models import FunnelSnapshot, SharingDaily

    call_command("seed_demo")
    assert SharingDaily.objects.filter(window=90).exists()
    assert FunnelSnapshot.objects.exists()
    client.force_login(User.objects.get(username="comms"))
    page = client.get("/insights/?days=90")
    assert page.status_code == 200
    # Each chart is drawn for a wide panel, a panel across the page and a phone.
    assert page.content.decode().count('<svg class="chart chart-wide"') >= 3


def test_the_demo_has_no_dutch_leftovers_for_english_readers():
    """No "(eerder)" on request subjects, no Dutch requests by English speakers, English
    department names."""
    from django.utils import translation

    from ambassadors.models import Department
    from mentors.models import Ticket

    call_command("seed_demo")
    assert Ticket.objects.exists()
    assert not Ticket.objects.filter(subject__contains="(eerder)").exists()
    assert not Ticket.objects.filter(requester__ambassador__language="en").exists()
    with translation.override("en"):
        names = {str(department) for department in Department.objects.all()}
    assert "Customer Service" in names
    assert not names & {"Klantenservice", "Marketing & Communicatie"}


def test_demo_staff_are_reached_only_when_they_joined_themselves():
    """Mentors and comms staff get no pushes or offers by role; `pieter`, who joined, as stage 1."""
    from django.utils import timezone

    from ambassadors.models import Notification, Stage
    from missions.models import Assignment, Campaign
    from missions.services import campaign_plan
    from sharing.models import Push
    from sharing.services import push_plan
    from tests.factories.missions import mission
    from tests.factories.sharing import make_item

    call_command("seed_demo")
    staff = User.objects.filter(groups__name__in=["Mentors", "Comms staff"]).distinct()
    joined = staff.filter(ambassador__status="active")
    assert set(joined.values_list("username", flat=True)) == {"pieter"}
    assert User.objects.get(username="pieter").ambassador.stage == Stage.ENGAGEMENT
    push = push_plan(push=Push.objects.create(item=make_item(min_stage=3)))
    production = Campaign.objects.create(name="Producers", starts_at=timezone.now())
    production.missions.set([mission(stage=Stage.PRODUCTION, kind="article")])
    campaign_plan(campaign=production)
    others = staff.exclude(username="pieter")
    assert not Notification.objects.filter(recipient__in=others, is_nudge=True).exists()
    assert not Assignment.objects.filter(user__in=staff, mission__stage=Stage.PRODUCTION).exists()
    # This push: the demo's own pushes (the attention calendar's busy week) reach pieter.
    reached = Notification.objects.filter(
        is_nudge=True, idempotency_key__startswith=f"push:{push.pk}:"
    )
    assert not reached.filter(recipient__in=staff).exists()
    assert reached.exists()


def test_demo_cms_logins_pass_the_second_step_with_the_published_key(settings):
    """Comms staff and the administrator have an app with the story's key, so the demo's
    `demo_code` command gives the code that lets them into the CMS; employees have none."""
    from io import StringIO

    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.ACADEMY_TWO_FACTOR_ENFORCED = True
    call_command("seed_demo")
    owners = set(TOTPDevice.objects.values_list("user__username", flat=True))
    assert owners == {"comms", "pieter", "admin"}
    client = Client()
    client.post("/accounts/login/", {"username": "admin", "password": "academy-demo"})
    assert client.get("/cms/")["Location"].startswith("/two-factor/")
    out = StringIO()
    call_command("demo_code", stdout=out)
    client.post("/two-factor/", {"code": out.getvalue().split()[0]})
    assert client.get("/cms/").status_code == 200
