"""Graph-shaped queries: neighbourhoods, shortest paths, alliance subgraphs, timelines."""

from __future__ import annotations

from typing import Annotated

import strawberry
from pydantic import ValidationError
from strawberry.scalars import JSON

from app.errors import BadRequest
from app.graphql.context import Info
from app.graphql.permissions import CanRead
from app.graphql.types.claim import Claim
from app.graphql.types.entity import RelationType, entity_from_record, type_values
from app.graphql.types.relation import Neighborhood, Path, Relation
from app.subgraph_query import SubgraphQuery
from graph.read import Subgraph

MAX_PATH_HOPS = 6


def _neighborhood(graph: Subgraph) -> Neighborhood:
    # One typed entity per node, shared by its edges.
    entities = {node_id: entity_from_record(node) for node_id, node in graph.nodes.items()}
    edges = [Relation.between(e.type, entities[e.source], entities[e.target], e.stats) for e in graph.edges.values()]
    return Neighborhood(nodes=list(entities.values()), edges=edges, truncated=graph.truncated)


def _subgraph_query(**values: object) -> SubgraphQuery:
    try:
        return SubgraphQuery.model_validate({k: v for k, v in values.items() if v is not None})
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise BadRequest(problems) from exc


@strawberry.type
class GraphQueries:
    @strawberry.field(
        description="Entities within `depth` hops (max 3) of one entity, at most `limit`, the strongest edges of "
        "each first: the entity follows up to `limit` edges, and each entity beyond it an equal share of the room "
        "left (at least 10 edges, which may join entities already in).",
        permission_classes=[CanRead],
    )
    async def neighbors(
        self,
        info: Info,
        id: str,
        depth: int = 1,
        types: list[RelationType] | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 100,
    ) -> Neighborhood:
        query = _subgraph_query(
            seeds=[id], depth=depth, types=type_values(types), since=since, until=until, max_nodes=limit,
            per_node=min(limit, 200), share_room=True,
        )
        return _neighborhood(await info.context.service.subgraph(query))

    @strawberry.field(
        description="Shortest paths (at most `maxHops`, max 6) between two entities, with the claims on each hop.",
        permission_classes=[CanRead],
    )
    async def path(
        self,
        info: Info,
        from_: Annotated[str, strawberry.argument(name="from", description="Start entity (id or name).")],
        to: Annotated[str, strawberry.argument(description="End entity (id or name).")],
        max_hops: int = 4,
        types: list[RelationType] | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 5,
    ) -> list[Path]:
        service = info.context.service
        if not 1 <= max_hops <= MAX_PATH_HOPS:
            raise BadRequest(f"maxHops must be between 1 and {MAX_PATH_HOPS}")
        source, target = await service.resolve_entity_id(from_), await service.resolve_entity_id(to)
        paths = await service.reader.shortest_paths(
            source, target, type_values(types), service.check_date(since), service.check_date(until), max_hops,
            service.check_page(limit),
        )
        return [Path(hops=[Relation.from_record(hop) for hop in hops]) for hops in paths]

    @strawberry.field(
        description="Entities allied with the seeds, up to `depth` hops, as one JSON payload {nodes, edges} "
        "for scripts and views.",
        permission_classes=[CanRead],
    )
    async def alliance_subgraph(
        self,
        info: Info,
        seeds: list[str],
        depth: int = 2,
        types: list[RelationType] | None = None,
        since: str | None = None,
        until: str | None = None,
        min_claims: int = 1,
        max_nodes: int = 2000,
    ) -> JSON:
        query = _subgraph_query(
            seeds=seeds, depth=depth, types=type_values(types) if types else ["ALLIED_WITH"], since=since,
            until=until, min_claims=min_claims, max_nodes=max_nodes,
        )
        graph = await info.context.service.subgraph(query)
        # A plain dict under the JSON scalar skips thousands of typed objects; orjson encodes the response.
        return JSON(graph.as_dict())

    @strawberry.field(description="Claims about an entity in date order.", permission_classes=[CanRead])
    async def timeline(
        self,
        info: Info,
        entity: str,
        types: list[RelationType] | None = None,
        since: str | None = None,
        until: str | None = None,
        first: int = 100,
    ) -> list[Claim]:
        service = info.context.service
        entity_id = await service.resolve_entity_id(entity)
        rows = await service.reader.timeline(
            entity_id, type_values(types), service.check_date(since), service.check_date(until), 0,
            service.check_page(first),
        )
        return [Claim.from_record(r) for r in rows]
