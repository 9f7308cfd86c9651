"""People in each role, with or without a joined profile, and what hangs off a person."""

from __future__ import annotations

import factory
from django.contrib.auth.models import Group, User
from factory.django import DjangoModelFactory

from ambassadors import services
from ambassadors.models import (
    Ambassador,
    Department,
    Network,
    Notification,
    SocialProfile,
    Stage,
    Topic,
)
from ambassadors.roles import Role

PASSWORD = "a-long-test-password"


class UserFactory(DjangoModelFactory):
    """A login with the password PASSWORD, in the groups of `roles` (an employee by default)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n + 1}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = factory.Sequence(lambda n: f"Person{n + 1}")
    last_name = "Tester"
    password = factory.django.Password(PASSWORD)
    is_superuser = False

    @factory.post_generation
    def roles(user, create, extracted, **kwargs):
        if not create:
            return
        for role in extracted or (Role.EMPLOYEE,):
            user.groups.add(Group.objects.get_or_create(name=role.value)[0])


class AmbassadorFactory(DjangoModelFactory):
    """A person's programme profile; `joined=False` leaves them before consent (invited)."""

    class Meta:
        model = Ambassador
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    stage = Stage.ENGAGEMENT
    language = "nl"

    @factory.post_generation
    def joined(ambassador, create, extracted, **kwargs):
        if create and extracted is not False:
            services.ambassador_join(ambassador=ambassador)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.refresh_from_db()  # as joining left it


def make_user(
    *roles: Role,
    joined: bool = True,
    stage: int = Stage.ENGAGEMENT,
    language: str = "nl",
    superuser: bool = False,
    **profile,
) -> User:
    """A person in these roles (an employee by default) with a profile; `profile` holds more
    fields of their Ambassador row."""
    ambassador = AmbassadorFactory(
        user__roles=roles,
        user__is_superuser=superuser,
        stage=stage,
        language=language,
        joined=joined,
        **profile,
    )
    return User.objects.get(pk=ambassador.user_id)


class TopicFactory(DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"topic-{n + 1}")
    name_nl = factory.Sequence(lambda n: f"Onderwerp {n + 1}")
    name_en = factory.Sequence(lambda n: f"Topic {n + 1}")


class DepartmentFactory(DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Team {n + 1}")


class SocialProfileFactory(DjangoModelFactory):
    class Meta:
        model = SocialProfile

    ambassador = factory.SubFactory(AmbassadorFactory)
    network = Network.LINKEDIN
    audience_size = 100


class NotificationFactory(DjangoModelFactory):
    """A notification row as services.notify leaves it, without sending anything."""

    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    kind = "test"
    idempotency_key = factory.Sequence(lambda n: f"test-{n + 1}")
    subject = factory.Sequence(lambda n: f"Notification {n + 1}")
