"""Graph insights: weighted edge lists (projections) for communities and centrality, and claim counts
over time for trends and movers. A claim's day is its own date, else its article's (as in `claims`)."""

from itertools import combinations

from graph.cypher.claims import CLAIMS_OF_ENTITY_IN_WINDOW
from graph.cypher.template import QueryTemplate
from nlp.records import RelType

# Over all time the aggregated edges already hold each pair's figures: only the edges of the chosen types
# are read (named in the pattern, so Neo4j scans those types alone). `sources` sums the distinct articles
# of each type, as the windowed query counts them.
_MATCH_PROJECTION = QueryTemplate("""
MATCH (s:Entity)-[r:@rel_types]->(o:Entity)
WHERE $kinds IS NULL OR (s.kind IN $kinds AND o.kind IN $kinds)
WITH s, o, sum(r.claims) AS claims, sum(r.articles) AS sources
WHERE claims >= $min_claims
RETURN s.id AS source, s.name AS source_name, s.kind AS source_kind,
       o.id AS target, o.name AS target_name, o.kind AS target_kind, claims, sources
""")

# Set of relation types -> query. $kinds (null: all), $min_claims -> one row per entity pair with an edge
# of those types: both ends' id, name and kind, claims and sources (distinct articles per type, summed).
MATCH_PROJECTIONS = {
    frozenset(chosen): _MATCH_PROJECTION.substitute(rel_types="|".join(t.value for t in chosen))
    for size in range(1, len(RelType) + 1)
    for chosen in combinations(RelType, size)
}

# $types, $since, $until (null: open), $kinds (null: all), $min_claims -> the rows of MATCH_PROJECTIONS
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
RETURN source, s.name AS source_name, s.kind AS source_kind,
       target, o.name AS target_name, o.kind AS target_kind, claims, sources
"""

# $id, $types, $since, $until -> the entity's claims as {type, day, article, claims}: how many claims of
# each type each article reported on each day.
COUNT_CLAIMS_OF_ENTITY_BY_DAY = CLAIMS_OF_ENTITY_IN_WINDOW + """
RETURN c.type AS type, coalesce(c.date, c.published) AS day, c.article_id AS article, count(*) AS claims
"""

# $types -> the newest day any claim of those types is dated (null when there is none).
MATCH_NEWEST_CLAIM_DAY = """
MATCH (c:Claim)
WHERE c.type IN $types
RETURN max(coalesce(c.date, c.published)) AS day
"""

# $types, $since, $until -> {entity, day, claims}: claims of those types each entity took part in
# (as subject or object) per day inside the window.
COUNT_CLAIMS_BY_ENTITY_AND_DAY = """
MATCH (c:Claim)
WHERE c.type IN $types
  AND coalesce(c.date, c.published) >= $since AND coalesce(c.date, c.published) <= $until
UNWIND [c.subject_id, c.object_id] AS entity
RETURN entity, coalesce(c.date, c.published) AS day, count(*) AS claims
"""
