"""The strongest edges of each entity: kept on write, followed on read.

Following an entity's strongest edges is the unit of `neighbors`, subgraph expansion and an
entity's top relations. Ranking them by reading every edge costs about 1 us per edge, and the
best-connected entities have thousands; so the write path keeps, on a self-loop
`(e)-[:STRONGEST]->(e)` (deleted with the entity, invisible to entity reads), each entity's $k
strongest edges of each type, in one strength order, as parallel lists: `rels` (element ids),
`types`, `claims`, `confidence`, `others` (the far ends' ids); `cut` names the types that had
more edges than were kept, `size` is $k. Strength order everywhere: claims, then confidence
(both descending), then the far end's id and the type. An entity gets its list when it has more
than $k edges in all (and keeps it): reading every edge of a smaller one costs no more than reading
a list, and most entities a write touches are such small ones.
"""

from itertools import combinations

from graph.cypher.edge_types import AGGREGATED_TYPES
from graph.cypher.template import QueryTemplate

# --- keeping the lists -----------------------------------------------------

# The end of both queries below: keeps the $k strongest of each type from `pool` (a list of edge maps)
# on a's STRONGEST loop; types in `cut` (cut before) stay cut.
_KEEP_STRONGEST = """WITH a, pool, cut
CALL (pool) {
    UNWIND pool AS e
    WITH e ORDER BY e.claims DESC, e.confidence DESC, e.other, e.type
    WITH e.type AS t, collect(e) AS ranked
    RETURN reduce(acc = [], x IN collect(ranked[..$k]) | acc + x) AS kept,
           [x IN collect({t: t, n: size(ranked)}) WHERE x.n > $k | x.t] AS overflow
}
CALL (kept) {
    UNWIND kept AS e
    WITH e ORDER BY e.claims DESC, e.confidence DESC, e.other, e.type
    RETURN collect(e) AS ordered
}
MERGE (a)-[k:STRONGEST]->(a)
SET k.rels = [e IN ordered | e.rel], k.types = [e IN ordered | e.type], k.claims = [e IN ordered | e.claims],
    k.confidence = [e IN ordered | e.confidence], k.others = [e IN ordered | e.other],
    k.cut = reduce(acc = overflow, t IN cut | CASE WHEN t IN acc THEN acc ELSE acc + t END), k.size = $k
"""

# $ids: entity ids, $k -> nothing; recomputes the strongest edges of those entities that keep a list
# or now need one, from all their edges (after retraction or curation, which remove edges).
REFRESH_STRONGEST = QueryTemplate("""UNWIND $ids AS id
MATCH (a:Entity {id: id})
OPTIONAL MATCH (a)-[k:STRONGEST]->(a)
WITH a WHERE k IS NOT NULL OR COUNT { (a)-[:@edge_types]-() } > $k
WITH a, COLLECT { MATCH (a)-[r:@edge_types]-(b:Entity)
          RETURN {rel: elementId(r), type: type(r), claims: r.claims, confidence: r.confidence, other: b.id} } AS pool,
     [] AS cut
@keep_strongest""").substitute(edge_types=AGGREGATED_TYPES, keep_strongest=_KEEP_STRONGEST)

# $rows: [{id, rels, edges: [{rel, type, claims, confidence, other}]}], the edges of each entity that
# new claims just strengthened or created, $entities (id -> element id, as in graph.cypher.ingest), $k ->
# nothing. Strength only grows when claims are added, so the new strongest are among those kept before and
# those strengthened: the update reads the kept lists, not every edge. An entity that needs its first list
# is ranked from all its edges.
ADD_TO_STRONGEST = QueryTemplate("""UNWIND $rows AS row
MATCH (a:Entity) WHERE elementId(a) = $entities[row.id]
OPTIONAL MATCH (a)-[k:STRONGEST]->(a)
WITH a, k, row WHERE k IS NOT NULL OR COUNT { (a)-[:@edge_types]-() } > $k
CALL (a, k, row) {
    WITH k, row WHERE k IS NOT NULL
    WITH row, k.rels AS rels, k.types AS types, k.claims AS claims, k.confidence AS confidence, k.others AS others,
         k.cut AS cut
    RETURN [j IN range(0, size(rels) - 1) WHERE NOT rels[j] IN row.rels |
            {rel: rels[j], type: types[j], claims: claims[j], confidence: confidence[j], other: others[j]}]
           + row.edges AS pool, cut
  UNION ALL
    WITH a, k WHERE k IS NULL
    RETURN COLLECT { MATCH (a)-[r:@edge_types]-(b:Entity)
          RETURN {rel: elementId(r), type: type(r), claims: r.claims, confidence: r.confidence, other: b.id} } AS pool,
           [] AS cut
}
@keep_strongest""").substitute(edge_types=AGGREGATED_TYPES, keep_strongest=_KEEP_STRONGEST)

# --- following them --------------------------------------------------------

# The @per_node (a parameter) strongest edges of `a` among the asked types (@type_list, the same as
# @type_pattern) within the filters, as rows (r, b, rank), rank ascending; of those, only the ones whose far end's id
# `far` makes @wanted true (checked after the cut, so it never changes which edges are the strongest).
# Three ways, the same answer:
# - no dates asked and the kept list holds the answer (no asked type was cut, or no more edges are
#   asked than were kept): the list alone picks the edges, and only the wanted ones are read. Each
#   list is read once into a variable: `k.types[j]` would read the whole list again for every j;
# - dates asked and no asked type was cut: the listed edges are read to check their dates;
# - else every edge of the asked types is read; the types are part of the pattern, so a hub's
#   edges of other types are not.
_STRONGEST_EDGES = QueryTemplate("""OPTIONAL MATCH (a)-[k:STRONGEST]->(a)
WITH *, coalesce(none(t IN k.cut WHERE t IN @type_list)
       OR ($since IS NULL AND $until IS NULL AND @per_node <= k.size), false) AS listed
CALL (a, k, listed) {
    WITH a, k WHERE listed AND $since IS NULL AND $until IS NULL
    WITH a, k.rels AS rels, k.types AS types, k.claims AS claims, k.others AS others
    UNWIND [j IN range(0, size(rels) - 1)
            WHERE types[j] IN @type_list AND claims[j] >= $min_claims][..@per_node] AS j
    WITH a, j, rels[j] AS rel, others[j] AS far WHERE @wanted
    MATCH ()-[r]->() WHERE elementId(r) = rel
    WITH a, j, r WHERE startNode(r) = a OR endNode(r) = a
    RETURN r, CASE WHEN startNode(r) = a THEN endNode(r) ELSE startNode(r) END AS b, j AS rank
  UNION ALL
    WITH a, k WHERE listed AND ($since IS NOT NULL OR $until IS NOT NULL)
    WITH a, k.rels AS rels, k.types AS types, k.claims AS claims
    UNWIND [j IN range(0, size(rels) - 1)
            WHERE types[j] IN @type_list AND claims[j] >= $min_claims] AS j
    MATCH ()-[r]->() WHERE elementId(r) = rels[j]
    WITH a, j, r WHERE (startNode(r) = a OR endNode(r) = a)
      AND ($since IS NULL OR r.last_seen >= $since) AND ($until IS NULL OR r.first_seen <= $until)
    WITH a, j, r ORDER BY j LIMIT @per_node
    WITH j, r, CASE WHEN startNode(r) = a THEN endNode(r) ELSE startNode(r) END AS b
    WITH j, r, b, b.id AS far WHERE @wanted
    RETURN r, b, j AS rank
  UNION ALL
    WITH a WHERE NOT listed
    MATCH (a)-[r:@type_pattern]-(b:Entity)
    WHERE r.claims >= $min_claims
      AND ($since IS NULL OR r.last_seen >= $since) AND ($until IS NULL OR r.first_seen <= $until)
    WITH r, b ORDER BY r.claims DESC, r.confidence DESC, b.id, type(r) LIMIT @per_node
    WITH collect({r: r, b: b}) AS ranked
    UNWIND range(0, size(ranked) - 1) AS rank
    WITH rank, ranked[rank].r AS r, ranked[rank].b AS b, ranked[rank].b.id AS far WHERE @wanted
    RETURN r, b, rank
}""")

_RELATIONS_OF_ENTITIES = QueryTemplate("""UNWIND $ids AS id
MATCH (a:Entity {id: id})
@strongest_edges
WITH id, r, rank ORDER BY id, rank
WITH id, r, startNode(r) AS s, endNode(r) AS o
RETURN id, type(r) AS type, s {.id, .name, .kind} AS subject, o {.id, .name, .kind} AS object, r {.*} AS stats
""")

_EXPAND_FRONTIER = QueryTemplate("""UNWIND range(0, size($frontier) - 1) AS i
MATCH (a:Entity {id: $frontier[i]})
@strongest_edges
WITH i, rank, r, b ORDER BY i, rank
WITH collect({r: r, b: b, known: b.id IN $known}) AS hits
CALL (hits) {
    UNWIND hits AS hit
    WITH hit WHERE NOT hit.known
    WITH DISTINCT hit.b AS b
    WITH collect(b)[..$capacity + 1] AS met
    RETURN met[..$capacity] AS added, size(met) > $capacity AS truncated
}
WITH hits, added, truncated, [b IN added | b.id] AS added_ids
RETURN [b IN added | b {.id, .name, .kind}] AS nodes, truncated,
       [hit IN hits WHERE hit.known OR hit.b.id IN added_ids |
        {type: type(hit.r), source: startNode(hit.r).id, target: endNode(hit.r).id, stats: properties(hit.r)}] AS edges
""")


# $id, $per_node, $far_per_node, $min_claims, $since, $until -> one row, or none when the entity is
# missing: `entity` (as MATCH_ENTITY gives it), `relations` (its $per_node strongest edges, strongest
# first, as MATCH_RELATIONS_OF_ENTITIES gives them) and `far` (for each entity those edges reach, and
# for the entity itself when $far_per_node is another number, its $far_per_node strongest, the same
# way, each row with that entity's `id`; none when $far_per_node is 0). One round trip where the
# entity, its edges and theirs took three.
_ENTITY_WITH_RELATIONS = QueryTemplate("""MATCH (seed:Entity {id: $id})
CALL (seed) {
    WITH seed AS a
    @near_edges
    WITH a, r, rank ORDER BY rank
    WITH a, r, startNode(r) AS s, endNode(r) AS o
    RETURN collect({type: type(r), subject: s {.id, .name, .kind}, object: o {.id, .name, .kind}, stats: r {.*},
                    far: CASE WHEN s = a THEN o ELSE s END}) AS near
}
CALL (seed, near) {
    UNWIND [edge IN near | edge.far] + CASE WHEN $far_per_node <> $per_node THEN [seed] ELSE [] END AS reached
    WITH DISTINCT reached AS a WHERE $far_per_node > 0
    @far_edges
    WITH a, r, rank ORDER BY a.id, rank
    WITH a.id AS id, r, startNode(r) AS s, endNode(r) AS o
    RETURN collect({id: id, type: type(r), subject: s {.id, .name, .kind}, object: o {.id, .name, .kind},
                    stats: r {.*}}) AS far
}
RETURN seed {.*, created_at: toString(seed.created_at)} AS entity,
       [edge IN near | edge {.type, .subject, .object, .stats}] AS relations, far
""")


def _by_type_set(query: QueryTemplate, **follows: tuple[str, str]) -> dict[frozenset[str], str]:
    """Return `query` ready-written for each set of asked relation types (31 of them). Each hole named in
    `follows` becomes the strongest edges of `a` of those types, `(wanted, per_node)`: the ones whose
    far end makes `wanted` true, at most the parameter `per_node` of them."""
    names = AGGREGATED_TYPES.split("|")
    queries = {}
    for count in range(1, len(names) + 1):
        for types in combinations(names, count):
            type_list = "[" + ", ".join(f"'{t}'" for t in types) + "]"
            fragments = {
                hole: _STRONGEST_EDGES.substitute(
                    type_list=type_list, type_pattern="|".join(types), wanted=wanted, per_node=per_node
                )
                for hole, (wanted, per_node) in follows.items()
            }
            queries[frozenset(types)] = query.substitute(fragments)
    return queries


# frozenset of types -> query. $ids, $per_node, $min_claims, $since, $until -> for each entity, its
# `per_node` strongest edges of those types within the filters.
MATCH_RELATIONS_OF_ENTITIES = _by_type_set(_RELATIONS_OF_ENTITIES, strongest_edges=("true", "$per_node"))

# frozenset of types -> _ENTITY_WITH_RELATIONS following edges of those types at both hops.
MATCH_ENTITY_WITH_RELATIONS = _by_type_set(
    _ENTITY_WITH_RELATIONS, near_edges=("true", "$per_node"), far_edges=("true", "$far_per_node")
)

# frozenset of relation types -> query. $frontier: entity ids (in expansion order), $known: ids already
# in the subgraph (the frontier included), $capacity: how many new entities may join, $min_claims,
# $since, $until (dates or null), $per_node -> one row: `nodes`, the new entities in the order their
# edges were met (frontier order, strongest edge first; at most $capacity), `truncated`, true when
# more were met than fit, and `edges`, the followed edges whose far end is known or new. Each frontier
# entity follows only its $per_node strongest edges within the filters (its kept strongest edges when
# they hold the answer), and the capping happens here so that only what the subgraph keeps crosses
# the wire. With no room left for new entities, only edges to known ones are followed.
EXPAND_FRONTIER = _by_type_set(
    _EXPAND_FRONTIER, strongest_edges=("($capacity > 0 OR far IN $known)", "$per_node")
)
