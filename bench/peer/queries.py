"""The five queries of the peer benchmark, each three ways: racegraph's GraphQL, the same question to
@neo4j/graphql (typedefs.graphql), and the reads racegraph's resolvers make, through GraphReader
without HTTP (the floor). Each side's answer is normalised to one shape so that they can be compared.

The neighbourhood is "the 10 strongest MET_WITH edges of an entity, and the 10 strongest of each
entity they reach": both systems can say that exactly (racegraph with `Entity.relations`, the peer
with a sorted connection), where racegraph's `neighbors` shares its room between the second-hop
entities in a way no generated query can. Strength order in both: claims, then confidence (both
descending), then the far end's id.
"""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from graph.read import GraphReader, RelationFilter, lucene_query
from nlp.records import RelType

EDGES, CLAIMS = 20, 20  # ALLIED_WITH edges of the entity, claims of each
HOP = 10  # edges followed per entity in the neighbourhood
PAGE = 100  # edges in the page by claims
SEARCHED = 10  # search hits

Answer = Any  # a normalised answer: plain lists, dicts and scalars, equal when the answers agree


@dataclass
class Case:
    """One query: its racegraph and peer documents with their variables, the floor's reads, and how
    each side's `data` becomes the normalised answer."""

    name: str
    racegraph: str
    peer: str
    peer_variables: Callable[[dict[str, Any]], dict[str, Any]]
    floor: Callable[[GraphReader, dict[str, Any]], Awaitable[Any]]
    racegraph_answer: Callable[[dict[str, Any], dict[str, Any]], Answer]
    peer_answer: Callable[[dict[str, Any], dict[str, Any]], Answer]


def _far(edge: dict[str, Any], seed: str) -> str:
    """The end of a racegraph edge that is not `seed`."""
    return str(edge["object"]["id"] if edge["subject"]["id"] == seed else edge["subject"]["id"])


# --- entity by id ------------------------------------------------------------------

ENTITY = "query($id: ID!) { entity(id: $id) { id name kind aliases } }"
PEER_ENTITY = "query($id: ID!) { entities(where: {id_EQ: $id}) { id name kind aliases } }"


def _entity_answer(entity: dict[str, Any] | None) -> Answer:
    if entity is None:
        return None
    return {"id": entity["id"], "name": entity["name"], "kind": entity["kind"].upper(),
            "aliases": sorted(entity["aliases"] or [])}


async def _floor_entity(reader: GraphReader, v: dict[str, Any]) -> Any:
    return await reader.entity(v["id"])


# --- ALLIED_WITH of an entity, 20 claims each ---------------------------------------

_CLAIM_FIELDS = "id date confidence evidence article { id title }"
ALLIED = f"""query($id: ID!) {{ entity(id: $id) {{ relations(types: [ALLIED_WITH], first: {EDGES}) {{
  subject {{ id }} object {{ id }} claimCount claims(first: {CLAIMS}) {{ {_CLAIM_FIELDS} }} }} }} }}"""
# The claims of an edge are the far end's claims naming the entity at the other end, the edge's
# direction unknown to an undirected connection: both ways are asked, one comes back empty.
_NEWEST = f'sort: [{{date: DESC}}, {{id: ASC}}], limit: {CLAIMS}'
PEER_ALLIED = f"""query($id: ID!) {{ entities(where: {{id_EQ: $id}}) {{
  alliedWithConnection(first: {EDGES},
                       sort: [{{edge: {{claims: DESC}}}}, {{edge: {{confidence: DESC}}}}, {{node: {{id: ASC}}}}]) {{
    edges {{ properties {{ claims }} node {{ id
      asSubject: subjectOf(where: {{type_EQ: "ALLIED_WITH", object_id_EQ: $id}}, {_NEWEST}) {{ {_CLAIM_FIELDS} }}
      asObject: objectOf(where: {{type_EQ: "ALLIED_WITH", subject_id_EQ: $id}}, {_NEWEST}) {{ {_CLAIM_FIELDS} }}
    }} }} }} }} }}"""


def _allied_racegraph(data: dict[str, Any], v: dict[str, Any]) -> Answer:
    return [{"far": _far(e, v["id"]), "claims": e["claimCount"], "newest": e["claims"]}
            for e in data["entity"]["relations"]]


def _allied_peer(data: dict[str, Any], v: dict[str, Any]) -> Answer:
    (entity,) = data["entities"]
    return [{"far": e["node"]["id"], "claims": e["properties"]["claims"],
             "newest": e["node"]["asSubject"] + e["node"]["asObject"]}
            for e in entity["alliedWithConnection"]["edges"]]


async def _floor_allied(reader: GraphReader, v: dict[str, Any]) -> Any:
    seed = await reader.entity_with_relations(v["id"], [RelType.ALLIED_WITH.value], EDGES)
    assert seed is not None
    return await reader.claims_for_pairs([(e.type, e.subject.id, e.object.id) for e in seed.relations], CLAIMS)


# --- the 2-hop neighbourhood --------------------------------------------------------

_HOP2 = f"relations(types: [MET_WITH], first: {HOP}) {{ subject {{ id }} object {{ id }} claimCount }}"
NEIGHBOURHOOD = f"""query($id: ID!) {{ entity(id: $id) {{ relations(types: [MET_WITH], first: {HOP}) {{
  claimCount subject {{ id {_HOP2} }} object {{ id {_HOP2} }} }} }} }}"""
_STRONGEST = f"first: {HOP}, sort: [{{edge: {{claims: DESC}}}}, {{edge: {{confidence: DESC}}}}, {{node: {{id: ASC}}}}]"
PEER_NEIGHBOURHOOD = f"""query($id: ID!) {{ entities(where: {{id_EQ: $id}}) {{ metWithConnection({_STRONGEST}) {{
  edges {{ properties {{ claims }} node {{ id metWithConnection({_STRONGEST}) {{
    edges {{ properties {{ claims }} node {{ id }} }} }} }} }} }} }} }}"""


def _neighbourhood_racegraph(data: dict[str, Any], v: dict[str, Any]) -> Answer:
    answer = []
    for edge in data["entity"]["relations"]:
        far = edge["object"] if edge["subject"]["id"] == v["id"] else edge["subject"]
        answer.append({"far": far["id"], "claims": edge["claimCount"],
                       "next": [[_far(e, far["id"]), e["claimCount"]] for e in far["relations"]]})
    return answer


def _neighbourhood_peer(data: dict[str, Any], v: dict[str, Any]) -> Answer:
    (entity,) = data["entities"]
    return [{"far": e["node"]["id"], "claims": e["properties"]["claims"],
             "next": [[n["node"]["id"], n["properties"]["claims"]] for n in e["node"]["metWithConnection"]["edges"]]}
            for e in entity["metWithConnection"]["edges"]]


async def _floor_neighbourhood(reader: GraphReader, v: dict[str, Any]) -> Any:
    return await reader.entity_with_relations(v["id"], [RelType.MET_WITH.value], HOP, HOP)


# --- full-text name search ----------------------------------------------------------

SEARCH = f"query($q: String!) {{ entities(search: $q, first: {SEARCHED}) {{ edges {{ node {{ id name kind }} }} }} }}"
# The peer is given the Lucene query racegraph builds from the same words.
PEER_SEARCH = f"""query($phrase: String!) {{ entitiesByName(phrase: $phrase, limit: {SEARCHED},
  sort: [{{score: DESC}}, {{entity: {{name: ASC}}}}, {{entity: {{id: ASC}}}}]) {{ entity {{ id name kind }} }} }}"""


async def _floor_search(reader: GraphReader, v: dict[str, Any]) -> Any:
    return await reader.search_entities(v["q"], None, 0, SEARCHED + 1)


# --- a page of edges of one type, by claims -----------------------------------------

EDGE_PAGE = f"""query($type: RelationType!) {{ relations(filter: {{types: [$type]}}, first: {PAGE}, orderBy: CLAIMS) {{
  edges {{ node {{ type subject {{ id name }} object {{ id name }} claimCount lastSeen }} }} }} }}"""
PEER_EDGE_PAGE = f"""query($type: String!) {{ edgesByClaims(type: $type, limit: {PAGE}) {{
  type subjectId subjectName objectId objectName claims lastSeen }} }}"""


def _page_racegraph(data: dict[str, Any], v: dict[str, Any]) -> Answer:
    return [[n["type"], n["subject"]["id"], n["subject"]["name"], n["object"]["id"], n["object"]["name"],
             n["claimCount"], n["lastSeen"]] for n in (e["node"] for e in data["relations"]["edges"])]


def _page_peer(data: dict[str, Any], v: dict[str, Any]) -> Answer:
    return [[r["type"], r["subjectId"], r["subjectName"], r["objectId"], r["objectName"], r["claims"], r["lastSeen"]]
            for r in data["edgesByClaims"]]


async def _floor_page(reader: GraphReader, v: dict[str, Any]) -> Any:
    return await reader.relations(RelationFilter(types=(v["type"],)), "CLAIMS", 0, PAGE + 1)


CASES = [
    Case("entity by id", ENTITY, PEER_ENTITY, lambda v: v, _floor_entity,
         lambda d, v: _entity_answer(d["entity"]), lambda d, v: _entity_answer(next(iter(d["entities"]), None))),
    Case(f"ALLIED_WITH of an entity ({EDGES} edges) + {CLAIMS} claims each", ALLIED, PEER_ALLIED, lambda v: v,
         _floor_allied, _allied_racegraph, _allied_peer),
    Case(f"2-hop MET_WITH neighbourhood, {HOP} + {HOP}x{HOP} strongest", NEIGHBOURHOOD, PEER_NEIGHBOURHOOD,
         lambda v: v, _floor_neighbourhood, _neighbourhood_racegraph, _neighbourhood_peer),
    Case("name search (full-text), first 10", SEARCH, PEER_SEARCH, lambda v: {"phrase": lucene_query(v["q"])},
         _floor_search, lambda d, v: [e["node"]["id"] for e in d["entities"]["edges"]],
         lambda d, v: [r["entity"]["id"] for r in d["entitiesByName"]]),
    Case(f"page of {PAGE} edges of a type, by claims", EDGE_PAGE, PEER_EDGE_PAGE, lambda v: v, _floor_page,
         _page_racegraph, _page_peer),
]


async def pick_inputs(reader: GraphReader, runs: int, seed: int) -> list[list[dict[str, Any]]]:
    """Return `runs` variables per case, in CASES order, drawn from the graph: entities with edges of the
    case's type (a third of them drawn in proportion to their edges, which favours hubs), words of their
    names for the search (half with one letter wrong), and the relation types in turn for the page."""
    rng = random.Random(seed)
    ends: dict[str, list[str]] = {}
    names: list[str] = []
    for edge in await reader.relations(RelationFilter(), "CLAIMS", 0, 10**8):
        for end in (edge.subject, edge.object):
            ends.setdefault(edge.type, []).append(end.id)
            names.append(end.name)

    def entities(rel_type: RelType) -> list[dict[str, Any]]:
        # Counted with repeats, so a draw from `ends` favours the best connected; a third are drawn so.
        pool = ends[rel_type.value]
        distinct = sorted(set(pool))
        return [{"id": rng.choice(pool) if i % 3 == 0 else rng.choice(distinct)} for i in range(runs)]

    words = []
    for name in rng.sample(sorted(set(names)), runs):
        word = rng.choice(name.split())
        if len(word) > 4 and rng.random() < 0.5:
            i = rng.randrange(1, len(word) - 1)
            word = word[:i] + rng.choice("aeiou") + word[i + 1:]
        words.append(word.lower())
    every_id = entities(RelType.MET_WITH)[: runs // 2] + entities(RelType.ANNOUNCED)[: runs - runs // 2]
    return [
        every_id,
        entities(RelType.ALLIED_WITH),
        entities(RelType.MET_WITH),
        [{"q": w} for w in words],
        [{"type": list(RelType)[i % len(RelType)].value} for i in range(runs)],
    ]
