"""What the home page shows of the whole graph: headline counts, the newest claims with their evidence,
the top movers and the main blocs (communities of alliances and meetings). Communities are the costly
part: they come from the insights cache, waited for at most `Settings.home_blocs_budget` seconds; a cold
computation goes on in the background and is kept, so the page shows the blocs as soon as they are ready
(the JSON says `ready: false` until then). Computed blocs are also stored in Neo4j with the graph version they
were computed from: a server started over the same graph shows them at once, without a computation."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from app import urls
from app.insights.communities import SEED, CommunityLink, Partition
from app.insights.network import Weight
from app.insights.periods import Interval
from app.service import Racegraph
from graph.insights import ProjectionFilter
from nlp.records import RelType

log = logging.getLogger(__name__)

NEWEST_CLAIMS = 8
TOP_MOVERS = 8
BLOCS = 5
BLOC_MEMBERS = 6
ALL_TYPES = frozenset(RelType)
# Blocs as analysts mean them: who allies and meets with whom, for all time, weighted by sources at resolution
# 1, i.e. `communities(types: [ALLIED_WITH, MET_WITH])`, which shares this cached partition. All five types
# (restrictions and announcements too) made three times the edges and a first computation of 10-25 s.
BLOCS_TYPES = frozenset({RelType.ALLIED_WITH, RelType.MET_WITH})
BLOCS_PROJECTION = ProjectionFilter(BLOCS_TYPES)
BLOCS_RESOLUTION = 1.0
HOME_BLOCS = "home_blocs"
"""The name of the home page's blocs among the insights snapshots (`graph.snapshots`)."""
BLOCS_RECIPE = (
    f"communities of {'+'.join(sorted(BLOCS_TYPES))} by {Weight.SOURCES} at resolution {BLOCS_RESOLUTION}: "
    f"the largest {BLOCS}, {BLOC_MEMBERS} members each, seed {SEED}"
)
"""How the blocs were computed: blocs a server computed otherwise are not shown."""
_UNAWAITED: set[asyncio.Task[Any]] = set()
"""Blocs computations no request waits for any more: held here so that they run to the end."""


async def newest_claims_data(service: Racegraph) -> list[dict[str, Any]]:
    """Return the claims written last, each with its ends, evidence and the URL of its sentence."""
    claims = await service.insights.newest_claims(NEWEST_CLAIMS)
    return [
        {
            "id": c.id, "type": c.type, "date": c.date or c.published, "hedged": c.hedged, "evidence": c.evidence,
            "subject": c.subject.summary() if c.subject else None, "object": c.object.summary() if c.object else None,
            "article": {**c.article.citation(), "view": urls.article(c.article.id, c.id)},
        }
        for c in claims
    ]


async def movers_data(service: Racegraph) -> list[dict[str, Any]]:
    """Return the entities whose claims changed most from the month before the latest to the latest."""
    movers = (await service.insights.movers(ALL_TYPES, Interval.MONTH))[:TOP_MOVERS]
    entities = await service.reader.entities_by_id([m.entity_id for m in movers])
    return [
        {**e.summary(), "graph": urls.entity_graph(e.id), "current": m.current, "previous": m.previous,
         "change": m.change}
        for m, e in zip(movers, entities, strict=True)
        if e is not None
    ]


async def blocs(service: Racegraph) -> tuple[Partition, tuple[CommunityLink, ...]]:
    """Return the communities of the blocs' projection and the links between the largest `BLOCS` of them."""
    partition = await service.insights.partition(BLOCS_PROJECTION, Weight.SOURCES, BLOCS_RESOLUTION)
    links = await service.insights.community_links(BLOCS_PROJECTION, Weight.SOURCES, BLOCS_RESOLUTION, BLOCS)
    return partition, links


def blocs_payload(partition: Partition, links: tuple[CommunityLink, ...]) -> dict[str, Any]:
    """Return `blocs_data`'s answer when ready: the largest communities of `partition`, each with its label, size,
    most central members and the graph around them, and the weights of `links` between them."""
    communities = [
        {
            "id": c.id, "label": c.label, "size": c.size,
            "graph": urls.graph({"seed": [m.entity.id for m in c.members[:BLOC_MEMBERS]], "depth": 1}),
            "members": [
                {**m.entity.summary(), "graph": urls.entity_graph(m.entity.id)} for m in c.members[:BLOC_MEMBERS]
            ],
        }
        for c in partition.communities[:BLOCS]
    ]
    between = [{"source": link.source, "target": link.target, "weight": link.weight} for link in links]
    return {"ready": True, "communities": communities, "links": between}


async def home_blocs(service: Racegraph) -> dict[str, Any]:
    """Return `blocs_data`'s answer when ready, computed from the current graph version (once per version) and
    stored with it in Neo4j, where the next server to start over the same graph finds it (`blocs_data`)."""

    async def compute() -> dict[str, Any]:
        return blocs_payload(*await blocs(service))

    return await service.insights.snapshotted(HOME_BLOCS, BLOCS_RECIPE, compute)


async def blocs_data(service: Racegraph) -> dict[str, Any]:
    """Return `{ready, communities, links}`: the largest communities, each with its label, size, most central
    members and the graph around them, and the weights (independent sources) between them, when computed for the
    current graph version, by this server or one before it, or within the settings' budget (else `ready: false`
    and none yet)."""
    if (found := await service.insights.snapshot(HOME_BLOCS, BLOCS_RECIPE)) is not None:
        # Blocs stored by an earlier server start no computation here: the warm-up computes them (for the insights
        # queries sharing the partition) once the page's other reads are done, which Leiden would slow down.
        return found
    # A task, not wait_for: a request that stops waiting leaves the computation running, and the cache
    # keeps its result for the next request.
    computing = asyncio.ensure_future(home_blocs(service))
    computing.add_done_callback(_log_failure)
    done, _ = await asyncio.wait({computing}, timeout=service.settings.home_blocs_budget)
    if not done:
        _UNAWAITED.add(computing)
        computing.add_done_callback(_UNAWAITED.discard)
        return {"ready": False, "communities": [], "links": []}
    return computing.result()


async def dashboard_data(service: Racegraph) -> dict[str, Any]:
    """Return `{counts, newest_claims, movers, blocs}` for the home page (read side by side)."""
    counts, newest, movers, blocs = await asyncio.gather(
        service.insights.counts(), newest_claims_data(service), movers_data(service), blocs_data(service)
    )
    return {
        "counts": {
            "articles": counts.articles, "entities": counts.entities, "claims": counts.claims,
            "relations": counts.relations,
        },
        "newest_claims": newest,
        "movers": movers,
        "blocs": blocs,
    }


def _log_failure(task: asyncio.Task[Any]) -> None:
    """Log the error of a blocs computation (a request that stopped waiting never reads it)."""
    if not task.cancelled() and (error := task.exception()) is not None:
        log.warning("the home page's blocs could not be computed: %s", error)
