"""Live sources: a feed, sitemap or page `racegraph watch` polls, with its state."""

from __future__ import annotations

from typing import Any

import strawberry

from app.graphql.types.stats import Count


@strawberry.type(description="A feed, sitemap or page that the watcher polls, with the state of its last poll.")
class Source:
    id: strawberry.ID = strawberry.field(description="Stable id: a prefix of the canonical URL's sha256.")
    url: str = strawberry.field(description="Canonical URL.")
    name: str = strawberry.field(description="Name shown for the source.")
    every_seconds: int = strawberry.field(description="Seconds between polls.")
    language: str = strawberry.field(description="Language kept; items in others are skipped.")
    status: str = strawberry.field(description="new, ok, not_modified (304) or error, from the last poll.")
    last_error: str | None = strawberry.field(description="Why the last poll could not read the source, if so.")
    polled_at: str | None = strawberry.field(description="When it was last polled (ISO 8601), or null.")
    next_poll_at: str | None = strawberry.field(description="When it is due next (ISO 8601).")
    items_seen: int = strawberry.field(description="Items seen in all polls.")
    ingested: int = strawberry.field(description="Articles stored from it in all polls.")
    skipped: list[Count] = strawberry.field(description="Items (or polls) skipped, by reason.")


def source_from_row(row: dict[str, Any]) -> Source:
    """Return the GraphQL Source of a stored source."""
    return Source(
        id=strawberry.ID(row["id"]), url=row["url"], name=row["name"], every_seconds=row["every_seconds"],
        language=row["language"], status=row["status"], last_error=row["last_error"], polled_at=row["polled_at"],
        next_poll_at=row["next_poll_at"], items_seen=row["items_seen"], ingested=row["ingested"],
        skipped=[Count(key=k, count=n) for k, n in zip(row["skip_reasons"], row["skip_counts"], strict=True)],
    )
