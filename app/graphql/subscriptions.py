"""Subscriptions: claims as they land, over graphql-transport-ws."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator

import strawberry

from app.errors import TooMany
from app.graphql.context import Info
from app.graphql.permissions import CanRead
from app.graphql.types.claim import Claim
from app.graphql.types.entity import RelationType, type_values

BATCH = 500


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description="Each new claim of the given types (all by default), optionally touching one entity (id or "
        "name). Claims written by any process are seen, within the poll interval. The stream ends with "
        "UNAUTHENTICATED once its key is revoked.",
        permission_classes=[CanRead],
    )
    async def claim_added(
        self,
        info: Info,
        types: list[RelationType] | None = None,
        entity: str | None = None,
    ) -> AsyncGenerator[Claim, None]:
        context = info.context
        service = context.service
        limit = service.settings.max_subscriptions_per_connection
        if context.subscriptions >= limit:
            raise TooMany(
                f"at most {limit} subscriptions at once on one connection (RACEGRAPH_MAX_SUBSCRIPTIONS_PER_CONNECTION)"
            )
        context.subscriptions += 1
        try:
            wanted = set(type_values(types))
            entity_id = await service.resolve_entity_id(entity) if entity else None
            # Polling the database, not an in-process queue, so ingests from the CLI or other servers count too.
            after = await service.reader.now()
            while True:
                await asyncio.sleep(service.settings.subscription_poll_seconds)
                await service.check_key(context.actor)  # a revoked key ends the stream
                for claim in await service.reader.claims_created_after(after, BATCH):
                    after = claim.created_at or after
                    if claim.type in wanted and entity_id in (None, claim.subject_id, claim.object_id):
                        yield Claim.from_record(claim)
        finally:
            context.subscriptions -= 1
