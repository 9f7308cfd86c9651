"""Cursor pagination: `{"items": [...], "next": url-or-null}`.

Pages follow the primary key (ascending, or descending with `ordering="-pk"`), so a row
added or removed between two calls neither repeats nor skips another. The cursor is the
last key of the page, signed (django.core.signing, salted with the path), so a caller can
neither forge nor reuse one on another list; a bad one is a 400 problem. One query per page
plus whatever the operation prefetches.

Usage: `@paginate(CursorPagination)` under the operation decorator, response=list[Schema],
and the view returns a queryset.
"""

from __future__ import annotations

from typing import Any

from django.core import signing
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

from .errors import ApiProblem

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 100
BAD_CURSOR = "The cursor is not one this list gave out: start again without it."


class PageQuery(Schema):
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Items per page.")
    cursor: str | None = Field(
        None, max_length=200, description="The `next` link's cursor; absent for page one."
    )


class CursorPagination(PaginationBase):
    Input = PageQuery

    class Output(Schema):
        items: list[Any]
        next: str | None = Field(description="The next page's URL, null on the last page.")

    items_attribute = "items"

    def __init__(self, *, ordering: str = "pk", **kwargs: Any) -> None:
        assert ordering in ("pk", "-pk"), ordering
        self.ordering = ordering
        super().__init__(**kwargs)

    @staticmethod
    def _salt(request: HttpRequest) -> str:
        return f"api.cursor:{request.path}"

    def paginate_queryset(
        self, queryset: QuerySet, pagination: PageQuery, request: HttpRequest, **params: Any
    ) -> dict:
        if pagination.cursor:
            try:
                after = int(signing.loads(pagination.cursor, salt=self._salt(request)))
            except (signing.BadSignature, TypeError, ValueError):
                raise ApiProblem(400, BAD_CURSOR) from None
            lookup = "pk__lt" if self.ordering == "-pk" else "pk__gt"
            queryset = queryset.filter(**{lookup: after})
        size = pagination.page_size
        rows = list(queryset.order_by(self.ordering)[: size + 1])
        following = None
        if len(rows) > size:
            rows = rows[:size]
            query = request.GET.copy()
            query["cursor"] = signing.dumps(rows[-1].pk, salt=self._salt(request))
            following = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
        return {"items": rows, "next": following}
