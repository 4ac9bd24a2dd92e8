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
SET e.alias_text = reduce(acc = '', x IN e.aliases | acc + ' ' + x), e.name_key = toLower(e.name)
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
    c.article_id = a.id, c.published = a.published, c.source = a.source,
    c.created_at = coalesce(c.created_at, datetime())
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
MATCH_ENTITY = "MATCH (e:Entity {id: $id}) RETURN e {.*, created_at: toString(e.created_at)} AS entity"

# $name -> the entity with that canonical name (exact first, then any case), or no row.
MATCH_ENTITY_BY_NAME = """
MATCH (e:Entity {name_key: toLower($name)})
RETURN e {.*, created_at: toString(e.created_at)} AS entity
ORDER BY CASE WHEN e.name = $name THEN 0 ELSE 1 END, e.id
LIMIT 1
"""

# $ids -> one row per stored entity among the ids.
MATCH_ENTITIES_BY_ID = "UNWIND $ids AS id MATCH (e:Entity {id: id}) RETURN e {.*, created_at: toString(e.created_at)} AS entity"

# $query (Lucene, already escaped), $kinds (or null), $skip, $limit -> entities ranked by full-text score.
SEARCH_ENTITIES = """
CALL db.index.fulltext.queryNodes('entity_names', $query) YIELD node, score
WHERE $kinds IS NULL OR node.kind IN $kinds
RETURN node {.*, created_at: toString(node.created_at)} AS entity, score
ORDER BY score DESC, node.name, node.id
SKIP $skip LIMIT $limit
"""

# $query, $kinds -> how many entities SEARCH_ENTITIES would page through.
COUNT_SEARCH_ENTITIES = """
CALL db.index.fulltext.queryNodes('entity_names', $query) YIELD node
WHERE $kinds IS NULL OR node.kind IN $kinds
RETURN count(node) AS total
"""

# $kinds (or null), $skip, $limit -> entities by name, when there is no search string.
MATCH_ENTITIES_BY_NAME = """
MATCH (e:Entity)
WHERE $kinds IS NULL OR e.kind IN $kinds
RETURN e {.*, created_at: toString(e.created_at)} AS entity
ORDER BY e.name, e.id
SKIP $skip LIMIT $limit
"""

# $kinds -> how many entities MATCH_ENTITIES_BY_NAME pages through.
COUNT_ENTITIES = "MATCH (e:Entity) WHERE $kinds IS NULL OR e.kind IN $kinds RETURN count(e) AS total"

# The aggregated entity-to-entity types, spelled out so expansions never walk claim or mention edges.
AGGREGATED_TYPES = "ANNOUNCED|RESTRICTED|MET_WITH|ALLIED_WITH|AFFILIATED_WITH"

# Relation filter over r (from s to o): $types, $subject, $object, $symmetric, $min_confidence,
# $include_hedged, $since, $until, $source.
_RELATION_FILTER = """
WHERE type(r) IN $types
  AND ($subject IS NULL OR s.id = $subject OR (type(r) IN $symmetric AND o.id = $subject))
  AND ($object IS NULL OR o.id = $object OR (type(r) IN $symmetric AND s.id = $object))
  AND r.confidence >= $min_confidence
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

# $ids, $types, $limit -> for each entity, its `limit` strongest edges of those types.
MATCH_RELATIONS_OF_ENTITIES = (
    "UNWIND $ids AS id\nMATCH (:Entity {id: id})-[r:" + AGGREGATED_TYPES + "]-(:Entity)\n"
    + """WHERE type(r) IN $types
WITH id, r ORDER BY r.claims DESC, r.confidence DESC
WITH id, collect(r)[..$limit] AS rels
UNWIND rels AS r
WITH id, r, startNode(r) AS s, endNode(r) AS o
RETURN id, type(r) AS type, s {.id, .name, .kind} AS subject, o {.id, .name, .kind} AS object, r {.*} AS stats
"""
)

# $from, $to, $types, $since, $until, $max_hops (<= 6), $limit -> the shortest paths as lists of hops.
MATCH_SHORTEST_PATHS = (
    "MATCH (a:Entity {id: $from}), (b:Entity {id: $to})\n"
    "MATCH p = allShortestPaths((a)-[:" + AGGREGATED_TYPES + "*..6]-(b))\n"
    + """WHERE length(p) <= $max_hops
  AND all(r IN relationships(p) WHERE type(r) IN $types
          AND ($since IS NULL OR r.last_seen >= $since) AND ($until IS NULL OR r.first_seen <= $until))
RETURN [r IN relationships(p) | {type: type(r), subject: startNode(r) {.id, .name, .kind},
                                  object: endNode(r) {.id, .name, .kind}, stats: r {.*}}] AS hops
LIMIT $limit
"""
)

# $id, $types, $since, $until, $skip, $limit -> the entity's claims in date order, with both ends and article.
MATCH_TIMELINE = """
MATCH (:Entity {id: $id})<-[:SUBJECT|OBJECT]-(c:Claim)
WITH DISTINCT c
WHERE c.type IN $types
  AND ($since IS NULL OR coalesce(c.date, c.published) >= $since)
  AND ($until IS NULL OR coalesce(c.date, c.published) <= $until)
MATCH (c)-[:SUBJECT]->(s:Entity), (c)-[:OBJECT]->(o:Entity), (c)-[:REPORTED_IN]->(a:Article)
RETURN c {.*, created_at: toString(c.created_at), subject: s {.id, .name, .kind}, object: o {.id, .name, .kind},
          article: a {.id, .title, .url, .source, .published}} AS claim
ORDER BY coalesce(c.date, c.published), c.id
SKIP $skip LIMIT $limit
"""

# Claim filter over c: $types, $subject, $object, $entity, $symmetric, $min_confidence, $include_hedged,
# $since, $until, $source.
_CLAIM_FILTER = """
MATCH (c:Claim)
WHERE c.type IN $types
  AND ($subject IS NULL OR c.subject_id = $subject OR (c.type IN $symmetric AND c.object_id = $subject))
  AND ($object IS NULL OR c.object_id = $object OR (c.type IN $symmetric AND c.subject_id = $object))
  AND ($entity IS NULL OR c.subject_id = $entity OR c.object_id = $entity)
  AND c.confidence >= $min_confidence
  AND ($include_hedged OR NOT c.hedged)
  AND ($since IS NULL OR coalesce(c.date, c.published) >= $since)
  AND ($until IS NULL OR coalesce(c.date, c.published) <= $until)
  AND ($source IS NULL OR c.source = $source)
"""

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

# -> the current database time, the starting point of a claim subscription.
RETURN_NOW = "RETURN toString(datetime()) AS now"

# $pairs: [{type, subject_id, object_id}] -> claims behind each edge# $pairs: [{type, subject_id, object_id}] -> claims behind each edge, with their article.
MATCH_CLAIMS_FOR_PAIRS = """
UNWIND $pairs AS p
MATCH (c:Claim {type: p.type, subject_id: p.subject_id, object_id: p.object_id})-[:REPORTED_IN]->(a:Article)
RETURN p AS pair, c {.*, created_at: toString(c.created_at)} AS claim, a {.id, .title, .url, .source, .published} AS article
ORDER BY c.date DESC, c.id
"""

# $frontier: entity ids, $types, $min_claims, $since, $until (dates or null), $per_node ->
# for each frontier entity its strongest edges within the filters, with the entity across each.
EXPAND_FRONTIER = (
    "UNWIND $frontier AS id\nMATCH (a:Entity {id: id})-[r:" + AGGREGATED_TYPES + "]-(b:Entity)\n"
    + """WHERE type(r) IN $types AND r.claims >= $min_claims
  AND ($since IS NULL OR r.last_seen >= $since)
  AND ($until IS NULL OR r.first_seen <= $until)
WITH a, r, b ORDER BY r.claims DESC, r.confidence DESC, b.id
WITH a, collect({r: r, b: b})[..$per_node] AS hits
UNWIND hits AS hit
WITH hit.r AS r, hit.b AS b
RETURN type(r) AS type, startNode(r).id AS source, endNode(r).id AS target, r {.*} AS stats,
       b {.id, .name, .kind} AS node
"""
)

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

# $ids -> each article with its text, the entities it mentions (with spans) and its claims.
MATCH_ARTICLE_DETAILS = """
UNWIND $ids AS id
MATCH (a:Article {id: id})
CALL (a) {
    OPTIONAL MATCH (a)-[m:MENTIONS]->(e:Entity)
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

# -> node and edge counts, for the CLI and tests.
COUNT_GRAPH = """
CALL () { MATCH (a:Article) RETURN count(a) AS articles }
CALL () { MATCH (e:Entity) RETURN count(e) AS entities }
CALL () { MATCH (c:Claim) RETURN count(c) AS claims }
CALL () { MATCH (:Entity)-[r:ANNOUNCED|RESTRICTED|MET_WITH|ALLIED_WITH|AFFILIATED_WITH]->(:Entity) RETURN count(r) AS relations }
RETURN articles, entities, claims, relations
"""

# -> entity counts by kind.
COUNT_ENTITIES_BY_KIND = "MATCH (e:Entity) RETURN e.kind AS key, count(e) AS count ORDER BY count DESC, key"

# -> aggregated edge counts by type.
COUNT_RELATIONS_BY_TYPE = (
    "MATCH (:Entity)-[r:" + AGGREGATED_TYPES + "]->(:Entity) RETURN type(r) AS key, count(r) AS count "
    "ORDER BY count DESC, key"
)

# -> 1 when the database answers.
PING = "RETURN 1 AS ok"

# --- API keys ----------------------------------------------------------------

# $id, $name, $role, $hash -> nothing; stores a key by its hash only.
CREATE_API_KEY = """
CREATE (k:ApiKey {id: $id, name: $name, role: $role, hash: $hash, created_at: datetime(), revoked: false})
"""

# $hash -> the active key with that hash, or no row.
MATCH_API_KEY_BY_HASH = "MATCH (k:ApiKey {hash: $hash}) WHERE NOT k.revoked RETURN k {.id, .name, .role} AS key"

# -> every key (never the hash), newest first.
MATCH_API_KEYS = """
MATCH (k:ApiKey)
RETURN k {.id, .name, .role, .revoked, created_at: toString(k.created_at)} AS key
ORDER BY k.created_at DESC
"""

# $id -> the id of the key revoked now, or no row.
REVOKE_API_KEY = "MATCH (k:ApiKey {id: $id}) WHERE NOT k.revoked SET k.revoked = true RETURN k.id AS id"

# -> how many keys are active.
COUNT_ACTIVE_API_KEYS = "MATCH (k:ApiKey) WHERE NOT k.revoked RETURN count(k) AS total"
