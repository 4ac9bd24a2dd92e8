"""The per-request GraphQL context: the service, the caller, and this request's loaders."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from strawberry.fastapi import BaseContext
from strawberry.types import Info as StrawberryInfo

from app.auth import Actor
from app.graphql.loaders import (
    ArticleDetailByIdLoader,
    ClaimsByPairLoader,
    EntityByIdLoader,
    RelationsByEntityLoader,
    ReportsByPairLoader,
)
from app.service import Racegraph


@dataclass
class Context(BaseContext):
    """What every resolver sees. Loaders live for one request, so they never serve stale data."""

    service: Racegraph
    actor: Actor
    subscriptions: int = field(init=False, default=0)  # running on this connection (a WebSocket's context)
    _relations: dict[tuple[tuple[str, ...], int], RelationsByEntityLoader] = field(init=False, default_factory=dict)
    _recent_claims: dict[int, ClaimsByPairLoader] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__()

    # Loaders are made when first used: most requests use one or none, and each costs a few microseconds.
    @cached_property
    def entity_by_id(self) -> EntityByIdLoader:
        """The loader of entities by id."""
        return EntityByIdLoader(self.service.reader)

    @cached_property
    def article_detail(self) -> ArticleDetailByIdLoader:
        """The loader of articles with text, mentions and claims, by id."""
        return ArticleDetailByIdLoader(self.service.reader)

    @cached_property
    def reports_of(self) -> ReportsByPairLoader:
        """The loader of the reports behind edges."""
        return ReportsByPairLoader(self.service.reader)

    def claims_of(self, limit: int) -> ClaimsByPairLoader:
        """The loader of the `limit` newest claims behind edges (one loader per limit)."""
        if limit not in self._recent_claims:
            self._recent_claims[limit] = ClaimsByPairLoader(self.service.reader, limit)
        return self._recent_claims[limit]

    def relations_of(self, types: list[str], limit: int) -> RelationsByEntityLoader:
        """The loader of entity edges for this choice of types and page size (one per choice)."""
        key = (tuple(sorted(types)), limit)
        if key not in self._relations:
            self._relations[key] = RelationsByEntityLoader(self.service.reader, list(key[0]), limit)
        return self._relations[key]


Info = StrawberryInfo[Context, None]
