"""One-click unsubscribe (RFC 8058): a signed link per person and kind of e-mail.

Every e-mail a person can do without carries a link (in its footer and its
`List-Unsubscribe` header) holding their user id and the category of what it was about,
signed with the site's secret. A POST to it switches e-mail off for that category, nothing
else; the weekly digest's link switches the digest off. No sign-in is needed: the
signature is the proof, and mail programs post it without cookies.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core import signing
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from core.errors import Refusal

from .. import personal
from ..channels import DEFAULT_CHANNELS, EMAIL, Category, choices_without
from ..models import Ambassador

SALT = "ambassadors.unsubscribe"
# The weekly digest is a list of its own: its link switches the digest off.
DIGEST = "digest"
# Long enough for an old e-mail in someone's inbox, short enough that a leaked link dies.
VALID_FOR = dt.timedelta(days=365)

ERROR_LINK_INVALID = gettext_lazy(
    "This unsubscribe link is not valid. Nothing was changed. You can choose which e-mails "
    "you get in your profile."
)
ERROR_LINK_EXPIRED = gettext_lazy(
    "This unsubscribe link has expired. Nothing was changed. You can choose which e-mails "
    "you get in your profile."
)


class UnsubscribeError(Refusal):
    """An unsubscribe link that cannot be followed: forged, broken or expired."""


@dataclass(frozen=True)
class Unsubscribe:
    """What an unsubscribe link stands for: this person, this kind of e-mail."""

    ambassador: Ambassador
    category: str

    @property
    def label(self) -> str | Promise:
        if self.category == DIGEST:
            return gettext_lazy("The weekly digest")
        return Category(self.category).label

    @property
    def done(self) -> bool:
        """Whether this kind of e-mail is off already (a pause aside)."""
        if self.category == DIGEST:
            return not self.ambassador.weekly_digest
        chosen = (self.ambassador.channel_choices or {}).get(self.category)
        return EMAIL not in (DEFAULT_CHANNELS if chosen is None else chosen)


def unsubscribe_token(*, user_id: int, category: str) -> str:
    """The signed token of the link that stops e-mail of `category` (or DIGEST) for a person."""
    return signing.dumps({"u": user_id, "c": category}, salt=SALT, compress=False)


def unsubscribe_read(*, token: str) -> Unsubscribe:
    """What `token` stands for; UnsubscribeError when it is forged, broken or expired."""
    try:
        data = signing.loads(token, salt=SALT, max_age=VALID_FOR)
    except signing.SignatureExpired:
        raise UnsubscribeError(ERROR_LINK_EXPIRED) from None
    except signing.BadSignature:
        raise UnsubscribeError(ERROR_LINK_INVALID) from None
    if not isinstance(data, dict):
        raise UnsubscribeError(ERROR_LINK_INVALID)
    user_id, category = data.get("u"), data.get("c")
    if not isinstance(user_id, int) or category not in (*Category.values, DIGEST):
        raise UnsubscribeError(ERROR_LINK_INVALID)
    ambassador = Ambassador.objects.select_related("user").filter(user_id=user_id).first()
    if ambassador is None:
        raise UnsubscribeError(ERROR_LINK_INVALID)
    return Unsubscribe(ambassador=ambassador, category=category)


def email_unsubscribe(*, token: str) -> Unsubscribe:
    """Follow an unsubscribe link: switch e-mail off for its category, or the weekly digest.

    Whoever unsubscribes from the digest wants less e-mail, not one e-mail per notification
    instead: e-mail goes off for every category with it. Doing it twice changes nothing.
    """
    unsubscribe = unsubscribe_read(token=token)
    with transaction.atomic():
        ambassador = Ambassador.objects.select_for_update().get(pk=unsubscribe.ambassador.pk)
        choices = ambassador.channel_choices
        if unsubscribe.category == DIGEST:
            for category in Category.values:
                choices = choices_without(choices, category=category, channel=EMAIL)
            ambassador.weekly_digest = False
        else:
            choices = choices_without(choices, category=unsubscribe.category, channel=EMAIL)
        ambassador.channel_choices = choices
        ambassador.save(update_fields=["channel_choices", "weekly_digest"])
        personal.forget([ambassador.user_id])
    return Unsubscribe(ambassador=ambassador, category=unsubscribe.category)
