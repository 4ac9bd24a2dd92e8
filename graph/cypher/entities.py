"""Reading entities: by id or name, by full-text search, and counted by kind."""

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

# -> entity counts by kind.
COUNT_ENTITIES_BY_KIND = "MATCH (e:Entity) RETURN e.kind AS key, count(e) AS count ORDER BY count DESC, key"
