"""Graph insights: weighted edge lists (projections) for communities and centrality, and claim counts
over time for trends and movers. A claim's day is its own date, else its article's (as in `claims`)."""

from itertools import combinations

from graph.cypher.template import QueryTemplate
from nlp.records import RelType

# One row for a whole projection: the driver's cost per record (about 0.1 ms) made 40,000 edge rows take
# seconds where the query itself took a few hundred milliseconds. `ends` lists each entity once per side.
_COLLECT_PROJECTION = """
RETURN collect([s.id, o.id, claims, sources]) AS edges,
       collect(DISTINCT [s.id, s.name, s.kind]) + collect(DISTINCT [o.id, o.name, o.kind]) AS ends
"""

# Over all time the aggregated edges already hold each pair's figures: only the edges of the chosen types
# are read (named in the pattern, so Neo4j scans those types alone). `sources` sums the distinct articles
# of each type, as the windowed query counts them.
_MATCH_PROJECTION = QueryTemplate("""
MATCH (s:Entity)-[r:@rel_types]->(o:Entity)
WHERE $kinds IS NULL OR (s.kind IN $kinds AND o.kind IN $kinds)
WITH s, o, sum(r.claims) AS claims, sum(r.articles) AS sources
WHERE claims >= $min_claims
""")

# Set of relation types -> query. $kinds (null: all), $min_claims -> one row: `edges`, [source id, target id,
# claims, sources] per entity pair with an edge of those types (sources: distinct articles per type, summed),
# and `ends`, [id, name, kind] of the entities at their ends.
MATCH_PROJECTIONS = {
    frozenset(chosen): _MATCH_PROJECTION.substitute(rel_types="|".join(t.value for t in chosen)) + _COLLECT_PROJECTION
    for size in range(1, len(RelType) + 1)
    for chosen in combinations(RelType, size)
}

# $types, $since, $until (null: open), $kinds (null: all), $min_claims -> the row of MATCH_PROJECTIONS
# counted from the claims dated inside the window.
MATCH_PROJECTION_IN_WINDOW = """
MATCH (c:Claim)
WHERE c.type IN $types
  AND ($since IS NULL OR coalesce(c.date, c.published) >= $since)
  AND ($until IS NULL OR coalesce(c.date, c.published) <= $until)
WITH c.subject_id AS source, c.object_id AS target, count(*) AS claims,
     count(DISTINCT [c.type, c.article_id]) AS sources
WHERE claims >= $min_claims
MATCH (s:Entity {id: source}), (o:Entity {id: target})
WHERE $kinds IS NULL OR (s.kind IN $kinds AND o.kind IN $kinds)
""" + _COLLECT_PROJECTION

# $types -> the newest day any claim of those types is dated (null when there is none).
MATCH_NEWEST_CLAIM_DAY = """
MATCH (c:Claim)
WHERE c.type IN $types
RETURN max(coalesce(c.date, c.published)) AS day
"""

# $types, $since, $until -> one row, `counts`: [entity id, day, claims] for the claims of those types each
# entity took part in (as subject or object) per day inside the window.
COUNT_CLAIMS_BY_ENTITY_AND_DAY = """
MATCH (c:Claim)
WHERE c.type IN $types
  AND coalesce(c.date, c.published) >= $since AND coalesce(c.date, c.published) <= $until
UNWIND [c.subject_id, c.object_id] AS entity
WITH entity, coalesce(c.date, c.published) AS day, count(*) AS claims
RETURN collect([entity, day, claims]) AS counts
"""

# $types -> one row, `counts`: [type, day, claims] for every claim of those types, counted per type and day
# (the graph's activity over time; one row: see _COLLECT_PROJECTION).
COUNT_CLAIMS_BY_TYPE_AND_DAY = """
MATCH (c:Claim)
WHERE c.type IN $types
WITH c.type AS type, coalesce(c.date, c.published) AS day, count(*) AS claims
WHERE day IS NOT NULL
RETURN collect([type, day, claims]) AS counts
"""
