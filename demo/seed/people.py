"""The demo organisation's people (story.toml): employees in three stages, mentors, comms
staff and an administrator, with topics, departments and networks."""

from __future__ import annotations

import base64
import datetime as dt

from django.contrib.auth.models import Group, User
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Page, Site

from ambassadors import services
from ambassadors.channels import choices_valid
from ambassadors.models import Ambassador, Department, SocialProfile, Stage, Topic
from ambassadors.provisioning import programme_settings_ensure
from ambassadors.roles import Role
from core import provisioning

from .files import story


def seed() -> None:
    people = story()
    provisioning.sync()
    programme_settings_ensure()
    provisioning.wagtail_site_ensure()
    Site.objects.filter(is_default_site=True).update(site_name=people["site_name"])
    Page.objects.filter(depth=2, title__startswith="Welcome to").update(
        title=people["site_name"], draft_title=people["site_name"]
    )
    topics = {}
    for topic in people["topics"]:
        topics[topic["slug"]], _created = Topic.objects.get_or_create(
            slug=topic["slug"],
            defaults={"name_nl": topic["name"]["nl"], "name_en": topic["name"]["en"]},
        )
    departments = {}
    for department in people["departments"]:
        name = department["name"]
        dutch, english = (name["nl"], name["en"]) if isinstance(name, dict) else (name, "")
        departments[dutch] = Department.objects.update_or_create(
            name=dutch, defaults={"name_en": english}
        )[0]

    for person in people["employees"]:
        user = _user(person, [Role.EMPLOYEE])
        ambassador = _profile(
            user,
            departments[person["department"]],
            person["stage"],
            person["language"],
            person["joined"],
        )
        if person["joined"] and not ambassador.topics.exists():
            _preferences(ambassador, person, topics)
    for person in people["mentors"]:
        user = _user(person, [Role.EMPLOYEE, Role.MENTOR])
        _profile(user, departments[person["department"]], Stage.ENGAGEMENT, "nl", False)
    for person in people["comms"]:
        user = _user(person, [Role.EMPLOYEE, Role.COMMS])
        _profile(user, departments[person["department"]], Stage.ENGAGEMENT, "nl", person["joined"])
        _demo_app(user)
    admin = _user(people["admin"], [Role.ADMIN], superuser=True)
    _profile(admin, None, Stage.ENGAGEMENT, "nl", False)
    _demo_app(admin)


def demo_key_hex() -> str:
    """The demo's published authenticator-app key (story.toml), as django-otp keeps it."""
    return base64.b32decode(story()["two_factor_key"]).hex()


def _demo_app(user: User) -> None:
    """The second step for a CMS login of the demo: an app holding the published key."""
    TOTPDevice.objects.get_or_create(
        user=user, name="Demo app", defaults={"key": demo_key_hex(), "confirmed": True}
    )


def _user(person: dict, groups: list[Role], superuser: bool = False) -> User:
    people = story()
    user, created = User.objects.get_or_create(
        username=person["username"],
        defaults={
            "first_name": person["first_name"],
            "last_name": person["last_name"],
            "email": f"{person['username']}@{people['email_domain']}",
            "is_superuser": superuser,
            "is_staff": superuser,
        },
    )
    if created:
        user.set_password(people["password"])
        user.save(update_fields=["password"])
    for role in groups:
        user.groups.add(Group.objects.get(name=role.value))
    return user


def _profile(
    user: User, department: Department | None, stage: int, language: str, joined: bool
) -> Ambassador:
    ambassador, _created = Ambassador.objects.get_or_create(
        user=user,
        defaults={"department": department, "stage": stage, "language": language},
    )
    if joined and ambassador.status == Ambassador.Status.INVITED:
        services.ambassador_join(ambassador=ambassador)
    return ambassador


def _preferences(ambassador: Ambassador, person: dict, topics: dict[str, Topic]) -> None:
    """The topics, networks and quiet hours a person chose when they joined."""
    ambassador.topics.set([topics[slug] for slug in person.get("topics", [])])
    for network, audience_size in person.get("networks", {}).items():
        SocialProfile.objects.get_or_create(
            ambassador=ambassador, network=network, defaults={"audience_size": audience_size}
        )
    if "channels" in person:
        if not choices_valid(person["channels"]):
            raise ValueError(f"{person['username']}: channels must map kinds to channel codes")
        ambassador.channel_choices = person["channels"]
        ambassador.save(update_fields=["channel_choices"])
    if "quiet_hours" in person:
        start, end = (dt.time.fromisoformat(value) for value in person["quiet_hours"])
        ambassador.quiet_hours_start = start
        ambassador.quiet_hours_end = end
        ambassador.save(update_fields=["quiet_hours_start", "quiet_hours_end"])


def logins() -> dict[str, str]:
    """The usernames the demo server's banner names, by what they show."""
    people = story()
    employees = [person["username"] for person in people["employees"]]
    return {
        "password": people["password"],
        "not_joined": employees[0],
        "curation": employees[1],
        "production": employees[2],
        "with_missions": employees[3],
        "mentor": people["mentors"][0]["username"],
        "comms": people["comms"][0]["username"],
        "admin": people["admin"]["username"],
        "two_factor_key": people["two_factor_key"],
    }
