"""Reading aggregated edges: pages of them under a filter, and the shortest paths between two entities."""

from graph.cypher.edge_types import AGGREGATED_TYPES
from graph.cypher.template import QueryTemplate

# Relation filter over r (from s to o): $types, $subject, $object, $symmetric, $min_confidence,
# $min_sources (distinct articles), $include_hedged, $since, $until, $source.
_RELATION_FILTER = """
WHERE type(r) IN $types
  AND ($subject IS NULL OR s.id = $subject OR (type(r) IN $symmetric AND o.id = $subject))
  AND ($object IS NULL OR o.id = $object OR (type(r) IN $symmetric AND s.id = $object))
  AND r.confidence >= $min_confidence
  AND r.articles >= $min_sources
  AND ($include_hedged OR NOT r.hedged)
  AND ($since IS NULL OR r.last_seen >= $since)
  AND ($until IS NULL OR r.first_seen <= $until)
  AND ($source IS NULL OR EXISTS {
        MATCH (c:Claim {type: type(r), subject_id: s.id, object_id: o.id}) WHERE c.source = $source })
"""

_AROUND_ANCHOR = (
    "MATCH (:Entity {id: $anchor})-[r:" + AGGREGATED_TYPES + "]-(:Entity)\n"
    "WITH DISTINCT r\nWITH r, startNode(r) AS s, endNode(r) AS o\n"
)
_ANYWHERE = "MATCH (s:Entity)-[r:" + AGGREGATED_TYPES + "]->(o:Entity)\n"

_RELATION_PAGE = """
RETURN type(r) AS type, s {.id, .name, .kind} AS subject, o {.id, .name, .kind} AS object, r {.*} AS stats
ORDER BY CASE $order WHEN 'LAST_SEEN' THEN r.last_seen WHEN 'CONFIDENCE' THEN r.confidence ELSE r.claims END DESC,
         s.id, o.id, type(r)
SKIP $skip LIMIT $limit
"""

# Filter params plus $anchor (an entity id the edges touch), $order, $skip, $limit -> a page of edges.
MATCH_RELATIONS_AROUND = _AROUND_ANCHOR + _RELATION_FILTER + _RELATION_PAGE
# Filter params plus $order, $skip, $limit -> a page of edges anywhere in the graph.
MATCH_RELATIONS = _ANYWHERE + _RELATION_FILTER + _RELATION_PAGE
# Filter params plus $anchor -> how many edges MATCH_RELATIONS_AROUND pages through.
COUNT_RELATIONS_AROUND = _AROUND_ANCHOR + _RELATION_FILTER + "RETURN count(r) AS total"
# Filter params -> how many edges MATCH_RELATIONS pages through.
COUNT_RELATIONS = _ANYWHERE + _RELATION_FILTER + "RETURN count(r) AS total"

MAX_PATH_HOPS = 6

# Checked on each relationship while the search runs, so it never falls back to enumerating paths.
_SHORTEST_PATHS_FILTER = """WHERE all(r IN relationships(p) WHERE type(r) IN $types
          AND ($since IS NULL OR r.last_seen >= $since) AND ($until IS NULL OR r.first_seen <= $until))"""

_SHORTEST_PATHS = QueryTemplate("""MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = allShortestPaths((a)-[:@edge_types*..@max_hops]-(b))
@filter
RETURN [r IN relationships(p) | {type: type(r),
        subject: {id: startNode(r).id, name: startNode(r).name, kind: startNode(r).kind},
        object: {id: endNode(r).id, name: endNode(r).name, kind: endNode(r).kind}, stats: r {.*}}] AS hops
LIMIT $limit
""")

# (max_hops 1..6, filtered) -> query. $from, $to, $limit, and when filtered $types, $since, $until
# -> the shortest paths as lists of hops. The hop bound is part of the pattern (a `length(p)`
# predicate would make Neo4j enumerate every path when the shortest is longer), and the
# unfiltered form, for every type and no dates, skips a per-relationship predicate.
MATCH_SHORTEST_PATHS = {
    (hops, filtered): _SHORTEST_PATHS.substitute(
        edge_types=AGGREGATED_TYPES, max_hops=hops, filter=_SHORTEST_PATHS_FILTER if filtered else ""
    )
    for hops in range(1, MAX_PATH_HOPS + 1)
    for filtered in (False, True)
}

# -> aggregated edge counts by type.
COUNT_RELATIONS_BY_TYPE = (
    "MATCH (:Entity)-[r:" + AGGREGATED_TYPES + "]->(:Entity) RETURN type(r) AS key, count(r) AS count "
    "ORDER BY count DESC, key"
)

