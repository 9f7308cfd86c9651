"""/me: a personal token reads its own person's data, and nobody else's."""

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema

from ..auth import Token, token_of

router = Router(tags=["me"], auth=Token(personal=True))


class MeOut(Schema):
    id: int
    username: str
    email: str
    first_name: str
    last_name: str
    status: str
    stage: int
    department: str | None
    language: str
    joined_at: dt.datetime | None


@router.get("", response=MeOut, operation_id="me_get", url_name="me")
def me_get(request: HttpRequest):
    """The token's person: name, participation status and stage."""
    user = token_of(request).user
    ambassador = getattr(user, "ambassador", None)
    return {
        "id": user.pk,
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "status": ambassador.status if ambassador else "invited",
        "stage": ambassador.stage if ambassador else 1,
        "department": ambassador.department.name if ambassador and ambassador.department else None,
        "language": ambassador.language if ambassador else "nl",
        "joined_at": ambassador.consented_at if ambassador else None,
    }
