"""Demo organisation: employees in three stages, mentors, comms staff and an administrator,
then every other app's demo content.

Idempotent: running it again changes nothing. An app adds its own demo content in a
`demo.py` module with a `seed()` function; they run in the order of INSTALLED_APPS, after
the people here, so `ambassadors` needs to import none of them.
"""

from __future__ import annotations

import datetime as dt
import importlib

from django.apps import apps
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Page, Site

from ambassadors import services
from ambassadors.models import Ambassador, Department, Network, SocialProfile, Stage, Topic
from ambassadors.provisioning import programme_settings_ensure
from ambassadors.roles import Role
from core import provisioning

DEMO_PASSWORD = "academy-demo"
DEMO_DOMAIN = "demo.ambassador-academy.test"

TOPICS = [
    ("duurzaamheid", "Duurzaamheid", "Sustainability"),
    ("innovatie", "Innovatie", "Innovation"),
    ("klantverhalen", "Klantverhalen", "Customer stories"),
    ("werken-bij", "Werken bij ons", "Working here"),
    ("vakmanschap", "Vakmanschap", "Craftsmanship"),
    ("evenementen", "Evenementen en congressen", "Events and conferences"),
    ("marktontwikkelingen", "Marktontwikkelingen", "Market developments"),
]
# Dutch name, English name (empty when the same)
DEPARTMENTS = [
    ("Sales", ""),
    ("Marketing & Communicatie", "Marketing & Communications"),
    ("Klantenservice", "Customer Service"),
    ("HR", ""),
    ("IT", ""),
    ("Engineering", ""),
]

# username, first, last, department index, stage, language, joined
EMPLOYEES = [
    ("sanne", "Sanne", "de Vries", 0, 1, "nl", False),
    ("daan", "Daan", "Jansen", 0, 2, "nl", True),
    ("fatima", "Fatima", "El Amrani", 5, 3, "nl", True),
    ("tom", "Tom", "Bakker", 0, 1, "nl", True),
    ("lisa", "Lisa", "Visser", 1, 2, "nl", True),
    ("mohamed", "Mohamed", "Yilmaz", 4, 1, "nl", True),
    ("emma", "Emma", "Smit", 2, 1, "nl", True),
    ("noah", "Noah", "Meijer", 5, 2, "en", True),
    ("julia", "Julia", "de Boer", 3, 1, "nl", True),
    ("lucas", "Lucas", "Mulder", 4, 3, "nl", True),
    ("sophie", "Sophie", "de Groot", 1, 3, "nl", True),
    ("milan", "Milan", "Bos", 0, 2, "nl", True),
    ("anna", "Anna", "Vos", 2, 1, "en", True),
    ("levi", "Levi", "Peters", 5, 1, "nl", True),
    ("eva", "Eva", "Hendriks", 3, 2, "nl", True),
    ("sem", "Sem", "van Leeuwen", 4, 1, "nl", False),
    ("zoe", "Zoë", "Dekker", 1, 1, "nl", True),
    ("finn", "Finn", "Brouwer", 5, 2, "en", True),
    ("nora", "Nora", "de Wit", 2, 1, "nl", True),
    ("jesse", "Jesse", "Dijkstra", 0, 3, "nl", True),
    ("mila", "Mila", "Smits", 3, 1, "nl", True),
    ("bram", "Bram", "de Graaf", 4, 2, "nl", True),
    ("yara", "Yara", "Kok", 1, 1, "nl", False),
    ("thijs", "Thijs", "Jacobs", 5, 1, "nl", True),
    ("amira", "Amira", "Haddou", 2, 2, "nl", True),
    ("ruben", "Ruben", "van Dijk", 0, 1, "en", True),
    ("iris", "Iris", "Koster", 1, 2, "nl", True),
    ("stijn", "Stijn", "Willems", 4, 1, "nl", True),
    ("femke", "Femke", "Verhoeven", 3, 3, "nl", True),
    ("jayden", "Jayden", "Pinas", 5, 1, "nl", True),
]
MENTORS = [
    ("mentor", "Marieke", "Hoekstra", 1),
    ("joost", "Joost", "van den Berg", 1),
    ("lotte", "Lotte", "Kuipers", 2),
]
COMMS = [("comms", "Karin", "Vermeulen"), ("pieter", "Pieter", "Prins")]
STAFF_WHO_JOINED = {"pieter"}
ADMIN = ("admin", "Admin", "Beheer")


class Command(BaseCommand):
    help = "Load the demo organisation (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            seed_foundation()
        for app_config in apps.get_app_configs():
            if app_config.name == "ambassadors":
                continue
            try:
                demo = importlib.import_module(f"{app_config.name}.demo")
            except ModuleNotFoundError as missing:
                if missing.name != f"{app_config.name}.demo":
                    raise
                continue
            with transaction.atomic():
                demo.seed()
            self.stdout.write(f"Demo content of {app_config.label} is in place.")
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))


def _user(username: str, first: str, last: str, groups: list[Role], superuser=False) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "email": f"{username}@{DEMO_DOMAIN}",
            "is_superuser": superuser,
            "is_staff": superuser,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    for role in groups:
        user.groups.add(Group.objects.get(name=role.value))
    return user


def _profile(user: User, department: Department | None, stage: int, language: str, joined: bool):
    ambassador, _created = Ambassador.objects.get_or_create(
        user=user,
        defaults={"department": department, "stage": stage, "language": language},
    )
    if joined and ambassador.status == Ambassador.Status.INVITED:
        services.ambassador_join(ambassador=ambassador)
    return ambassador


def seed_foundation() -> None:
    provisioning.sync()
    programme_settings_ensure()
    provisioning.wagtail_site_ensure()
    Site.objects.filter(is_default_site=True).update(site_name="Ambassador Academy")
    Page.objects.filter(depth=2, title__startswith="Welcome to").update(
        title="Ambassador Academy", draft_title="Ambassador Academy"
    )
    topics = {}
    for slug, name_nl, name_en in TOPICS:
        topics[slug], _created = Topic.objects.get_or_create(
            slug=slug, defaults={"name_nl": name_nl, "name_en": name_en}
        )
    topic_list = list(topics.values())
    departments = [
        Department.objects.update_or_create(name=name, defaults={"name_en": name_en})[0]
        for name, name_en in DEPARTMENTS
    ]
    networks = list(Network)

    for number, (username, first, last, dep, stage, language, joined) in enumerate(EMPLOYEES):
        user = _user(username, first, last, [Role.EMPLOYEE])
        ambassador = _profile(user, departments[dep], stage, language, joined)
        if joined and not ambassador.topics.exists():
            ambassador.topics.set(
                [topic_list[(number + offset) % len(topic_list)] for offset in range(2)]
            )
            for offset in range(1 + number % 3):
                SocialProfile.objects.get_or_create(
                    ambassador=ambassador,
                    network=networks[(number + offset) % len(networks)],
                    defaults={"audience_size": 150 + (number * 137) % 1800},
                )
            if number % 4 == 0:
                ambassador.quiet_hours_start = dt.time(21, 0)
                ambassador.quiet_hours_end = dt.time(7, 30)
                ambassador.save(update_fields=["quiet_hours_start", "quiet_hours_end"])

    # Staff are employees like anyone: their role does not make them ambassadors. Only
    # `pieter` joined the programme himself, so he starts in stage 1 like everyone else;
    # the others do their work (desk, review, CMS) without taking part.
    for username, first, last, dep in MENTORS:
        user = _user(username, first, last, [Role.EMPLOYEE, Role.MENTOR])
        _profile(user, departments[dep], Stage.ENGAGEMENT, "nl", False)
    for username, first, last in COMMS:
        user = _user(username, first, last, [Role.EMPLOYEE, Role.COMMS])
        _profile(user, departments[1], Stage.ENGAGEMENT, "nl", username in STAFF_WHO_JOINED)
    admin = _user(ADMIN[0], ADMIN[1], ADMIN[2], [Role.ADMIN], superuser=True)
    _profile(admin, None, Stage.ENGAGEMENT, "nl", False)
