"""Reading articles: pages of them, and one with its text, entities and claims."""

# $since, $until, $source (each or null), $skip, $limit -> articles newest first, without their text.
MATCH_ARTICLES = """
MATCH (a:Article)
WHERE ($since IS NULL OR a.published >= $since) AND ($until IS NULL OR a.published <= $until)
  AND ($source IS NULL OR a.source = $source)
RETURN a {.id, .external_id, .title, .url, .source, .published, ingested_at: toString(a.ingested_at)} AS article
ORDER BY a.published DESC, a.ingested_at DESC, a.id
SKIP $skip LIMIT $limit
"""

# $since, $until, $source -> how many articles MATCH_ARTICLES pages through.
COUNT_ARTICLES = """
MATCH (a:Article)
WHERE ($since IS NULL OR a.published >= $since) AND ($until IS NULL OR a.published <= $until)
  AND ($source IS NULL OR a.source = $source)
RETURN count(a) AS total
"""

# $ids -> each article with its text, the entities it mentions (with spans, in the order of their first
# mention: the order stored edges come back in differs between two stores of one graph) and its claims.
MATCH_ARTICLE_DETAILS = """
UNWIND $ids AS id
MATCH (a:Article {id: id})
CALL (a) {
    OPTIONAL MATCH (a)-[m:MENTIONS]->(e:Entity)
    WITH m, e ORDER BY m.spans[0], e.id
    RETURN collect(e {.id, .name, .kind, spans: m.spans}) AS entities
}
CALL (a) {
    OPTIONAL MATCH (c:Claim)-[:REPORTED_IN]->(a)
    OPTIONAL MATCH (c)-[:SUBJECT]->(s:Entity)
    OPTIONAL MATCH (c)-[:OBJECT]->(o:Entity)
    WITH c, s, o ORDER BY c.start, c.type
    RETURN collect(c {.*, created_at: toString(c.created_at), subject: s {.id, .name, .kind},
                      object: o {.id, .name, .kind}}) AS claims
}
RETURN a {.*, ingested_at: toString(a.ingested_at)} AS article, entities, claims
"""

