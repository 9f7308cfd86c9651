"""Demo mentor desk: three mentors with skills and capacity, holidays on top of the default
opening hours, canned responses, and about forty requests of every kind and state — among
them a breached one and a live mediation not picked up yet.

Idempotent: mentors and settings are found by their natural keys; requests are only made
when there are none.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.utils import timezone

from . import services
from .models import CannedResponse, Holiday, Kind, MentorProfile, Ticket

MENTORS = {
    # username: skills, capacity, team lead
    "mentor": ({"question", "coaching", "mediation"}, 6, True),
    "joost": ({"question", "ghostwriting", "editing"}, 5, False),
    "lotte": ({"coaching", "editing", "mediation"}, 4, False),
}
HOLIDAYS = [
    (dt.date(2026, 12, 25), "Eerste Kerstdag"),
    (dt.date(2026, 12, 26), "Tweede Kerstdag"),
    (dt.date(2027, 1, 1), "Nieuwjaarsdag"),
    (dt.date(2027, 4, 27), "Koningsdag"),
]
CANNED = [
    (
        "",
        "Bedankt voor je vraag",
        "Dank je voor je vraag! Ik kijk er vandaag naar en laat je weten wat ik ervan vind.",
    ),
    (
        "mediation",
        "Eerst niet meer reageren",
        "Goed dat je je meldt. Reageer voorlopig niet "
        "verder in de discussie; ik kijk nu mee en bel je zo nodig.",
    ),
    (
        "editing",
        "Tekst nagekeken",
        "Ik heb je tekst nagekeken; je ziet mijn wijzigingen "
        "hieronder. Maak hem vooral weer helemaal van jezelf.",
    ),
    (
        "ghostwriting",
        "Eerste versie",
        "Hier is een eerste versie. Pas aan wat niet als jij "
        "klinkt, en laat het weten als ik iets moet herschrijven.",
    ),
]

# kind, subject, body, details, network, final state, hours ago, extras
REQUESTS = [
    (
        Kind.QUESTION,
        "Mag ik klantfoto's delen?",
        "Ik heb mooie foto's van een installatie bij een klant. Mag ik die op LinkedIn zetten?",
        {},
        "",
        "resolved",
        120,
        {"rating": 5},
    ),
    (
        Kind.QUESTION,
        "Hoe vaak per week posten?",
        "Hoe vaak is verstandig zonder dat het opdringerig wordt?",
        {},
        "",
        "resolved",
        96,
        {"rating": 4},
    ),
    (
        Kind.QUESTION,
        "Bedrijfspagina taggen",
        "Moet ik de bedrijfspagina taggen als ik over mijn werk post?",
        {},
        "linkedin",
        "assigned",
        3,
        {},
    ),
    (
        Kind.QUESTION,
        "Reactie op een vacaturebericht",
        "Iemand vraagt onder mijn gedeelde vacature naar het salaris. Wat zeg ik?",
        {},
        "linkedin",
        "breached",
        30,
        {},
    ),
    (
        Kind.QUESTION,
        "Profielfoto",
        "Is een foto in werkkleding een goed idee?",
        {},
        "",
        "waiting",
        20,
        {},
    ),
    (
        Kind.QUESTION,
        "Privé of zakelijk account op Instagram?",
        "Ik twijfel of ik mijn Instagram hiervoor wil gebruiken.",
        {},
        "instagram",
        "resolved",
        200,
        {"rating": 3},
    ),
    (
        Kind.COACHING,
        "Beter worden in korte video's",
        "Ik wil leren hoe ik korte video's maak over mijn vak.",
        {"availability": "dinsdagmiddag"},
        "",
        "assigned",
        26,
        {},
    ),
    (
        Kind.COACHING,
        "Mijn netwerk uitbreiden",
        "Hoe bouw ik een netwerk met mensen uit de bouw?",
        {"availability": "vrijdag"},
        "",
        "resolved",
        300,
        {"rating": 5},
    ),
    (
        Kind.COACHING,
        "Schrijven over projecten",
        "Ik vind het lastig om over mijn eigen werk te schrijven zonder op te scheppen.",
        {},
        "",
        "waiting",
        50,
        {},
    ),
    (
        Kind.GHOSTWRITING,
        "Bericht over de open dag",
        "Open dag 14 maart, demo's van warmtepompen, koffie en rondleidingen.",
        {"topic": "Open dag", "audience": "buren en klanten", "tone": "enthusiastic"},
        "facebook",
        "assigned",
        6,
        {"draft": True},
    ),
    (
        Kind.GHOSTWRITING,
        "Post over ons nieuwe dashboard",
        "Klanten zien nu live hun energieverbruik; bespaart gemiddeld 12%.",
        {"topic": "Slimme gebouwen", "audience": "facility managers", "tone": "expert"},
        "linkedin",
        "resolved",
        150,
        {"draft": True, "rating": 4},
    ),
    (
        Kind.GHOSTWRITING,
        "Afscheid van een collega",
        "Piet gaat na 40 jaar met pensioen.",
        {"topic": "Afscheid", "audience": "collega's en oud-klanten", "tone": "personal"},
        "linkedin",
        "queued",
        6,
        {},
    ),
    (
        Kind.EDITING,
        "Mijn eerste artikel",
        "Vorige week hebben we bij een school een "
        "warmtepomp geinstalleerd. Het was een hele klus maar het is gelukt en de kinderen "
        "hebben het nu lekker warm.",
        {"wishes": "Korter en pakkender"},
        "linkedin",
        "assigned",
        8,
        {"draft": True},
    ),
    (
        Kind.EDITING,
        "Tekst voor een foto",
        "Ons team op de dag van de oplevering, super trots op dit mooie project!!!",
        {"wishes": "Minder uitroeptekens"},
        "instagram",
        "resolved",
        90,
        {"draft": True, "rating": 5},
    ),
    (
        Kind.EDITING,
        "Reactie op een vakartikel",
        "Interessant artikel, maar ik denk dat de auteur de kosten onderschat.",
        {"wishes": "Vriendelijk maar duidelijk"},
        "linkedin",
        "waiting",
        40,
        {"draft": True},
    ),
    (
        Kind.MEDIATION,
        "Boze reactie onder mijn bericht",
        "Iemand beschuldigt ons onder mijn bericht van slecht werk en het loopt uit de hand.",
        {"link": "https://www.linkedin.com/feed/update/demo-1", "urgency": "now"},
        "linkedin",
        "live",
        0.3,
        {},
    ),
    (
        Kind.MEDIATION,
        "Discussie over subsidie",
        "Een discussie over subsidies werd persoonlijk.",
        {"link": "https://x.com/demo/status/2", "urgency": "today"},
        "x",
        "resolved",
        72,
        {"rating": 5},
    ),
    (
        Kind.MEDIATION,
        "Verkeerde info gedeeld",
        "Ik deelde een bericht met een fout; mensen reageren.",
        {"link": "https://www.facebook.com/demo/posts/3", "urgency": "calm"},
        "facebook",
        "assigned",
        2,
        {},
    ),
]
REQUESTERS = [
    "tom",
    "daan",
    "fatima",
    "lisa",
    "mohamed",
    "emma",
    "noah",
    "milan",
    "jesse",
    "sophie",
    "lucas",
    "julia",
    "eva",
    "bram",
    "finn",
    "amira",
    "iris",
    "femke",
]


def seed() -> None:
    mentors = _mentors()
    for day, name in HOLIDAYS:
        Holiday.objects.get_or_create(date=day, defaults={"name": name})
    for kind, title, body in CANNED:
        CannedResponse.objects.get_or_create(title=title, defaults={"kind": kind, "body": body})
    if Ticket.objects.exists() or not mentors:
        return
    # The requests are written in Dutch, so Dutch-speaking people file them.
    people = list(
        User.objects.filter(
            username__in=REQUESTERS, ambassador__status="active", ambassador__language="nl"
        )
    )
    if not people:
        return
    now = timezone.now()
    for repeat in range(3):
        for number, row in enumerate(REQUESTS):
            if repeat and row[5] in ("live", "breached", "queued"):
                continue
            requester = people[(number + repeat * 7) % len(people)]
            hours = row[6] + repeat * 60
            _request(row, requester, mentors, now - dt.timedelta(hours=hours))


def _mentors() -> list[User]:
    found = []
    for username, (skills, capacity, lead) in MENTORS.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            continue
        MentorProfile.objects.get_or_create(
            user=user,
            defaults={
                **{f"handles_{kind}": kind in skills for kind in Kind.values},
                "capacity": capacity,
                "is_team_lead": lead,
            },
        )
        found.append(user)
    return found


def _request(row, requester: User, mentors: list[User], created: dt.datetime):
    kind, subject, body, details, network, state, _hours, extras = row
    ticket = services.ticket_create(
        requester=requester,
        kind=kind,
        subject=subject,
        body=body,
        details=details,
        network=network,
    )
    Ticket.objects.filter(pk=ticket.pk).update(created_at=created)
    ticket.refresh_from_db()
    services.clock_start(ticket, created)
    ticket.save()
    if state == "live":
        return  # a mediation routed to a mediator (and the team lead told), not picked up yet
    mentor = ticket.assignee
    if state == "queued":
        if mentor is not None:
            # Its mentor did not pick it up in time and nobody else has the skill: it went
            # back to the team queue (the same step the SLA sweep takes).
            Ticket.objects.filter(pk=ticket.pk).update(assigned_at=created)
            services.tickets_return_untouched()
        return
    if mentor is None:
        capable = [m for m in mentors if m.mentor_profile.handles(kind)]
        if not capable:
            return
        mentor = capable[0]
        services.ticket_take(ticket=ticket, mentor=mentor)
    if state == "breached":
        Ticket.objects.filter(pk=ticket.pk).update(touched_at=created + dt.timedelta(hours=1))
        return
    services.ticket_reply(
        ticket=ticket,
        author=mentor,
        body="Goed dat je het vraagt. Ik kijk ernaar en kom er vandaag op terug.",
    )
    services.ticket_reply(
        ticket=ticket,
        author=mentor,
        body="Intern: even afstemmen met communicatie voor we antwoorden.",
        internal=True,
    )
    if extras.get("draft"):
        text = body.replace("!!!", ".").replace("super trots", "trots")
        services.draft_add(ticket=ticket, mentor=mentor, text=f"{text} Kom gerust eens kijken!")
    if state == "waiting":
        services.ticket_wait(ticket=ticket, mentor=mentor)
    elif state == "resolved":
        services.ticket_reply(
            ticket=ticket, author=requester, body="Dank je, hier kan ik mee verder."
        )
        services.ticket_resolve(ticket=ticket, by=requester)
        if "rating" in extras:
            services.ticket_rate(
                ticket=ticket,
                user=requester,
                satisfaction=extras["rating"],
                comment="Snel en duidelijk geholpen." if extras["rating"] >= 4 else "",
            )
    _backdate(ticket, created)


def _backdate(ticket: Ticket, created: dt.datetime) -> None:
    """Spread the demo thread over the hours after the request was made, and judge the
    targets against those moments (the services judged them against the seeding time)."""
    ticket.refresh_from_db()
    step = dt.timedelta(minutes=15 + (ticket.pk * 53) % 240)
    for position, message in enumerate(ticket.messages.order_by("pk")):
        type(message).objects.filter(pk=message.pk).update(
            created_at=created + step * (position + 1)
        )
    target = services.target_for(ticket.kind)
    calendar = services.calendar_for(target)
    changes = {}
    if ticket.first_response_at:
        changes["first_response_at"] = created + step
        changes["response_breached"] = changes["first_response_at"] > calendar.add(
            created, target.first_response_minutes
        )
    if ticket.resolved_at:
        changes["resolved_at"] = created + step * 4
        changes["resolution_breached"] = changes["resolved_at"] > calendar.add(
            created, target.resolution_minutes
        )
    if changes:
        Ticket.objects.filter(pk=ticket.pk).update(**changes)
