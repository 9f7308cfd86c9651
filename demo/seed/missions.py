"""The demo missions (content/missions) in Dutch and English, and story.toml's journeys:
assignments in every state (with generated screenshots), two campaigns, and ambassadors
close to their next stage.

Idempotent: missions are found by their Dutch title; people who already have an assignment
for a mission are left alone.
"""

from __future__ import annotations

import datetime as dt
import io

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.utils import timezone
from PIL import Image, ImageDraw

from ambassadors.models import Ambassador, Notification, Topic
from missions import services
from missions.models import Assignment, Campaign, Mission
from sharing.models import ContentItem

from .files import CONTENT, content, localized, story

S = Assignment.State
FOLDER = CONTENT / "missions"


def seed() -> None:
    told = story()["missions"]
    missions = {
        data["key"]: _mission(data) for data in content("missions/missions.toml")["missions"]
    }
    reviewer = User.objects.filter(username=told["reviewer"]).first()
    journeys = told["journeys"]
    people = {
        user.username: user
        for user in User.objects.filter(
            username__in=journeys, ambassador__status="active"
        ).order_by("username")
    }
    now = timezone.now()
    for username, steps in sorted(journeys.items()):
        user = people.get(username)
        if user is None or reviewer is None:
            continue
        for step in steps:
            mission = missions[step["mission"]]
            if Assignment.objects.filter(user=user, mission=mission).exists():
                continue
            start = now - dt.timedelta(days=step["days_ago"])
            _journey(user, mission, step["state"], reviewer, start, told)
    services.assignments_expire()
    _campaigns(missions, told["campaigns"], now)
    Ambassador.objects.filter(user__username__in=told["leaderboard"]).update(
        leaderboard_visible=True
    )
    Ambassador.objects.filter(user__username__in=told["leaderboard_anonymous"]).update(
        leaderboard_anonymous=True
    )
    for user in people.values():
        services.promotion_check(ambassador=user.ambassador)


def _mission(data: dict) -> Mission:
    nl, en = localized(data, "nl", FOLDER), localized(data, "en", FOLDER)
    mission = Mission.objects.filter(title_nl=nl["title"]).first()
    if mission is not None:
        return mission
    item = None
    if "content_item" in data:
        item = ContentItem.objects.filter(url__endswith=f"/nl/{data['content_item']}").first()
    return Mission.objects.create(
        stage=data["stage"],
        kind=data["kind"],
        points=data["points"],
        estimated_minutes=data["minutes"],
        needs_link="link" in data["evidence"],
        needs_screenshot="screenshot" in data["evidence"],
        needs_text="text" in data["evidence"],
        open_to_all=data["open_to_all"],
        content_item=item,
        title_nl=nl["title"],
        instructions_nl=nl["instructions"],
        title_en=en["title"],
        instructions_en=en["instructions"],
    )


def _journey(user: User, mission: Mission, state: str, reviewer: User, start, told: dict):
    """Walk one assignment through the real services, then date it in the past."""
    ambassador = user.ambassador
    if ambassador.stage != mission.stage:
        return
    assignment = Assignment.objects.create(mission=mission, user=user, offered_at=start)
    if state == S.DECLINED:
        services.assignment_decline(user=user, assignment=assignment)
        return
    # Accepted back then, when the guidelines they acknowledged were current (some demo
    # people are now one version behind, which would stop a new acceptance today).
    Assignment.objects.filter(pk=assignment.pk).update(
        state=S.ACCEPTED,
        accepted_at=start,
        due_at=timezone.now() + dt.timedelta(days=mission.days_to_complete),
    )
    if state == S.EXPIRED:
        Assignment.objects.filter(pk=assignment.pk).update(
            accepted_at=start, due_at=start + dt.timedelta(days=mission.days_to_complete)
        )
        return
    if state != S.ACCEPTED:
        services.assignment_submit(
            user=user,
            assignment=assignment,
            link=f"https://www.linkedin.com/posts/{user.username}-demo-{mission.pk}",
            screenshot=_screenshot(user, mission) if mission.needs_screenshot else None,
            text=told["submission_text"] if mission.needs_text else "",
        )
    if state in (S.APPROVED, S.CHANGES_REQUESTED, S.REJECTED):
        review = {
            S.APPROVED: services.assignment_approve,
            S.CHANGES_REQUESTED: services.assignment_request_changes,
            S.REJECTED: services.assignment_reject,
        }[state]
        review(assignment=assignment, reviewer=reviewer, feedback=told["feedback"][state])
    hours = dt.timedelta(hours=1)
    Assignment.objects.filter(pk=assignment.pk).update(
        accepted_at=start + hours,
        due_at=start + dt.timedelta(days=mission.days_to_complete)
        if state not in (S.ACCEPTED, S.CHANGES_REQUESTED)
        else timezone.now() + dt.timedelta(days=5),
    )
    Assignment.objects.filter(pk=assignment.pk, submitted_at__isnull=False).update(
        submitted_at=start + dt.timedelta(days=1)
    )
    assignment.submissions.update(created_at=start + dt.timedelta(days=1))
    Assignment.objects.filter(pk=assignment.pk, reviewed_at__isnull=False).update(
        reviewed_at=start + dt.timedelta(days=2)
    )


def _screenshot(user: User, mission: Mission) -> SimpleUploadedFile:
    """A generated picture of a post, clearly marked as demo evidence."""
    image = Image.new("RGB", (900, 520), "#f3f2ef")
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((40, 40, 860, 480), radius=16, fill="white", outline="#d0d0d0")
    draw.ellipse((70, 70, 140, 140), fill="#0b5d63")
    draw.text((160, 80), user.get_full_name(), fill="#1d2226", font_size=30)
    draw.text((160, 118), "Vermeer Techniek", fill="#666666", font_size=22)
    draw.text((70, 180), mission.title_nl, fill="#1d2226", font_size=28)
    draw.rectangle((70, 240, 830, 400), fill="#e8f1f2")
    draw.text((90, 300), "DEMO - schermafbeelding van een bericht", fill="#0b5d63", font_size=26)
    draw.text((70, 425), "12 likes  ·  3 reacties  ·  2 keer gedeeld", fill="#666666", font_size=22)
    output = io.BytesIO()
    image.save(output, format="PNG")
    return SimpleUploadedFile("screenshot.png", output.getvalue(), content_type="image/png")


def _campaigns(missions: dict[str, Mission], campaigns: list[dict], now: dt.datetime) -> None:
    if Campaign.objects.exists():
        return
    made = []
    for data in campaigns:
        campaign = Campaign.objects.create(
            name=data["name"],
            stage=data["stage"],
            starts_at=now - dt.timedelta(hours=data.get("started_hours_ago", 0)),
            window_hours=data["window_hours"],
        )
        campaign.missions.set([missions[key] for key in data["missions"]])
        if "topics" in data:
            campaign.topics.set(Topic.objects.filter(slug__in=data["topics"]))
        made.append((campaign, data))
    for campaign, _data in made:
        try:
            services.campaign_plan(campaign=campaign)
        except services.MissionError:
            continue
    for campaign, data in made:
        if "started_days_ago" in data:
            _started_earlier(campaign, dt.timedelta(days=data["started_days_ago"]))


def _started_earlier(campaign: Campaign, ago: dt.timedelta) -> None:
    """Date a freshly planned campaign back, as if it started `ago`: its offers have shown.

    Everything moves by the same amount (whole days keep quiet hours and spacing intact);
    the e-mails of offers now in the past count as sent back then, not sent at start-up.
    """
    Campaign.objects.filter(pk=campaign.pk).update(
        starts_at=F("starts_at") - ago, planned_at=F("planned_at") - ago
    )
    Assignment.objects.filter(campaign=campaign).update(
        offered_at=F("offered_at") - ago, due_at=F("due_at") - ago
    )
    nudges = Notification.objects.filter(
        kind="mission_offer", idempotency_key__startswith=f"campaign:{campaign.pk}:"
    )
    nudges.update(
        created_at=F("created_at") - ago,
        visible_from=F("visible_from") - ago,
        email_after=F("email_after") - ago,
    )
    nudges.filter(email_after__lte=timezone.now(), email_sent_at__isnull=True).update(
        email_sent_at=F("email_after")
    )
