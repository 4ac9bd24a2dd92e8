"""Every Cypher query racegraph runs. Values always go in as parameters.

Relationship types and kind labels that vary per row use Neo4j 5.26's dynamic
`$(expr)` syntax, so they are parameters too. The only names written into query text are
relation types from `RelType` (never from input), where a pattern that names its types lets
Neo4j read only the edges of those types.
"""

from itertools import combinations

from nlp.records import RelType

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

# Only articles whose text is not stored reach the CREATE queries below, and their ids (and their
# claims' ids) derive from that text, so they are new: creating skips the lookups a MERGE makes (the
# uniqueness constraints still refuse a repeat).

# $rows: ArticleRow dicts -> nothing; creates the article nodes.
CREATE_ARTICLES = """
UNWIND $rows AS row
CREATE (a:Article {id: row.id, sha256: row.sha256, external_id: row.external_id, url: row.url, title: row.title,
                   source: row.source, published: row.published, text: row.text, ingested_at: datetime()})
"""

# $rows: EntityRow dicts -> nothing; creates entities with their kind label, adds new aliases and
# changed properties to known ones. Writing only what changed keeps the full-text index and the locks
# of the busiest entities out of most batches.
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
"""

# $rows: [{article_id, entity_id, spans}] -> nothing; where each entity is named in each new article.
CREATE_MENTIONS = """
UNWIND $rows AS row
MATCH (a:Article {id: row.article_id}), (e:Entity {id: row.entity_id})
CREATE (a)-[:MENTIONS {spans: row.spans}]->(e)
"""

# $rows: ClaimRow dicts with article_id -> nothing; one Claim node per fact per new article.
CREATE_CLAIMS = """
UNWIND $rows AS row
MATCH (a:Article {id: row.article_id})
MATCH (s:Entity {id: row.subject_id}), (o:Entity {id: row.object_id})
CREATE (c:Claim {id: row.id, type: row.type, subject_id: row.subject_id, object_id: row.object_id, date: row.date,
                 confidence: row.confidence, hedged: row.hedged, item: row.item, evidence: row.evidence,
                 start: row.start, end: row.end, extractor_version: row.extractor_version,
                 article_id: a.id, published: a.published, source: a.source, created_at: datetime()})
CREATE (c)-[:SUBJECT]->(s), (c)-[:OBJECT]->(o), (c)-[:REPORTED_IN]->(a)
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
MATCH_ENTITIES_BY_ID = (
    "UNWIND $ids AS id MATCH (e:Entity {id: id}) RETURN e {.*, created_at: toString(e.created_at)} AS entity"
)

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

# The aggregated entity-to-entity types, named in patterns so expansions never walk claim or mention edges.
AGGREGATED_TYPES = "|".join(t.value for t in RelType)

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

# --- strongest edges ------------------------------------------------------
# Following an entity's strongest edges is the unit of `neighbors`, subgraph expansion and an
# entity's top relations. Ranking them by reading every edge costs about 1 us per edge, and the
# best-connected entities have thousands; so the write path keeps, on a self-loop
# `(e)-[:STRONGEST]->(e)` (deleted with the entity, invisible to entity reads), each entity's $k
# strongest edges of each type, in one strength order, as parallel lists: `rels` (element ids),
# `types`, `claims`, `confidence`, `others` (the far ends' ids); `cut` names the types that had
# more edges than were kept, `size` is $k. Strength order everywhere: claims, then confidence
# (both descending), then the far end's id and the type. An entity gets its list when it has more
# than $k edges in all (and keeps it): reading every edge of a smaller one costs no more than reading
# a list, and most entities a write touches are such small ones.

_SCAN_EDGES = (
    "COLLECT { MATCH (a)-[r:" + AGGREGATED_TYPES + "]-(b:Entity)\n"
    "          RETURN {rel: elementId(r), type: type(r), claims: r.claims, confidence: r.confidence, other: b.id} }"
)

# Keeps the $k strongest of each type from `pool` (a list of edge maps) on a's STRONGEST loop; types
# in `cut` (cut before) stay cut.
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

_NEEDS_LIST = "COUNT { (a)-[:" + AGGREGATED_TYPES + "]-() } > $k"

# $ids: entity ids, $k -> nothing; recomputes the strongest edges of those entities that keep a list
# or now need one, from all their edges (after retraction or curation, which remove edges).
REFRESH_STRONGEST = (
    "UNWIND $ids AS id\nMATCH (a:Entity {id: id})\nOPTIONAL MATCH (a)-[k:STRONGEST]->(a)\n"
    "WITH a WHERE k IS NOT NULL OR " + _NEEDS_LIST + "\n"
    "WITH a, " + _SCAN_EDGES + " AS pool, [] AS cut\n" + _KEEP_STRONGEST
)

# $rows: [{id, rels, edges: [{rel, type, claims, confidence, other}]}], the edges of each entity that
# new claims just strengthened or created, $k -> nothing. Strength only grows when claims are added,
# so the new strongest are among those kept before and those strengthened: the update reads the
# kept lists, not every edge. An entity that needs its first list is ranked from all its edges.
ADD_TO_STRONGEST = (
    "UNWIND $rows AS row\nMATCH (a:Entity {id: row.id})\nOPTIONAL MATCH (a)-[k:STRONGEST]->(a)\n"
    "WITH a, k, row WHERE k IS NOT NULL OR " + _NEEDS_LIST + "\n"
    """CALL (a, k, row) {
    WITH k, row WHERE k IS NOT NULL
    WITH row, k.rels AS rels, k.types AS types, k.claims AS claims, k.confidence AS confidence, k.others AS others,
         k.cut AS cut
    RETURN [j IN range(0, size(rels) - 1) WHERE NOT rels[j] IN row.rels |
            {rel: rels[j], type: types[j], claims: claims[j], confidence: confidence[j], other: others[j]}]
           + row.edges AS pool, cut
  UNION ALL
    WITH a, k WHERE k IS NULL
    RETURN """ + _SCAN_EDGES + """ AS pool, [] AS cut
}
""" + _KEEP_STRONGEST
)


def _strongest_edges(types: tuple[str, ...], wanted: str = "true") -> str:
    # The `$per_node` strongest edges of `a` among `types` within the filters, as rows (r, b, rank), rank
    # ascending; of those, only the ones whose far end's id `far` makes `wanted` true (checked after
    # the cut, so it never changes which edges are the strongest). Three ways, the same answer:
    # - no dates asked and the kept list holds the answer (no asked type was cut, or no more edges are
    #   asked than were kept): the list alone picks the edges, and only the wanted ones are read;
    # - dates asked and no asked type was cut: the listed edges are read to check their dates;
    # - else every edge of the asked types is read; the types are part of the pattern, so a hub's
    #   edges of other types are not.
    listed = "[" + ", ".join(f"'{t}'" for t in types) + "]"
    return (
        "OPTIONAL MATCH (a)-[k:STRONGEST]->(a)\n"
        f"WITH *, coalesce(none(t IN k.cut WHERE t IN {listed})\n"
        "       OR ($since IS NULL AND $until IS NULL AND $per_node <= k.size), false) AS listed\n"
        "CALL (a, k, listed) {\n"
        "    WITH a, k WHERE listed AND $since IS NULL AND $until IS NULL\n"
        # Each list is read once: `k.types[j]` would read the whole list again for every j.
        "    WITH a, k.rels AS rels, k.types AS types, k.claims AS claims, k.others AS others\n"
        f"    UNWIND [j IN range(0, size(rels) - 1) WHERE types[j] IN {listed} AND claims[j] >= $min_claims]"
        "[..$per_node] AS j\n"
        f"    WITH a, j, rels[j] AS rel, others[j] AS far WHERE {wanted}\n"
        """    MATCH ()-[r]->() WHERE elementId(r) = rel
    WITH a, j, r WHERE startNode(r) = a OR endNode(r) = a
    RETURN r, CASE WHEN startNode(r) = a THEN endNode(r) ELSE startNode(r) END AS b, j AS rank
  UNION ALL
    WITH a, k WHERE listed AND ($since IS NOT NULL OR $until IS NOT NULL)
    WITH a, k.rels AS rels, k.types AS types, k.claims AS claims
"""
        "    UNWIND [j IN range(0, size(rels) - 1)\n"
        f"            WHERE types[j] IN {listed} AND claims[j] >= $min_claims] AS j\n"
        """    MATCH ()-[r]->() WHERE elementId(r) = rels[j]
    WITH a, j, r WHERE (startNode(r) = a OR endNode(r) = a)
      AND ($since IS NULL OR r.last_seen >= $since) AND ($until IS NULL OR r.first_seen <= $until)
    WITH a, j, r ORDER BY j LIMIT $per_node
    WITH j, r, CASE WHEN startNode(r) = a THEN endNode(r) ELSE startNode(r) END AS b
"""
        f"    WITH j, r, b, b.id AS far WHERE {wanted}\n"
        """    RETURN r, b, j AS rank
  UNION ALL
    WITH a WHERE NOT listed
"""
        "    MATCH (a)-[r:" + "|".join(types) + "]-(b:Entity)\n"
        + """    WHERE r.claims >= $min_claims
      AND ($since IS NULL OR r.last_seen >= $since) AND ($until IS NULL OR r.first_seen <= $until)
    WITH r, b ORDER BY r.claims DESC, r.confidence DESC, b.id, type(r) LIMIT $per_node
    WITH collect({r: r, b: b}) AS ranked
    UNWIND range(0, size(ranked) - 1) AS rank
"""
        f"    WITH rank, ranked[rank].r AS r, ranked[rank].b AS b, ranked[rank].b.id AS far WHERE {wanted}\n"
        """    RETURN r, b, rank
}
"""
    )


def _by_type_set(make) -> dict[frozenset[str], str]:
    # One ready-written query per set of asked relation types (31 of them).
    names = AGGREGATED_TYPES.split("|")
    return {
        frozenset(types): make(types) for count in range(1, len(names) + 1) for types in combinations(names, count)
    }


# frozenset of types -> query. $ids, $per_node, $min_claims, $since, $until -> for each entity, its
# `per_node` strongest edges of those types within the filters.
MATCH_RELATIONS_OF_ENTITIES = _by_type_set(
    lambda types: "UNWIND $ids AS id\nMATCH (a:Entity {id: id})\n"
    + _strongest_edges(types)
    + """WITH id, r, rank ORDER BY id, rank
WITH id, r, startNode(r) AS s, endNode(r) AS o
RETURN id, type(r) AS type, s {.id, .name, .kind} AS subject, o {.id, .name, .kind} AS object, r {.*} AS stats
"""
)

MAX_PATH_HOPS = 6

_SHORTEST_PATHS_HOPS = """
RETURN [r IN relationships(p) | {type: type(r),
        subject: {id: startNode(r).id, name: startNode(r).name, kind: startNode(r).kind},
        object: {id: endNode(r).id, name: endNode(r).name, kind: endNode(r).kind}, stats: r {.*}}] AS hops
LIMIT $limit
"""
# Checked on each relationship while the search runs, so it never falls back to enumerating paths.
_SHORTEST_PATHS_FILTER = """WHERE all(r IN relationships(p) WHERE type(r) IN $types
          AND ($since IS NULL OR r.last_seen >= $since) AND ($until IS NULL OR r.first_seen <= $until))"""


def _shortest_paths(max_hops: int, filtered: bool) -> str:
    return (
        "MATCH (a:Entity {id: $from}), (b:Entity {id: $to})\n"
        f"MATCH p = allShortestPaths((a)-[:{AGGREGATED_TYPES}*..{max_hops}]-(b))\n"
        + (_SHORTEST_PATHS_FILTER if filtered else "")
        + _SHORTEST_PATHS_HOPS
    )


# (max_hops 1..6, filtered) -> query. $from, $to, $limit, and when filtered $types, $since, $until
# -> the shortest paths as lists of hops. The hop bound is part of the pattern (a `length(p)`
# predicate would make Neo4j enumerate every path when the shortest is longer), and the
# unfiltered form, for every type and no dates, skips a per-relationship predicate.
MATCH_SHORTEST_PATHS = {
    (hops, filtered): _shortest_paths(hops, filtered)
    for hops in range(1, MAX_PATH_HOPS + 1)
    for filtered in (False, True)
}

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

# Claim filter over c: $types, $subject, $object, $entity, $symmetric, $min_confidence, $min_sources
# (of the claim's edge), $include_hedged, $since, $until, $source.
# The edge's types are named in the EXISTS pattern so that it never walks the claim and mention edges.
_CLAIM_FILTER = (
    """
MATCH (c:Claim)
WHERE c.type IN $types
  AND ($subject IS NULL OR c.subject_id = $subject OR (c.type IN $symmetric AND c.object_id = $subject))
  AND ($object IS NULL OR c.object_id = $object OR (c.type IN $symmetric AND c.subject_id = $object))
  AND ($entity IS NULL OR c.subject_id = $entity OR c.object_id = $entity)
  AND c.confidence >= $min_confidence
  AND ($min_sources <= 1 OR EXISTS {
"""
    + "        MATCH (:Entity {id: c.subject_id})-[r:" + AGGREGATED_TYPES + "]->(:Entity {id: c.object_id})\n"
    + """        WHERE type(r) = c.type AND r.articles >= $min_sources })
  AND ($include_hedged OR NOT c.hedged)
  AND ($since IS NULL OR coalesce(c.date, c.published) >= $since)
  AND ($until IS NULL OR coalesce(c.date, c.published) <= $until)
  AND ($source IS NULL OR c.source = $source)
"""
)

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


def _expand_frontier(types: tuple[str, ...]) -> str:
    return (
        "UNWIND range(0, size($frontier) - 1) AS i\nMATCH (a:Entity {id: $frontier[i]})\n"
        # With no room left for new entities, only edges to known ones can be kept.
        + _strongest_edges(types, wanted="($capacity > 0 OR far IN $known)")
        + """WITH i, rank, r, b ORDER BY i, rank
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
"""
    )


# frozenset of relation types -> query. $frontier: entity ids (in expansion order), $known: ids already
# in the subgraph (the frontier included), $capacity: how many new entities may join, $min_claims,
# $since, $until (dates or null), $per_node -> one row: `nodes`, the new entities in the order their
# edges were met (frontier order, strongest edge first; at most $capacity), `truncated`, true when
# more were met than fit, and `edges`, the followed edges whose far end is known or new. Each frontier
# entity follows only its $per_node strongest edges within the filters (its kept strongest edges when
# they hold the answer), and the capping happens here so that only what the subgraph keeps crosses
# the wire.
EXPAND_FRONTIER = _by_type_set(_expand_frontier)

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
CALL () { MATCH (:Entity)-[r:""" + AGGREGATED_TYPES + """]->(:Entity) RETURN count(r) AS relations }
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

# --- the system database: the embedded Neo4j's own user ---------------------

SYSTEM_DATABASE = "system"

# $old, $new: replace the factory password of a store made before the embedded Neo4j had auth on. The
# only statement Neo4j allows a user whose password must change; it runs on the system database.
CHANGE_FACTORY_PASSWORD = "ALTER CURRENT USER SET PASSWORD FROM $old TO $new"

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

# --- ingest: incremental aggregates ---------------------------------------
# `write_batch_tx` writes only articles whose text is not stored, so all their claims are new and
# can be added to the aggregated edges without reading the claims already there (REFRESH_RELATIONS
# reads every claim of a pair, a cost that grows with the graph). Retraction and curation, which
# remove claims, still recompute with REFRESH_RELATIONS.

def _add_claims_to(rel_type: str) -> str:
    # The type is written into the pattern, not given as $(row.type): MERGE then reads only the
    # pair's edges of that type, where a dynamic type walks every relationship of the smaller end,
    # claims and mentions included (about 80 per row on a grown graph). One query per type rather
    # than one query with a branch per type: every row would pass through all the branches.
    return f"""UNWIND $rows AS row
MATCH (s:Entity {{id: row.subject_id}}), (o:Entity {{id: row.object_id}})
MERGE (s)-[r:{rel_type}]->(o)
ON CREATE SET r.claims = 0, r.articles = 0, r.confidence = 0.0, r.hedged = true
SET r.claims = r.claims + row.claims,
    r.articles = r.articles + row.articles,
    r.first_seen = CASE WHEN r.first_seen IS NULL OR row.first_seen < r.first_seen
                        THEN row.first_seen ELSE r.first_seen END,
    r.last_seen = CASE WHEN r.last_seen IS NULL OR row.last_seen > r.last_seen
                       THEN row.last_seen ELSE r.last_seen END,
    r.confidence = 1.0 - (1.0 - r.confidence) * row.doubt,
    r.hedged = r.hedged AND row.hedged
RETURN row.type AS type, row.subject_id AS subject_id, row.object_id AS object_id, elementId(r) AS rel,
       r.claims AS claims, r.confidence AS confidence
"""


# Relation type -> query. $rows: [{type, subject_id, object_id, claims, articles, first_seen, last_seen,
# doubt, hedged}] of that type, the new claims of each pair summed up (doubt = product of 1 - confidence)
# -> each edge's {type, subject_id, object_id, rel (element id), claims, confidence}; adds them to the
# typed entity-to-entity edge, creating it, with the same figures REFRESH_RELATIONS computes.
ADD_CLAIMS_TO_RELATIONS = {t.value: _add_claims_to(t.value) for t in RelType}

# --- bench ----------------------------------------------------------------

# -> nothing, once every index is online (or after 300 s); so a benchmark never times index population.
AWAIT_INDEXES = "CALL db.awaitIndexes(300)"

# --- curation -------------------------------------------------------------

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
# article_id, confidence}.
MATCH_CLAIMS_OF_ENTITY = """
MATCH (c:Claim)-[:SUBJECT|OBJECT]->(:Entity {id: $id})
RETURN DISTINCT c.id AS id, c.type AS type, c.subject_id AS subject_id, c.object_id AS object_id,
       c.article_id AS article_id, c.confidence AS confidence
"""

# $rows: [{type, subject_id, object_id, article_id}] -> the claims stating those facts in those
# articles, in the same shape as MATCH_CLAIMS_OF_ENTITY.
MATCH_CLAIMS_IN_ARTICLES = """
UNWIND $rows AS row
MATCH (c:Claim {type: row.type, subject_id: row.subject_id, object_id: row.object_id})
WHERE c.article_id = row.article_id
RETURN DISTINCT c.id AS id, c.type AS type, c.subject_id AS subject_id, c.object_id AS object_id,
       c.article_id AS article_id, c.confidence AS confidence
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
