"""Ingest: one batch of whole new articles per transaction, and what their claims add to the edges."""

from graph.cypher.template import QueryTemplate
from nlp.records import RelType

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

# Only articles whose text is not stored reach the CREATE queries below, and their ids (and their
# claims' ids) derive from that text, so they are new: creating skips the lookups a MERGE makes (the
# uniqueness constraints still refuse a repeat).
#
# The queries after CREATE_ARTICLES and MERGE_ENTITIES find those nodes again by the element ids these two
# return ($articles and $entities: maps from our id to element id), not by our ids: in a writing query a
# lookup by a uniquely constrained id is a locking seek (a lock, a fresh index reader and a descent of the
# index's tree comparing text keys), and a batch of 200 articles made about 11,500 of them, a quarter of
# Neo4j's time in the transaction (a JFR profile of bench.write_speed). An element id seek reads the node's
# record directly.

# $rows: ArticleRow dicts -> one row: `ids` (the rows' ids) and `nodes` (their element ids, in the same order);
# creates the article nodes.
CREATE_ARTICLES = """
UNWIND $rows AS row
CREATE (a:Article {id: row.id, sha256: row.sha256, external_id: row.external_id, url: row.url, title: row.title,
                   source: row.source, published: row.published, text: row.text, ingested_at: datetime()})
RETURN collect(row.id) AS ids, collect(elementId(a)) AS nodes
"""

# $rows: EntityRow dicts -> one row, `ids` and `nodes` (element ids) as CREATE_ARTICLES; creates entities with
# their kind label, adds new aliases and changed properties to known ones. Writing only what changed keeps the
# full-text index and the locks of the busiest entities out of most batches.
MERGE_ENTITIES = """
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
ON CREATE SET e:$(row.kind), e.name = row.name, e.kind = row.kind, e.name_key = toLower(row.name),
              e.created_at = datetime()
WITH e, row, reduce(acc = [], x IN row.aliases | CASE WHEN x IN acc OR x IN coalesce(e.aliases, []) OR x = e.name
                                                 THEN acc ELSE acc + x END) AS added,
     [key IN keys(row.properties) WHERE e[key] IS NULL OR e[key] <> row.properties[key]] AS changed
CALL (e, added) {
    WITH e, added WHERE size(added) > 0 OR e.aliases IS NULL
    SET e.aliases = coalesce(e.aliases, []) + added
    SET e.alias_text = reduce(acc = '', x IN e.aliases | acc + ' ' + x)
}
CALL (e, row, changed) {
    WITH e, row WHERE size(changed) > 0
    SET e += row.properties
}
RETURN collect(row.id) AS ids, collect(elementId(e)) AS nodes
"""

# $rows: [{article_id, entity_id, spans}], $articles, $entities -> nothing; where each entity is named in each
# new article.
CREATE_MENTIONS = """
UNWIND $rows AS row
MATCH (a:Article) WHERE elementId(a) = $articles[row.article_id]
MATCH (e:Entity) WHERE elementId(e) = $entities[row.entity_id]
CREATE (a)-[:MENTIONS {spans: row.spans}]->(e)
"""

# $rows: ClaimRow dicts with article_id, $articles, $entities -> nothing; one Claim node per fact per new article.
CREATE_CLAIMS = """
UNWIND $rows AS row
MATCH (a:Article) WHERE elementId(a) = $articles[row.article_id]
MATCH (s:Entity) WHERE elementId(s) = $entities[row.subject_id]
MATCH (o:Entity) WHERE elementId(o) = $entities[row.object_id]
CREATE (c:Claim {id: row.id, type: row.type, subject_id: row.subject_id, object_id: row.object_id, date: row.date,
                 confidence: row.confidence, hedged: row.hedged, item: row.item, evidence: row.evidence,
                 start: row.start, end: row.end, extractor_version: row.extractor_version,
                 article_id: a.id, published: a.published, source: a.source, created_at: datetime()})
CREATE (c)-[:SUBJECT]->(s), (c)-[:OBJECT]->(o), (c)-[:REPORTED_IN]->(a)
"""

# Incremental aggregates. `write_batch_tx` writes only articles whose text is not stored, so all their
# claims are new and can be added to the aggregated edges without reading the claims already there
# (REFRESH_RELATIONS reads every claim of a pair, a cost that grows with the graph). Retraction and
# curation, which remove claims, still recompute with REFRESH_RELATIONS.
#
# The type is written into the pattern, not given as $(row.type): MERGE then reads only the pair's edges
# of that type, where a dynamic type walks every relationship of the smaller end, claims and mentions
# included (about 80 per row on a grown graph). One branch per type, each reading only its own type's rows
# (a branch that filtered every row would pass all the rows through all the branches), in one query: five
# queries, each returning a record per edge, cost about as much again on the way as in Neo4j.
_ADD_CLAIMS_TO_RELATION = QueryTemplate("""UNWIND $rows.@rel_type AS row
MATCH (s:Entity) WHERE elementId(s) = $entities[row.subject_id]
MATCH (o:Entity) WHERE elementId(o) = $entities[row.object_id]
MERGE (s)-[r:@rel_type]->(o)
ON CREATE SET r.claims = 0, r.articles = 0, r.confidence = 0.0, r.hedged = true
SET r.claims = r.claims + row.claims,
    r.articles = r.articles + row.articles,
    r.first_seen = CASE WHEN r.first_seen IS NULL OR row.first_seen < r.first_seen
                        THEN row.first_seen ELSE r.first_seen END,
    r.last_seen = CASE WHEN r.last_seen IS NULL OR row.last_seen > r.last_seen
                       THEN row.last_seen ELSE r.last_seen END,
    r.confidence = 1.0 - (1.0 - r.confidence) * row.doubt,
    r.hedged = r.hedged AND row.hedged
RETURN [row.type, row.subject_id, row.object_id, elementId(r), r.claims, r.confidence] AS edge""")

# $rows: {type: [{type, subject_id, object_id, claims, articles, first_seen, last_seen, doubt, hedged}]}, the new
# claims of each pair summed up (doubt = product of 1 - confidence), a type with no rows left out; $entities
# -> one row, `edges`: [type, subject_id, object_id, rel (element id), claims, confidence] per edge; adds the
# claims to the typed entity-to-entity edges, creating them, with the same figures REFRESH_RELATIONS computes.
# The types in name order, each type's rows sorted: the lock order.
ADD_CLAIMS_TO_RELATIONS = (
    "CALL () {\n"
    + "\nUNION ALL\n".join(_ADD_CLAIMS_TO_RELATION.substitute(rel_type=t) for t in sorted(RelType))
    + "\n}\nRETURN collect(edge) AS edges"
)
