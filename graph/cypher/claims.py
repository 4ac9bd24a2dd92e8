"""Reading claims: an entity's timeline, counts under a filter, the newest, and those behind edges."""

from graph.cypher.edge_types import AGGREGATED_TYPES
from graph.cypher.template import QueryTemplate

# The claims c of entity $id of $types dated (by the claim, else the article) in [$since, $until], nulls open.
CLAIMS_OF_ENTITY_IN_WINDOW = """
MATCH (:Entity {id: $id})<-[:SUBJECT|OBJECT]-(c:Claim)
WITH DISTINCT c
WHERE c.type IN $types
  AND ($since IS NULL OR coalesce(c.date, c.published) >= $since)
  AND ($until IS NULL OR coalesce(c.date, c.published) <= $until)
"""

# $id, $types, $since, $until, $skip, $limit -> the entity's claims in date order, with both ends and article.
MATCH_TIMELINE = CLAIMS_OF_ENTITY_IN_WINDOW + """
MATCH (c)-[:SUBJECT]->(s:Entity), (c)-[:OBJECT]->(o:Entity), (c)-[:REPORTED_IN]->(a:Article)
RETURN c {.*, created_at: toString(c.created_at), subject: s {.id, .name, .kind}, object: o {.id, .name, .kind},
          article: a {.id, .title, .url, .source, .published}} AS claim
ORDER BY coalesce(c.date, c.published), c.id
SKIP $skip LIMIT $limit
"""

# Claim filter over c: $types, $subject, $object, $entity, $symmetric, $min_confidence, $min_sources
# (of the claim's edge), $include_hedged, $since, $until, $source.
# The edge's types are named in the EXISTS pattern so that it never walks the claim and mention edges.
_CLAIM_FILTER = QueryTemplate("""
MATCH (c:Claim)
WHERE c.type IN $types
  AND ($subject IS NULL OR c.subject_id = $subject OR (c.type IN $symmetric AND c.object_id = $subject))
  AND ($object IS NULL OR c.object_id = $object OR (c.type IN $symmetric AND c.subject_id = $object))
  AND ($entity IS NULL OR c.subject_id = $entity OR c.object_id = $entity)
  AND c.confidence >= $min_confidence
  AND ($min_sources <= 1 OR EXISTS {
        MATCH (:Entity {id: c.subject_id})-[r:@edge_types]->(:Entity {id: c.object_id})
        WHERE type(r) = c.type AND r.articles >= $min_sources })
  AND ($include_hedged OR NOT c.hedged)
  AND ($since IS NULL OR coalesce(c.date, c.published) >= $since)
  AND ($until IS NULL OR coalesce(c.date, c.published) <= $until)
  AND ($source IS NULL OR c.source = $source)
""").substitute(edge_types=AGGREGATED_TYPES)

# Claim filter params -> claim counts by relation type.
COUNT_CLAIMS_BY_TYPE = _CLAIM_FILTER + "RETURN c.type AS key, count(c) AS count ORDER BY count DESC, key"
# Claim filter params -> claim counts by month (YYYY-MM of the claim's date, else the article's).
COUNT_CLAIMS_BY_MONTH = (
    _CLAIM_FILTER + "WITH substring(coalesce(c.date, c.published, ''), 0, 7) AS key WHERE key <> ''\n"
    "RETURN key, count(*) AS count ORDER BY key"
)
# Claim filter params -> claim counts by country taking part (as subject or object).
COUNT_CLAIMS_BY_COUNTRY = (
    _CLAIM_FILTER + "MATCH (c)-[:SUBJECT|OBJECT]->(e:Country)\n"
    "RETURN e.name AS key, count(DISTINCT c) AS count ORDER BY count DESC, key"
)

# $after (ISO datetime string), $limit -> claims created after that instant, oldest first.
MATCH_CLAIMS_CREATED_AFTER = """
MATCH (c:Claim) WHERE c.created_at > datetime($after)
WITH c ORDER BY c.created_at, c.id LIMIT $limit
MATCH (c)-[:SUBJECT]->(s:Entity), (c)-[:OBJECT]->(o:Entity), (c)-[:REPORTED_IN]->(a:Article)
RETURN c {.*, created_at: toString(c.created_at), subject: s {.id, .name, .kind}, object: o {.id, .name, .kind},
          article: a {.id, .title, .url, .source, .published}} AS claim
ORDER BY c.created_at, c.id
"""

# $limit -> the newest claims by when they were written (then id), with both ends and article.
MATCH_NEWEST_CLAIMS = """
MATCH (c:Claim)
WITH c ORDER BY c.created_at DESC, c.id LIMIT $limit
MATCH (c)-[:SUBJECT]->(s:Entity), (c)-[:OBJECT]->(o:Entity), (c)-[:REPORTED_IN]->(a:Article)
RETURN c {.*, created_at: toString(c.created_at), subject: s {.id, .name, .kind}, object: o {.id, .name, .kind},
          article: a {.id, .title, .url, .source, .published}} AS claim
ORDER BY c.created_at DESC, c.id
"""

# -> the current database time, the starting point of a claim subscription.
RETURN_NOW = "RETURN toString(datetime()) AS now"

# $pairs: [{type, subject_id, object_id}] -> claims behind each edge, with their article.
MATCH_CLAIMS_FOR_PAIRS = """
UNWIND $pairs AS p
MATCH (c:Claim {type: p.type, subject_id: p.subject_id, object_id: p.object_id})-[:REPORTED_IN]->(a:Article)
RETURN p AS pair, c {.*, created_at: toString(c.created_at)} AS claim,
       a {.id, .title, .url, .source, .published} AS article
ORDER BY c.date DESC, c.id
"""

# $pairs: [{type, subject_id, object_id}], $limit -> the $limit newest claims behind each edge, with their
# article (an edge between two hubs can have thousands).
MATCH_RECENT_CLAIMS_FOR_PAIRS = """
UNWIND $pairs AS p
CALL (p) {
    MATCH (c:Claim {type: p.type, subject_id: p.subject_id, object_id: p.object_id})
    WITH c ORDER BY c.date DESC, c.id LIMIT $limit
    MATCH (c)-[:REPORTED_IN]->(a:Article)
    RETURN c, a
}
RETURN p AS pair, c {.*, created_at: toString(c.created_at)} AS claim,
       a {.id, .title, .url, .source, .published} AS article
ORDER BY c.date DESC, c.id
"""

# $pairs: [{type, subject_id, object_id}] -> each pair with claims, and its reports for `graph.events`:
# [date, article id, claims] per date (the claim's, else its article's) and article, so an edge
# between two hubs sends one row per reporting article rather than one per claim.
MATCH_REPORTS_FOR_PAIRS = """
UNWIND $pairs AS p
MATCH (c:Claim {type: p.type, subject_id: p.subject_id, object_id: p.object_id})
WITH p, coalesce(c.date, c.published) AS day, c.article_id AS article, count(*) AS claims
RETURN p AS pair, collect([day, article, claims]) AS reports
"""

