"""Demo missions for the three stages in Dutch and English, two campaigns, assignments in
every state (with generated screenshots) and ambassadors close to their next stage.

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
from sharing.models import ContentItem

from . import services
from .models import Assignment, Campaign, Mission

S = Assignment.State
K = Mission.Kind

# stage, kind, points, minutes, evidence (link, screenshot, text), open to all,
# content item slug, (nl title, nl instructions), (en title, en instructions)
MISSIONS = [
    (
        1,
        K.LIKE,
        5,
        2,
        (True, False, False),
        True,
        "open-dag",
        (
            "Like het bericht over onze open dag",
            "<p>Zoek het bericht over de open dag op onze bedrijfspagina en like het. Wil je meer "
            "doen? Schrijf er kort bij wie je er graag zou zien.</p>",
        ),
        (
            "Like the post about our open day",
            "<p>Find the post about the open day on our company page and like it. Want to do more? "
            "Add who you would love to see there.</p>",
        ),
    ),
    (
        1,
        K.COMMENT,
        10,
        5,
        (True, False, False),
        True,
        None,
        (
            "Reageer op een bericht van een collega",
            "<p>Kies een bericht van een collega dat je aanspreekt en reageer met een vraag of een "
            "eigen ervaring. Een reactie met inhoud zegt meer dan ‘mooi!’.</p>",
        ),
        (
            "Comment on a colleague's post",
            "<p>Pick a colleague's post that speaks to you and comment with a question or an "
            "experience of your own. A comment with substance says more than ‘great!’.</p>",
        ),
    ),
    (
        1,
        K.SHARE,
        10,
        5,
        (True, False, False),
        True,
        "monteurs-gezocht",
        (
            "Deel de vacature voor servicemonteurs",
            "<p>Deel de vacature met een persoonlijke zin: wat maakt het werk hier leuk? Wie in je "
            "netwerk zou je het gunnen?</p>",
        ),
        (
            "Share the service engineer vacancy",
            "<p>Share the vacancy with one personal sentence: what makes the work here good? "
            "Who in your network would you wish it for?</p>",
        ),
    ),
    (
        1,
        K.COMMENT,
        10,
        5,
        (True, True, False),
        True,
        None,
        (
            "Feliciteer een collega met een mijlpaal",
            "<p>Een jubileum, een diploma, een opgeleverd project: laat zien dat je het ziet. "
            "Voeg een schermafbeelding van je reactie toe.</p>",
        ),
        (
            "Congratulate a colleague on a milestone",
            "<p>An anniversary, a diploma, a finished project: show that you noticed. Add a "
            "screenshot of your comment.</p>",
        ),
    ),
    (
        1,
        K.LIKE,
        5,
        3,
        (False, True, False),
        True,
        None,
        (
            "Volg onze bedrijfspagina en like het laatste bericht",
            "<p>Volg de bedrijfspagina op het netwerk dat je het meest gebruikt en like het "
            "laatste bericht. Een schermafbeelding is genoeg als bewijs.</p>",
        ),
        (
            "Follow our company page and like the latest post",
            "<p>Follow the company page on the network you use most and like the latest post. A "
            "screenshot is enough as evidence.</p>",
        ),
    ),
    (
        2,
        K.CURATE,
        20,
        15,
        (True, False, True),
        True,
        None,
        (
            "Deel een vakartikel met je eigen mening",
            "<p>Vind een artikel uit een vakblad dat je collega’s en klanten zou moeten lezen. "
            "Deel het met twee of drie zinnen: wat is jouw kijk erop?</p>",
        ),
        (
            "Share a trade article with your own view",
            "<p>Find an article from a trade journal your colleagues and customers should read. "
            "Share it with two or three sentences: what is your take?</p>",
        ),
    ),
    (
        2,
        K.CURATE,
        20,
        15,
        (True, False, True),
        True,
        None,
        (
            "Deel een marktontwikkeling die klanten raakt",
            "<p>Nieuwe regels, een subsidie, een technologie: deel een bericht erover en leg uit "
            "wat het voor klanten betekent.</p>",
        ),
        (
            "Share a market development that affects customers",
            "<p>New rules, a subsidy, a technology: share a piece about it and explain what "
            "it means for customers.</p>",
        ),
    ),
    (
        2,
        K.CURATE,
        15,
        10,
        (True, False, False),
        True,
        None,
        (
            "Tip een webinar of evenement voor je netwerk",
            "<p>Deel een evenement dat je zelf zou aanraden (niet van ons) en zeg waarom.</p>",
        ),
        (
            "Recommend a webinar or event to your network",
            "<p>Share an event you would recommend yourself (not one of ours) and say why.</p>",
        ),
    ),
    (
        2,
        K.CURATE,
        20,
        15,
        (True, True, True),
        True,
        None,
        (
            "Deel een klantverhaal van een partner met je eigen les",
            "<p>Deel een klantverhaal van een leverancier of partner en vertel wat jij ervan "
            "leerde. Voeg een schermafbeelding van je bericht toe.</p>",
        ),
        (
            "Share a partner's customer story with your own lesson",
            "<p>Share a customer story from a supplier or partner and tell what you learned from "
            "it. Add a screenshot of your post.</p>",
        ),
    ),
    (
        3,
        K.ARTICLE,
        50,
        60,
        (True, False, False),
        True,
        None,
        (
            "Schrijf over een project waar je trots op bent",
            "<p>Schrijf een artikel of lang bericht over een project: het probleem, jouw aanpak, "
            "het resultaat. Een mentor leest graag mee voordat je publiceert.</p>",
        ),
        (
            "Write about a project you are proud of",
            "<p>Write an article or long post about a project: the problem, your approach, the "
            "result. A mentor is happy to read along before you publish.</p>",
        ),
    ),
    (
        3,
        K.PHOTO,
        30,
        20,
        (True, True, False),
        True,
        None,
        (
            "Een foto van je team aan het werk",
            "<p>Maak een foto van je team aan het werk, alleen met toestemming van wie erop staat "
            "en nooit bij een klant zonder schriftelijke toestemming.</p>",
        ),
        (
            "A photo of your team at work",
            "<p>Take a photo of your team at work, only with the consent of everyone in it "
            "and never at a customer's site without written consent.</p>",
        ),
    ),
    (
        3,
        K.VIDEO,
        40,
        45,
        (True, False, True),
        True,
        None,
        (
            "Een tip uit je vak in zestig seconden",
            "<p>Neem een korte video op met één praktische tip uit je vak. Schrijf de tekst die je "
            "erbij plaatst in het tekstveld.</p>",
        ),
        (
            "A tip from your trade in sixty seconds",
            "<p>Record a short video with one practical tip from your trade. Put the text you post "
            "with it in the text field.</p>",
        ),
    ),
    (
        3,
        K.REPORT,
        40,
        30,
        (True, False, True),
        True,
        None,
        (
            "Verslag van een beurs of klantbezoek",
            "<p>Wat zag, hoorde en leerde je? Deel een verslag met foto’s waarop niemand "
            "herkenbaar is zonder toestemming.</p>",
        ),
        (
            "Report from a trade fair or customer visit",
            "<p>What did you see, hear and learn? Share a report with photos in which nobody is "
            "recognisable without consent.</p>",
        ),
    ),
    (
        3,
        K.ARTICLE,
        40,
        40,
        (True, False, True),
        False,
        None,
        (
            "Vertel waarom jij hier werkt",
            "<p>Voor de wervingscampagne: vertel in je eigen woorden waarom je hier werkt en wat "
            "je een nieuwe collega zou willen meegeven.</p>",
        ),
        (
            "Tell why you work here",
            "<p>For the recruitment campaign: tell in your own words why you work here and what "
            "you would tell a new colleague.</p>",
        ),
    ),
]

REVIEWER = "mentor"
# username -> [(mission index, final state)], in the order they happen
JOURNEYS = {
    # Mission 0 (the open day post) stays free: the open-day campaign offers it to tom.
    "tom": [(4, S.APPROVED), (1, S.APPROVED), (3, S.CHANGES_REQUESTED), (2, S.ACCEPTED)],
    "mohamed": [(0, S.APPROVED), (4, S.SUBMITTED), (1, S.DECLINED)],
    "emma": [(0, S.SUBMITTED), (2, S.EXPIRED)],
    "julia": [(1, S.REJECTED), (0, S.APPROVED)],
    "daan": [(5, S.APPROVED), (6, S.APPROVED), (8, S.SUBMITTED), (7, S.ACCEPTED)],
    "lisa": [(5, S.APPROVED), (6, S.APPROVED), (7, S.APPROVED)],
    "milan": [(7, S.SUBMITTED), (5, S.CHANGES_REQUESTED)],
    "noah": [(6, S.APPROVED), (8, S.SUBMITTED)],
    "fatima": [(9, S.APPROVED), (10, S.SUBMITTED), (12, S.ACCEPTED)],
    "lucas": [(11, S.SUBMITTED), (9, S.REJECTED)],
    "jesse": [(10, S.APPROVED), (12, S.APPROVED), (9, S.CHANGES_REQUESTED)],
}
FEEDBACK = {
    S.APPROVED: "Mooi gedaan, precies de bedoeling. Dank je!",
    S.CHANGES_REQUESTED: "Goed begin! Kun je er nog één zin bij zetten over wat het voor jou "
    "betekent? Dan is het echt van jou.",
    S.REJECTED: "Dit is een bericht van ons eigen bedrijf; voor deze missie zoeken we iets "
    "van buiten. Probeer gerust een andere missie.",
}


def seed() -> None:
    missions = [_mission(row) for row in MISSIONS]
    reviewer = User.objects.filter(username=REVIEWER).first()
    people = {
        user.username: user
        for user in User.objects.filter(username__in=JOURNEYS, ambassador__status="active")
    }
    now = timezone.now()
    for number, (username, steps) in enumerate(sorted(JOURNEYS.items())):
        user = people.get(username)
        if user is None or reviewer is None:
            continue
        for position, (index, state) in enumerate(steps):
            mission = missions[index]
            if Assignment.objects.filter(user=user, mission=mission).exists():
                continue
            days_ago = 40 - number * 2 - position * 6
            _journey(user, mission, state, reviewer, now - dt.timedelta(days=max(days_ago, 3)))
    services.assignments_expire()
    _campaigns(missions, now)
    # Some people chose to appear on the leaderboard, one of them without a name.
    Ambassador.objects.filter(user__username__in=["daan", "fatima", "jesse", "lisa"]).update(
        leaderboard_visible=True
    )
    Ambassador.objects.filter(user__username="lisa").update(leaderboard_anonymous=True)
    for user in people.values():
        services.promotion_check(ambassador=user.ambassador)


def _mission(row) -> Mission:
    stage, kind, points, minutes, evidence, open_to_all, slug, nl, en = row
    mission = Mission.objects.filter(title_nl=nl[0]).first()
    if mission is not None:
        return mission
    item = None
    if slug:
        item = ContentItem.objects.filter(url__endswith=f"/nl/{slug}").first()
    return Mission.objects.create(
        stage=stage,
        kind=kind,
        points=points,
        estimated_minutes=minutes,
        needs_link=evidence[0],
        needs_screenshot=evidence[1],
        needs_text=evidence[2],
        open_to_all=open_to_all,
        content_item=item,
        title_nl=nl[0],
        instructions_nl=nl[1],
        title_en=en[0],
        instructions_en=en[1],
    )


def _journey(user: User, mission: Mission, state: str, reviewer: User, start: dt.datetime):
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
            text="Demo: de tekst die ik erbij plaatste. Wat vinden jullie ervan?"
            if mission.needs_text
            else "",
        )
    if state in (S.APPROVED, S.CHANGES_REQUESTED, S.REJECTED):
        review = {
            S.APPROVED: services.assignment_approve,
            S.CHANGES_REQUESTED: services.assignment_request_changes,
            S.REJECTED: services.assignment_reject,
        }[state]
        review(assignment=assignment, reviewer=reviewer, feedback=FEEDBACK[state])
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


OPEN_DAY_STARTED = dt.timedelta(days=3)


def _campaigns(missions: list[Mission], now: dt.datetime) -> None:
    if Campaign.objects.exists():
        return
    open_day = Campaign.objects.create(
        name="Open dag in de werkplaats", stage=1, starts_at=now, window_hours=48
    )
    open_day.missions.set([missions[0], missions[2]])
    open_day.topics.set(Topic.objects.filter(slug__in=["evenementen", "werken-bij"]))
    recruitment = Campaign.objects.create(
        name="Wervingscampagne: waarom ik hier werk",
        stage=3,
        starts_at=now - dt.timedelta(hours=2),
        window_hours=120,
    )
    recruitment.missions.set([missions[13], missions[10]])
    for campaign in (open_day, recruitment):
        try:
            services.campaign_plan(campaign=campaign)
        except services.MissionError:
            continue
    _started_earlier(open_day, OPEN_DAY_STARTED)


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
