"""Taking claims away: retracting articles and merging entities, then recomputing the edges touched.

Both remove claims, so edges are recomputed from the claims left (REFRESH_RELATIONS), where ingest
only adds to them (`graph.cypher.ingest`); the day tallies of the claims taken away or moved are changed
by the same amounts (`graph.tallies`).
"""

# Retracting articles (`graph.write.delete_articles`, and a new text at a stored URL).

# $ids: article ids -> {claims, entity_ids} touched; deletes the articles and their claims. `claims` holds
# each deleted claim's {type, subject_id, object_id, article_id, day} (`graph.tallies.ClaimFacts`).
DELETE_ARTICLES = """
UNWIND $ids AS id
MATCH (a:Article {id: id})
OPTIONAL MATCH (a)-[:MENTIONS]->(e:Entity)
WITH a, collect(DISTINCT e.id) AS entity_ids
OPTIONAL MATCH (c:Claim)-[:REPORTED_IN]->(a)
WITH a, entity_ids, collect(c) AS claims
WITH a, entity_ids, claims,
     [c IN claims | {type: c.type, subject_id: c.subject_id, object_id: c.object_id, article_id: a.id,
                     day: coalesce(c.date, c.published)}] AS facts
FOREACH (c IN claims | DETACH DELETE c)
DETACH DELETE a
RETURN facts AS claims, entity_ids
"""

# $ids: entity ids -> removed ids; deletes those no claim and no article points at any more.
DELETE_ORPHAN_ENTITIES = """
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WHERE NOT (e)<-[:SUBJECT|OBJECT]-(:Claim) AND NOT (e)<-[:MENTIONS]-(:Article)
DETACH DELETE e
RETURN id
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

# Merging one entity into another (`graph.curate`).

# $keep, $merge: entity ids -> their name, kind, aliases and properties. Setting and removing a
# property takes both write locks, held until the transaction ends, so no ingest adds a claim to
# either entity while the merge runs; nothing is left on the nodes.
LOCK_ENTITIES_FOR_MERGE = """
MATCH (keep:Entity {id: $keep}), (gone:Entity {id: $merge})
SET keep._lock = true, gone._lock = true
REMOVE keep._lock, gone._lock
RETURN keep {.name, .kind, .aliases} AS keep, properties(keep) AS keep_properties,
       gone {.name, .kind, .aliases} AS gone, properties(gone) AS gone_properties
"""

# $id -> every claim with the entity as subject or object: {id, type, subject_id, object_id,
# article_id, confidence, day} (day: the claim's date, else its article's).
MATCH_CLAIMS_OF_ENTITY = """
MATCH (c:Claim)-[:SUBJECT|OBJECT]->(:Entity {id: $id})
RETURN DISTINCT c.id AS id, c.type AS type, c.subject_id AS subject_id, c.object_id AS object_id,
       c.article_id AS article_id, c.confidence AS confidence, coalesce(c.date, c.published) AS day
"""

# $rows: [{type, subject_id, object_id, article_id}] -> the claims stating those facts in those
# articles, in the same shape as MATCH_CLAIMS_OF_ENTITY.
MATCH_CLAIMS_IN_ARTICLES = """
UNWIND $rows AS row
MATCH (c:Claim {type: row.type, subject_id: row.subject_id, object_id: row.object_id})
WHERE c.article_id = row.article_id
RETURN DISTINCT c.id AS id, c.type AS type, c.subject_id AS subject_id, c.object_id AS object_id,
       c.article_id AS article_id, c.confidence AS confidence, coalesce(c.date, c.published) AS day
"""

# $ids: claim ids -> nothing; deletes those claims and their edges.
DELETE_CLAIMS = "UNWIND $ids AS id MATCH (c:Claim {id: id}) DETACH DELETE c"

# $rows: [{id, subject_id, object_id}] -> nothing; gives each claim new subject and object ids and
# re-creates its SUBJECT and OBJECT edges to match.
REPOINT_CLAIMS = """
UNWIND $rows AS row
MATCH (c:Claim {id: row.id})
MATCH (s:Entity {id: row.subject_id}), (o:Entity {id: row.object_id})
CALL (c) {
    MATCH (c)-[old:SUBJECT|OBJECT]->()
    DELETE old
}
SET c.subject_id = row.subject_id, c.object_id = row.object_id
CREATE (c)-[:SUBJECT]->(s), (c)-[:OBJECT]->(o)
"""

# $keep, $merge: entity ids -> nothing; the articles that mention `merge` now mention `keep`, with
# the spans of both when an article named both.
MOVE_MENTIONS = """
MATCH (gone:Entity {id: $merge})<-[m:MENTIONS]-(a:Article)
MATCH (keep:Entity {id: $keep})
MERGE (a)-[k:MENTIONS]->(keep)
SET k.spans = coalesce(k.spans, []) + m.spans
DELETE m
"""

# $keep, $merge: entity ids, $aliases: the united aliases, $properties: facts `keep` lacks -> nothing;
# `keep` takes the aliases and properties, `merge` is deleted with the aggregated edges it still has.
ABSORB_ENTITY = """
MATCH (keep:Entity {id: $keep}), (gone:Entity {id: $merge})
SET keep += $properties, keep.aliases = $aliases
SET keep.alias_text = reduce(acc = '', x IN keep.aliases | acc + ' ' + x)
DETACH DELETE gone
"""

# $old, $target: entity ids, $name: the old canonical name -> nothing; records that `old` now means
# `target`, and re-points earlier redirects to `old`, so chains of merges resolve in one lookup.
REDIRECT_ENTITY = """
OPTIONAL MATCH (earlier:Redirect {target: $old})
SET earlier.target = $target
WITH count(earlier) AS repointed
MERGE (r:Redirect {id: $old})
SET r.target = $target, r.name = $name, r.redirected_at = datetime()
"""
