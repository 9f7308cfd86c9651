"""Demo content library: about thirty items with text variants in both languages, and
shares and clicks over the last ninety days so the figures mean something.

Addresses use the reserved `.example` domain: they are clearly demo links.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth.models import User
from django.utils import timezone

from ambassadors.models import Ambassador, Network, Topic

from .models import Click, ContentItem, Share, TextVariant
from .services import visitor_hash

# (slug, kind, min stage, topics, nl title, en title)
ITEMS = [
    (
        "warmtepomp-school",
        "corporate",
        1,
        ["duurzaamheid", "klantverhalen"],
        "Basisschool De Linde stookt nu zonder gas",
        "Primary school De Linde now heats without gas",
    ),
    (
        "monteurs-gezocht",
        "corporate",
        1,
        ["werken-bij"],
        "We zoeken servicemonteurs in Utrecht",
        "We are hiring service engineers in Utrecht",
    ),
    (
        "open-dag",
        "news",
        1,
        ["evenementen", "werken-bij"],
        "Open dag in onze werkplaats op 14 maart",
        "Open day at our workshop on 14 March",
    ),
    (
        "zonnepanelen-boerderij",
        "corporate",
        1,
        ["duurzaamheid", "klantverhalen"],
        "600 zonnepanelen op een melkveebedrijf",
        "600 solar panels on a dairy farm",
    ),
    (
        "slim-gebouw-dashboard",
        "news",
        1,
        ["innovatie"],
        "Ons nieuwe dashboard voor slimme gebouwen",
        "Our new dashboard for smart buildings",
    ),
    (
        "leerling-monteur",
        "colleague",
        1,
        ["vakmanschap", "werken-bij"],
        "Collega Sem over zijn eerste jaar als leerling-monteur",
        "Colleague Sem on his first year as an apprentice",
    ),
    (
        "installatieprijs",
        "news",
        1,
        ["vakmanschap"],
        "Genomineerd voor de regionale installatieprijs",
        "Nominated for the regional installation award",
    ),
    (
        "beurs-duurzaam-bouwen",
        "news",
        1,
        ["evenementen", "duurzaamheid"],
        "Bezoek ons op de beurs Duurzaam Bouwen",
        "Visit us at the Sustainable Building fair",
    ),
    (
        "netcongestie-uitleg",
        "third_party",
        2,
        ["marktontwikkelingen"],
        "Wat netcongestie betekent voor bedrijven",
        "What grid congestion means for businesses",
    ),
    (
        "warmtepomp-geluid",
        "third_party",
        2,
        ["innovatie", "duurzaamheid"],
        "Nieuwe warmtepompen maken minder geluid",
        "New heat pumps are quieter",
    ),
    (
        "subsidie-verduurzaming",
        "third_party",
        2,
        ["marktontwikkelingen", "duurzaamheid"],
        "Overzicht: regelingen voor verduurzaming van woningen",
        "Overview: schemes for making homes sustainable",
    ),
    (
        "tekort-technici",
        "third_party",
        2,
        ["werken-bij", "marktontwikkelingen"],
        "Het tekort aan technici en wat werkgevers doen",
        "The shortage of technicians and what employers do",
    ),
    (
        "isolatie-eerst",
        "third_party",
        2,
        ["duurzaamheid", "vakmanschap"],
        "Waarom isoleren vóór de warmtepomp komt",
        "Why insulation comes before the heat pump",
    ),
    (
        "slimme-meters-data",
        "third_party",
        2,
        ["innovatie"],
        "Wat slimme meters vertellen over energiegebruik",
        "What smart meters tell about energy use",
    ),
    (
        "batterij-opslag",
        "third_party",
        2,
        ["innovatie", "marktontwikkelingen"],
        "Thuisbatterijen: wanneer zijn ze zinvol?",
        "Home batteries: when do they make sense?",
    ),
    (
        "warmtenet-wijk",
        "third_party",
        2,
        ["duurzaamheid"],
        "Een warmtenet voor de hele wijk",
        "A heat network for the whole neighbourhood",
    ),
    (
        "veiligheid-dak",
        "corporate",
        1,
        ["vakmanschap"],
        "Veilig werken op het dak: onze aanpak",
        "Working safely on roofs: our approach",
    ),
    (
        "klant-zorgcentrum",
        "corporate",
        1,
        ["klantverhalen"],
        "Zorgcentrum Het Anker: rustiger binnenklimaat",
        "Care home Het Anker: a calmer indoor climate",
    ),
    (
        "stage-plekken",
        "news",
        1,
        ["werken-bij"],
        "Stageplekken voor het nieuwe schooljaar",
        "Internships for the new school year",
    ),
    (
        "jaarverslag",
        "news",
        2,
        ["marktontwikkelingen"],
        "Ons jaarverslag: groei in onderhoudscontracten",
        "Our annual report: growth in maintenance contracts",
    ),
    (
        "hybride-warmtepomp",
        "third_party",
        2,
        ["duurzaamheid", "innovatie"],
        "Hybride of volledig elektrisch?",
        "Hybrid or fully electric?",
    ),
    (
        "ventilatie-scholen",
        "third_party",
        2,
        ["klantverhalen", "innovatie"],
        "Goede ventilatie in klaslokalen",
        "Good ventilation in classrooms",
    ),
    (
        "team-uitje",
        "colleague",
        1,
        ["werken-bij"],
        "Het team van Engineering op de fiets naar de klant",
        "The Engineering team cycling to a customer",
    ),
    (
        "certificering",
        "corporate",
        1,
        ["vakmanschap"],
        "Ons hele serviceteam is gecertificeerd",
        "Our whole service team is certified",
    ),
    (
        "webinar-warmtepomp",
        "news",
        1,
        ["evenementen", "duurzaamheid"],
        "Webinar: de warmtepomp in een bestaand pand",
        "Webinar: the heat pump in an existing building",
    ),
    (
        "energieprijzen",
        "third_party",
        2,
        ["marktontwikkelingen"],
        "Hoe energieprijzen investeringen beïnvloeden",
        "How energy prices affect investments",
    ),
    (
        "circulair-installeren",
        "third_party",
        2,
        ["duurzaamheid", "vakmanschap"],
        "Circulair installeren: hergebruik van materialen",
        "Circular installation: reusing materials",
    ),
    (
        "zonneboiler",
        "corporate",
        1,
        ["duurzaamheid"],
        "Zonneboilers voor een sportcomplex",
        "Solar water heaters for a sports complex",
    ),
    (
        "monteur-van-het-jaar",
        "colleague",
        1,
        ["vakmanschap", "klantverhalen"],
        "Fatima: monteur van het jaar",
        "Fatima: engineer of the year",
    ),
    (
        "kennisavond",
        "news",
        1,
        ["evenementen"],
        "Kennisavond voor klanten over slimme gebouwen",
        "Customer evening about smart buildings",
    ),
]

NL_TEXTS = [
    "Mooi project van mijn collega's: {title}. Dit soort werk maakt het verschil.",
    "{title} — hier werken we aan, en daar ben ik trots op.",
]
EN_TEXTS = [
    "Great project by my colleagues: {title}. This kind of work makes a difference.",
    "{title}. This is what we work on, and I am proud of it.",
]
X_NL = "{title} — de moeite waard."
X_EN = "{title}. Worth a read."


def seed() -> None:
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    now = timezone.now()
    created = []
    for number, (slug, kind, stage, topic_slugs, title_nl, title_en) in enumerate(ITEMS):
        for language, title, texts, x_text in (
            ("nl", title_nl, NL_TEXTS, X_NL),
            ("en", title_en, EN_TEXTS, X_EN),
        ):
            if language == "en" and number % 3:
                continue  # a third of the library is in English
            url = f"https://www.vermeer-techniek.example/{language}/{slug}"
            if kind == "third_party":
                url = f"https://vakblad.example/{language}/{slug}"
            if ContentItem.objects.filter(url=url).exists():
                continue
            item = ContentItem(
                url=url,
                title=title,
                summary="",
                kind=kind,
                min_stage=stage,
                language=language,
                publish_from=now - dt.timedelta(days=90 - number * 2),
                expires_at=now - dt.timedelta(days=3) if number == 5 else None,
                disclosure="Ik werk bij Vermeer Techniek."
                if kind == "corporate" and language == "nl"
                else "",
                preview_status=ContentItem.Preview.FETCHED,
            )
            item.variants = [
                TextVariant(network=Network.LINKEDIN, text=texts[0].format(title=title)),
                TextVariant(network=Network.LINKEDIN, text=texts[1].format(title=title)),
                TextVariant(network=Network.X, text=x_text.format(title=title)),
                TextVariant(network=Network.FACEBOOK, text=texts[1].format(title=title)),
            ]
            item.topics = [topics[s] for s in topic_slugs if s in topics]
            item.save()
            created.append(item)
    if created:
        _shares_and_clicks(created)


def _shares_and_clicks(items: list[ContentItem]) -> None:
    """Shares by demo ambassadors over the last 90 days, with clicks and a few bot visits."""
    rng = random.Random(42)  # the same demo every time
    people = list(
        User.objects.filter(ambassador__status=Ambassador.Status.ACTIVE).select_related(
            "ambassador"
        )
    )
    now = timezone.now()
    for item in items:
        sharers = [p for p in people if p.ambassador.stage >= item.min_stage]
        for user in rng.sample(sharers, k=min(len(sharers), rng.randint(0, 6))):
            if user.username in ("daan", "tom"):
                continue  # these two still have the whole library to discover
            network = rng.choice([Network.LINKEDIN, Network.LINKEDIN, Network.X, Network.FACEBOOK])
            variants = [v for v in item.variants.all() if v.network == network]
            edited = rng.random() < 0.4
            text = (variants[0].text if variants else item.title) + (
                " Wat vinden jullie?" if edited else ""
            )
            when = now - dt.timedelta(days=rng.randint(1, 88), hours=rng.randint(0, 23))
            share, _created = Share.objects.get_or_create(
                user=user,
                item=item,
                network=network,
                defaults={"text": text, "edited": edited, "created_at": when, "variant": None},
            )
            clicks = []
            for visit in range(rng.randint(0, 25)):
                at = when + dt.timedelta(hours=rng.randint(1, 96))
                if at > now:
                    continue
                day = at.date()
                clicks.append(
                    Click(
                        share=share,
                        day=day,
                        visitor=visitor_hash(ip=f"198.51.100.{visit % 40}", day=day),
                        is_bot=visit % 9 == 0,
                        at=at,
                    )
                )
            Click.objects.bulk_create(clicks)
