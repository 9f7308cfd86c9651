"""Everything the platform holds about one person, as one JSON document (GDPR art. 15/20).

`ambassadors` imports no other app, so each app registers what it keeps about a person
from its AppConfig.ready(): a name and a function `rows(user)` returning a list of plain
dicts. The export reads each app's part with a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.contrib.auth.models import User
from django.utils import timezone

_sections: dict[str, Callable[[User], list[dict]]] = {}


def register_section(name: str):
    """Decorator: `function(user)` returns the rows of this section for the person."""

    def decorator(function):
        _sections[name] = function
        return function

    return decorator


def rows(queryset, exclude: Iterable[str] = ()) -> list[dict]:
    """Every stored column of the rows as a plain dict (ids of related rows included), in a
    stable order; `exclude` leaves out columns that say nothing about the person."""
    skip = {"id", "password", *exclude}
    fields = [f.attname for f in queryset.model._meta.concrete_fields if f.name not in skip]
    return list(queryset.order_by("pk").values(*fields))


def personal_data(user: User) -> dict:
    return {
        "exported_at": timezone.now(),
        "about": "Everything Ambassador Academy keeps about you. Uploaded files (screenshots, "
        "attachments) are listed by name; ask a mentor for copies.",
        **{name: function(user) for name, function in sorted(_sections.items())},
    }


@register_section("account")
def _account(user: User) -> list[dict]:
    return rows(User.objects.filter(pk=user.pk), exclude=["is_superuser", "is_staff"])


@register_section("programme")
def _programme(user: User) -> list[dict]:
    from .models import Ambassador, ParticipationEvent, SocialProfile

    return [
        {
            "profile": rows(Ambassador.objects.filter(user=user), exclude=["user"]),
            "topics": list(
                Ambassador.objects.filter(user=user)
                .exclude(topics=None)
                .values_list("topics__name_en", flat=True)
            ),
            "networks": rows(
                SocialProfile.objects.filter(ambassador__user=user), exclude=["ambassador"]
            ),
            "participation": rows(
                ParticipationEvent.objects.filter(ambassador__user=user), exclude=["ambassador"]
            ),
        }
    ]


@register_section("notifications")
def _notifications(user: User) -> list[dict]:
    from .models import Notification

    return rows(Notification.objects.filter(recipient=user), exclude=["recipient"])
