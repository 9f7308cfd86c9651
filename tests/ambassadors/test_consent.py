"""Consent, pause, leave and rejoin: voluntary participation as the employee sees it."""

import pytest

from ambassadors import services
from ambassadors.models import Ambassador, Notification, ParticipationEvent

pytestmark = pytest.mark.django_db


def test_newcomer_is_sent_to_the_consent_page(client_for, newcomer):
    """Before consent the path leads to the consent page, which explains what is recorded."""
    client = client_for(newcomer)
    response = client.get("/path/")
    assert response.status_code == 302
    assert response["Location"] == "/welcome/"
    Ambassador.objects.filter(user=newcomer).update(language="en")
    page = client.get("/welcome/").content.decode()
    assert "What we record once you join" in page
    assert "IP addresses" in page
    assert 'name="consent"' in page


def test_consent_page_says_comms_staff_see_acknowledgements_by_name(client_for, newcomer):
    """Before joining, the page says the acknowledgement report names people, and its version."""
    Ambassador.objects.filter(user=newcomer).update(language="en")
    page = " ".join(client_for(newcomer).get("/welcome/").content.decode().split())
    assert "Comms staff see figures about groups, not about you as a person." not in page
    assert "By name they see only what running the programme needs" in page
    assert (
        "as a compliance record, whether you acknowledged the current version of each guideline"
        in page
    )
    assert "Which version of each guideline you acknowledged, and when." in page
    # What the CMS shows comms staff by name is named too: audience sizes (Programme →
    # Audience figures), notification settings (the ambassador list), quiz attempts used up.
    assert "networks with your audience size" in page
    assert "how often and when we may ask you something" in page
    assert "when you have used all attempts at a quiz" in page
    assert f"Version {services.CONSENT_VERSION} of this text." in page
    assert services.CONSENT_VERSION != "2026-11"  # the text changed, so did its version


def test_nothing_is_recorded_before_consent(client_for, newcomer):
    """Visiting pages before consent leaves no participation events and no notifications."""
    client = client_for(newcomer)
    for path in ("/", "/path/", "/profile/", "/welcome/", "/notifications/"):
        client.get(path)
    assert not ParticipationEvent.objects.filter(ambassador__user=newcomer).exists()
    assert not Notification.objects.filter(recipient=newcomer).exists()
    assert Ambassador.objects.get(user=newcomer).consented_at is None


def test_consent_needs_the_box_ticked(client_for, newcomer):
    """Posting without the tick does not join and says why."""
    Ambassador.objects.filter(user=newcomer).update(language="en")
    response = client_for(newcomer).post("/welcome/", {})
    assert Ambassador.objects.get(user=newcomer).status == Ambassador.Status.INVITED
    assert response.status_code == 400
    assert "Tick the box to confirm that you want to take part." in response.content.decode()


def test_joining_leads_to_the_guidelines_when_they_stand_before_a_first_share(client_for, newcomer):
    """With guidelines to acknowledge, joining goes straight to them, and from there on to
    the feed: the new employee's first share is a few clicks away."""
    from tests.factories.guidelines import build_guidelines

    guidelines = build_guidelines()
    response = client_for(newcomer).post("/welcome/", {"consent": "yes"})
    assert response["Location"] == f"{guidelines.index.url}?next=%2Fshare%2F"
    assert Ambassador.objects.get(user=newcomer).status == Ambassador.Status.ACTIVE


def test_giving_consent_joins_and_welcomes(client_for, newcomer):
    """Consent records the event with its version and shows the dashboard with a welcome."""
    client = client_for(newcomer)
    response = client.post("/welcome/", {"consent": "yes"})
    assert response["Location"] == "/path/"
    ambassador = Ambassador.objects.get(user=newcomer)
    assert ambassador.status == Ambassador.Status.ACTIVE
    event = ParticipationEvent.objects.get(ambassador=ambassador)
    assert (event.action, event.consent_version) == ("joined", services.CONSENT_VERSION)
    assert client.get("/path/").status_code == 200
    assert Notification.objects.filter(recipient=newcomer, kind="welcome").count() == 1


def test_pause_resume_leave_rejoin(client_for, employee):
    """An ambassador pauses, resumes, leaves and rejoins from the profile, each step recorded."""
    client = client_for(employee)
    client.post("/profile/participation/", {"action": "pause"})
    assert Ambassador.objects.get(user=employee).status == Ambassador.Status.PAUSED
    assert client.get("/path/").status_code == 200  # paused people still see their path
    client.post("/profile/participation/", {"action": "resume"})
    assert Ambassador.objects.get(user=employee).status == Ambassador.Status.ACTIVE
    # Leaving asks for confirmation first.
    response = client.post("/profile/participation/", {"action": "leave"})
    assert response.status_code == 200
    assert Ambassador.objects.get(user=employee).status == Ambassador.Status.ACTIVE
    response = client.post("/profile/participation/", {"action": "leave", "confirm": "yes"})
    assert response["Location"] == "/welcome/"
    assert Ambassador.objects.get(user=employee).status == Ambassador.Status.LEFT
    assert client.get("/path/")["Location"] == "/welcome/"
    assert client.get("/welcome/").context["rejoining"] is True
    client.post("/welcome/", {"consent": "yes"})
    assert Ambassador.objects.get(user=employee).status == Ambassador.Status.ACTIVE
    actions = list(
        ParticipationEvent.objects.filter(ambassador__user=employee)
        .order_by("at", "pk")
        .values_list("action", flat=True)
    )
    assert actions == ["joined", "paused", "resumed", "left", "rejoined"]
    # Only one welcome, not a second one on rejoining.
    assert Notification.objects.filter(recipient=employee, kind="welcome").count() == 1


def test_impossible_transitions_give_a_clear_error(employee):
    """Resuming when not paused raises the message the person sees."""
    ambassador = employee.ambassador
    with pytest.raises(services.ParticipationError) as error:
        services.ambassador_resume(ambassador=ambassador)
    assert str(error.value) == str(services.ERROR_NOT_PAUSED)
    with pytest.raises(services.ParticipationError):
        services.ambassador_join(ambassador=ambassador)


def test_unknown_participation_action_is_refused(client_for, employee):
    """A forged action changes nothing."""
    client_for(employee).post("/profile/participation/", {"action": "delete-everything"})
    assert Ambassador.objects.get(user=employee).status == Ambassador.Status.ACTIVE


def test_pausing_and_leaving_cancel_planned_nudges(employee):
    """Nudges planned for later disappear when the person pauses or leaves."""
    ambassador = employee.ambassador
    services.nudge_plan(ambassador=ambassador, kind="test", key="n1", subject="Share this")
    services.nudge_plan(ambassador=ambassador, kind="test", key="n2", subject="And this")
    assert Notification.objects.filter(recipient=employee, is_nudge=True).count() == 2
    services.ambassador_pause(ambassador=ambassador)
    # The first may already be visible (kept, it was delivered); the later one is gone.
    assert not Notification.objects.filter(idempotency_key="n2").exists()
    services.ambassador_resume(ambassador=ambassador)
    assert services.nudge_plan(ambassador=ambassador, kind="t", key="n3", subject="x") is not None
    services.ambassador_leave(ambassador=ambassador)
    assert services.nudge_plan(ambassador=ambassador, kind="t", key="n4", subject="x") is None


def test_profile_saves_preferences_and_networks(client_for, employee):
    """The profile form stores topics, preferences, quiet hours and networks."""
    from ambassadors.models import Topic

    topic = Topic.objects.create(slug="innovatie", name_nl="Innovatie", name_en="Innovation")
    response = client_for(employee).post(
        "/profile/",
        {
            "language": "en",
            "topics": [topic.pk],
            "channel_other_email": "on",
            "max_nudges_per_week": "2",
            "quiet_hours_start": "21:00",
            "quiet_hours_end": "07:00",
            "linkedin_used": "on",
            "linkedin_audience": "850",
        },
    )
    assert response.status_code == 302
    ambassador = Ambassador.objects.get(user=employee)
    assert ambassador.language == "en"
    assert list(ambassador.topics.all()) == [topic]
    assert ambassador.max_nudges_per_week == 2
    assert ambassador.quiet_hours_start.hour == 21
    assert list(ambassador.networks.values_list("network", "audience_size")) == [("linkedin", 850)]
    assert not ambassador.leaderboard_visible


def test_profile_refuses_raising_the_budget_and_half_quiet_hours(client_for, employee):
    """A budget above the programme's default and quiet hours without an end are refused."""
    response = client_for(employee).post(
        "/profile/",
        {"language": "nl", "max_nudges_per_week": "40", "quiet_hours_start": "21:00"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "max_nudges_per_week" in form.errors
    assert form.errors["quiet_hours_end"] == [
        "Vul zowel het begin als het einde van je stille uren in, of geen van beide."
    ]
    # The rule's database constraint is not reported again under its technical name.
    assert form.non_field_errors() == []
    assert "quiet_hours_both_or_none" not in response.content.decode()
    ambassador = Ambassador.objects.get(user=employee)
    assert ambassador.max_nudges_per_week is None
    assert ambassador.quiet_hours_start is None


def test_consent_page_says_the_same_in_dutch(client_for, newcomer):
    """The Dutch text promises the same (a changed English text must not fall back)."""
    Ambassador.objects.filter(user=newcomer).update(language="nl")
    page = " ".join(client_for(newcomer).get("/welcome/").content.decode().split())
    assert "als nalevingsregistratie" in page
    assert "wanneer je alle pogingen voor een quiz hebt gebruikt" in page
    assert "Comms staff" not in page
