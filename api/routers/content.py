"""/content-items: the library's items, and new ones from another system (a CMS, a feed),
each with its suggested texts per network."""

import datetime as dt
import re
from typing import Literal

from django.db import transaction
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from ambassadors.models import Language, Network
from sharing import selectors, services
from sharing.models import ContentItem

from ..auth import Token, token_of
from ..errors import ApiProblem
from ..filters import Code, Line, Moment, StoredMoment
from ..pagination import CursorPagination
from ..services import api_write_record

router = Router(tags=["content"])

REFUSED = "The item was not added: see errors."


class VariantIn(Schema):
    model_config = ConfigDict(extra="forbid")

    network: Network
    text: str = Field(
        min_length=1,
        max_length=20_000,
        description="Checked against the network's own limit, with the tracked link counted.",
    )


class ContentItemIn(Schema):
    model_config = ConfigDict(extra="forbid")

    url: Line = Field(max_length=1000, description="A public http(s) address, new to the library.")
    title: str = Field(max_length=200)
    summary: str = Field("", max_length=1000)
    kind: ContentItem.Kind = ContentItem.Kind.CORPORATE
    language: Language = Language.DUTCH
    min_stage: int = Field(1, ge=1, le=3, description="Suitable from this stage.")
    topics: list[Code] = Field(default_factory=list, max_length=20, description="Topic codes.")
    variants: list[VariantIn] = Field(min_length=1, max_length=20)
    status: Literal["published", "review"] = Field(
        "published", description="In the library at once, or waiting for review in the CMS."
    )
    publish_from: StoredMoment | None = None
    expires_at: StoredMoment | None = None
    disclosure: str = Field("", max_length=200)


class VariantOut(Schema):
    network: str
    text: str


class ContentItemOut(Schema):
    id: int = Field(alias="pk")
    url: str
    title: str
    summary: str
    kind: str
    language: str
    min_stage: int
    topics: list[str]
    variants: list[VariantOut]
    status: str
    publish_from: dt.datetime | None
    expires_at: dt.datetime | None
    disclosure: str
    preview_status: str
    created_at: dt.datetime

    @staticmethod
    def resolve_topics(obj) -> list[str]:
        return [topic.slug for topic in obj.topics.all()]

    @staticmethod
    def resolve_variants(obj) -> list[dict]:
        # The texts still offered: a retired one is never suggested again.
        return [{"network": v.network, "text": v.text} for v in selectors.current_variants(obj)]


class ContentItemFilter(Schema):
    status: ContentItem.Status | None = None
    since: Moment | None = Field(None, description="Added at or after.")


def _location(field: str | None) -> list[str | int]:
    """`variants[1].text` as a problem's `loc`: ["body", "variants", 1, "text"]."""
    parts: list[str | int] = ["body"]
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", field or ""):
        parts.append(int(index) if index else name)
    return parts


@router.post(
    "/content-items",
    response={201: ContentItemOut},
    auth=Token("content:write"),
    operation_id="content_items_create",
    url_name="content-items",
)
def content_items_create(request: HttpRequest, body: ContentItemIn):
    """Add an item with its texts per network, checked as in the CMS; all or nothing. An
    address already in the library is a 409."""
    try:
        # The item and its audit entry together, or neither.
        with transaction.atomic():
            item = services.item_create(
                url=body.url,
                title=body.title,
                summary=body.summary,
                kind=body.kind,
                language=body.language,
                min_stage=body.min_stage,
                topics=body.topics,
                variants=[(variant.network, variant.text) for variant in body.variants],
                status=body.status,
                publish_from=body.publish_from,
                expires_at=body.expires_at,
                disclosure=body.disclosure,
            )
            api_write_record(item, token=token_of(request), operation="content_items_create")
    except services.SharingError as refused:
        if refused.message is services.ERROR_ALREADY_IN_LIBRARY:
            raise ApiProblem(409, str(refused)) from None
        raise ApiProblem(
            422,
            REFUSED,
            errors=[{"loc": _location(refused.field), "msg": str(refused), "type": "refused"}],
        ) from None
    item = selectors.library_items().get(pk=item.pk)
    return Status(201, item)


@router.get(
    "/content-items",
    response=list[ContentItemOut],
    auth=Token("content:read"),
    operation_id="content_items_list",
    url_name="content-items",
)
@paginate(CursorPagination)
def content_items_list(request: HttpRequest, filters: Query[ContentItemFilter]):
    """The library's items with their texts and topics, oldest first."""
    return selectors.library_items(status=filters.status, since=filters.since)
