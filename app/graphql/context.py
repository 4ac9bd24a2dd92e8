"""The per-request GraphQL context: the service and this request's loaders."""

from __future__ import annotations

from dataclasses import dataclass, field

from strawberry.fastapi import BaseContext
from strawberry.types import Info as StrawberryInfo

from app.graphql.loaders import ClaimsByPairLoader
from app.service import Racegraph


@dataclass
class Context(BaseContext):
    """What every resolver sees: the service, and loaders that live for one request."""

    service: Racegraph
    claims_by_pair: ClaimsByPairLoader = field(init=False)

    def __post_init__(self) -> None:
        super().__init__()
        self.claims_by_pair = ClaimsByPairLoader(self.service.reader)


Info = StrawberryInfo[Context, None]
