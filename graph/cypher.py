"""Every Cypher query racegraph runs. Values always go in as parameters.

Relationship types and kind labels that vary per row use Neo4j 5.26's dynamic
`$(expr)` syntax, so they are parameters too and never formatted into a string.
"""

# --- migrations -----------------------------------------------------------

# -> version of every applied migration.
MATCH_APPLIED_MIGRATIONS = "MATCH (m:Migration) RETURN m.version AS version ORDER BY version"

# $version, $name: record that a migration ran.
MERGE_MIGRATION = """
MERGE (m:Migration {version: $version})
ON CREATE SET m.name = $name, m.applied_at = datetime()
"""

# --- ingest: one batch of whole articles per transaction -------------------

# $shas: text hashes -> those already stored.
MATCH_STORED_SHAS = """
UNWIND $shas AS sha
MATCH (a:Article {sha256: sha})
RETURN DISTINCT sha
"""

# $rows: [{url, sha256}] -> ids of stored articles at the same URL with other text (to replace).
MATCH_REPLACED_ARTICLES = """
UNWIND $rows AS row
MATCH (a:Article {url: row.url})
WHERE a.sha256 <> row.sha256
RETURN DISTINCT a.id AS id
"""

# $ids: entity ids -> {old, new} for ids merged away by curation.
MATCH_REDIRECTS = """
UNWIND $ids AS id
MATCH (r:Redirect {id: id})
RETURN r.id AS old, r.target AS new
"""

# $rows: ArticleRow dicts -> nothing; creates or refreshes article nodes.
MERGE_ARTICLES = """
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
ON CREATE SET a.ingested_at = datetime()
SET a.sha256 = row.sha256, a.external_id = row.external_id, a.url = row.url, a.title = row.title,
    a.source = row.source, a.published = row.published, a.text = row.text
"""

# $rows: EntityRow dicts -> nothing; creates entities with their kind label, unites aliases.
MERGE_ENTITIES = """
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
ON CREATE SET e.name = row.name, e.kind = row.kind, e.created_at = datetime()
SET e:$(row.kind), e += row.properties,
    e.aliases = reduce(acc = coalesce(e.aliases, []), x IN row.aliases |
                       CASE WHEN x IN acc OR x = e.name THEN acc ELSE acc + x END)
SET e.alias_text = reduce(acc = '', x IN e.aliases | acc + ' ' + x)
"""

# $rows: [{article_id, entity_id, spans}] -> nothing; where each entity is named in each article.
MERGE_MENTIONS = """
UNWIND $rows AS row
MATCH (a:Article {id: row.article_id}), (e:Entity {id: row.entity_id})
MERGE (a)-[m:MENTIONS]->(e)
SET m.spans = row.spans
"""

# $rows: ClaimRow dicts with article_id -> nothing; one Claim node per fact per article.
MERGE_CLAIMS = """
UNWIND $rows AS row
MATCH (a:Article {id: row.article_id})
MATCH (s:Entity {id: row.subject_id}), (o:Entity {id: row.object_id})
MERGE (c:Claim {id: row.id})
SET c.type = row.type, c.subject_id = row.subject_id, c.object_id = row.object_id, c.date = row.date,
    c.confidence = row.confidence, c.hedged = row.hedged, c.item = row.item, c.evidence = row.evidence,
    c.start = row.start, c.end = row.end, c.extractor_version = row.extractor_version,
    c.article_id = a.id, c.published = a.published
MERGE (c)-[:SUBJECT]->(s)
MERGE (c)-[:OBJECT]->(o)
MERGE (c)-[:REPORTED_IN]->(a)
"""

# $pairs: [{type, subject_id, object_id}] -> nothing; recomputes the typed entity-to-entity edge
# from its claims (count, distinct articles, first/last date, combined confidence), deleting it
# when no claim is left.
REFRESH_RELATIONS = """
UNWIND $pairs AS p
MATCH (s:Entity {id: p.subject_id}), (o:Entity {id: p.object_id})
OPTIONAL MATCH (c:Claim {type: p.type, subject_id: p.subject_id, object_id: p.object_id})
WITH s, o, p, collect(c) AS claims
WITH s, o, p, claims, [c IN claims | coalesce(c.date, c.published)] AS dates
CALL (s, o, p, claims, dates) {
    WITH s, o, p, claims, dates WHERE size(claims) > 0
    MERGE (s)-[r:$(p.type)]->(o)
    SET r.claims = size(claims),
        r.articles = size(reduce(acc = [], c IN claims |
                          CASE WHEN c.article_id IN acc THEN acc ELSE acc + c.article_id END)),
        r.first_seen = reduce(m = null, d IN dates | CASE WHEN m IS NULL OR d < m THEN d ELSE m END),
        r.last_seen = reduce(m = null, d IN dates | CASE WHEN m IS NULL OR d > m THEN d ELSE m END),
        r.confidence = 1.0 - reduce(q = 1.0, c IN claims | q * (1.0 - c.confidence)),
        r.hedged = all(c IN claims WHERE c.hedged)
}
CALL (s, o, p, claims) {
    WITH s, o, p, claims WHERE size(claims) = 0
    MATCH (s)-[r:$(p.type)]->(o)
    DELETE r
}
"""

# --- retraction and curation ----------------------------------------------

# $ids: article ids -> {pairs, entity_ids} touched; deletes the articles and their claims.
DELETE_ARTICLES = """
UNWIND $ids AS id
MATCH (a:Article {id: id})
OPTIONAL MATCH (a)-[:MENTIONS]->(e:Entity)
WITH a, collect(DISTINCT e.id) AS entity_ids
OPTIONAL MATCH (c:Claim)-[:REPORTED_IN]->(a)
WITH a, entity_ids, collect(c) AS claims
WITH a, entity_ids, claims,
     [c IN claims | {type: c.type, subject_id: c.subject_id, object_id: c.object_id}] AS pairs
FOREACH (c IN claims | DETACH DELETE c)
DETACH DELETE a
RETURN pairs, entity_ids
"""

# $ids: entity ids -> removed ids; deletes those no claim and no article points at any more.
DELETE_ORPHAN_ENTITIES = """
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WHERE NOT (e)<-[:SUBJECT|OBJECT]-(:Claim) AND NOT (e)<-[:MENTIONS]-(:Article)
DETACH DELETE e
RETURN id
"""

# --- reads ----------------------------------------------------------------

# $id -> the entity's properties, or no row.
MATCH_ENTITY = "MATCH (e:Entity {id: $id}) RETURN e {.*} AS entity"

# $name -> the entity with that canonical name (exact first, then any case), or no row.
MATCH_ENTITY_BY_NAME = """
MATCH (e:Entity)
WHERE e.name = $name OR toLower(e.name) = toLower($name)
RETURN e {.*} AS entity
ORDER BY CASE WHEN e.name = $name THEN 0 ELSE 1 END, e.id
LIMIT 1
"""

# $ids -> one row per stored entity among the ids.
MATCH_ENTITIES_BY_ID = "UNWIND $ids AS id MATCH (e:Entity {id: id}) RETURN e {.*} AS entity"

# $query (Lucene, already escaped), $limit -> entities ranked by full-text score.
SEARCH_ENTITIES = """
CALL db.index.fulltext.queryNodes('entity_names', $query) YIELD node, score
RETURN node {.*} AS entity, score
ORDER BY score DESC, node.name
LIMIT $limit
"""

# $limit -> entities by name, when there is no search string.
MATCH_ENTITIES_BY_NAME = "MATCH (e:Entity) RETURN e {.*} AS entity ORDER BY e.name LIMIT $limit"

# $type (or null), $entity (id or null), $limit -> aggregated edges with their endpoints.
MATCH_RELATIONS = """
MATCH (s:Entity)-[r]->(o:Entity)
WHERE ($type IS NULL OR type(r) = $type)
  AND ($entity IS NULL OR s.id = $entity OR o.id = $entity)
RETURN type(r) AS type, s {.id, .name, .kind} AS subject, o {.id, .name, .kind} AS object, r {.*} AS stats
ORDER BY r.claims DESC, s.name, o.name
LIMIT $limit
"""

# $pairs: [{type, subject_id, object_id}] -> claims behind each edge, with their article.
MATCH_CLAIMS_FOR_PAIRS = """
UNWIND $pairs AS p
MATCH (c:Claim {type: p.type, subject_id: p.subject_id, object_id: p.object_id})-[:REPORTED_IN]->(a:Article)
RETURN p AS pair, c {.*} AS claim, a {.id, .title, .url, .source, .published} AS article
ORDER BY c.date DESC, c.id
"""

# $frontier: entity ids, $types, $min_claims, $since, $until (dates or null), $per_node ->
# for each frontier entity its strongest edges within the filters, with the entity across each.
EXPAND_FRONTIER = """
UNWIND $frontier AS id
MATCH (a:Entity {id: id})-[r]-(b:Entity)
WHERE type(r) IN $types AND r.claims >= $min_claims
  AND ($since IS NULL OR r.last_seen >= $since)
  AND ($until IS NULL OR r.first_seen <= $until)
WITH a, r, b ORDER BY r.claims DESC, r.confidence DESC, b.id
WITH a, collect({r: r, b: b})[..$per_node] AS hits
UNWIND hits AS hit
WITH hit.r AS r, hit.b AS b
RETURN type(r) AS type, startNode(r).id AS source, endNode(r).id AS target, r {.*} AS stats,
       b {.id, .name, .kind} AS node
"""

# $limit -> the most recently ingested articles, without their text.
MATCH_ARTICLES = """
MATCH (a:Article)
RETURN a {.id, .external_id, .title, .url, .source, .published, ingested_at: toString(a.ingested_at)} AS article
ORDER BY a.ingested_at DESC, a.id
LIMIT $limit
"""

# $id -> the article with its text, the entities it mentions (with spans) and its claims; no row if absent.
MATCH_ARTICLE_DETAIL = """
MATCH (a:Article {id: $id})
CALL (a) {
    OPTIONAL MATCH (a)-[m:MENTIONS]->(e:Entity)
    RETURN collect(e {.id, .name, .kind, spans: m.spans}) AS entities
}
CALL (a) {
    OPTIONAL MATCH (c:Claim)-[:REPORTED_IN]->(a)
    OPTIONAL MATCH (c)-[:SUBJECT]->(s:Entity)
    OPTIONAL MATCH (c)-[:OBJECT]->(o:Entity)
    WITH c, s, o ORDER BY c.start, c.type
    RETURN collect(c {.*, subject: s {.id, .name, .kind}, object: o {.id, .name, .kind}}) AS claims
}
RETURN a {.*, ingested_at: toString(a.ingested_at)} AS article, entities, claims
"""

# -> node and edge counts, for the CLI and tests.
COUNT_GRAPH = """
CALL () { MATCH (a:Article) RETURN count(a) AS articles }
CALL () { MATCH (e:Entity) RETURN count(e) AS entities }
CALL () { MATCH (c:Claim) RETURN count(c) AS claims }
CALL () { MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS relations }
RETURN articles, entities, claims, relations
"""

# -> 1 when the database answers.
PING = "RETURN 1 AS ok"
