"""Relay-style connections with opaque offset cursors; `totalCount` costs a query only when selected."""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, TypeVar

import strawberry

from app.errors import BadRequest

T = TypeVar("T")


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode()


def decode_cursor(cursor: str | None) -> int:
    """Return the offset after `cursor` (0 without one); raise BadRequest for a malformed cursor."""
    if cursor is None:
        return 0
    try:
        kind, _, value = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
        offset = int(value)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadRequest(f"invalid cursor {cursor!r}") from exc
    if kind != "offset" or offset < 0:
        raise BadRequest(f"invalid cursor {cursor!r}")
    return offset + 1


@strawberry.type(description="Where a page stands in the whole list.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="More items follow this page.")
    has_previous_page: bool = strawberry.field(description="Items precede this page.")
    start_cursor: str | None = strawberry.field(description="Cursor of the first item.")
    end_cursor: str | None = strawberry.field(description="Cursor of the last item; pass as `after`.")


@strawberry.type(description="One item of a page with its cursor.")
class Edge(Generic[T]):
    cursor: str = strawberry.field(description="Opaque position of the item.")
    node: T = strawberry.field(description="The item.")


@strawberry.type(description="A page of items.")
class Connection(Generic[T]):
    edges: list[Edge[T]] = strawberry.field(description="The items of this page.")
    page_info: PageInfo = strawberry.field(description="Paging state.")
    count: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="Number of items in the whole list (one extra query, only when asked).")
    async def total_count(self) -> int:
        return await self.count()


def page(items: Sequence[T], skip: int, first: int, count: Callable[[], Awaitable[int]]) -> Connection[T]:
    """Return the connection for `items`, fetched as `first + 1` rows from offset `skip`."""
    shown = list(items[:first])
    edges = [Edge(cursor=encode_cursor(skip + i), node=item) for i, item in enumerate(shown)]
    info = PageInfo(
        has_next_page=len(items) > first,
        has_previous_page=skip > 0,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    return Connection(edges=edges, page_info=info, count=count)
