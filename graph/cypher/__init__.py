"""Every Cypher query racegraph runs, one module per domain, all importable from here. Values always
go in as parameters.

Relationship types and kind labels that vary per row use Neo4j 5.26's dynamic `$(expr)` syntax, so
they are parameters too. The only names written into query text are relation types from `RelType`
(never from input), where a pattern that names its types lets Neo4j read only the edges of those
types: such queries are ready-written per type (`graph.cypher.template`).
"""

from graph.cypher.articles import COUNT_ARTICLES, MATCH_ARTICLE_DETAILS, MATCH_ARTICLES
from graph.cypher.claims import (
    COUNT_CLAIMS_BY_COUNTRY,
    COUNT_CLAIMS_BY_MONTH,
    COUNT_CLAIMS_BY_TYPE,
    MATCH_CLAIMS_CREATED_AFTER,
    MATCH_CLAIMS_FOR_PAIRS,
    MATCH_RECENT_CLAIMS_FOR_PAIRS,
    MATCH_REPORTS_FOR_PAIRS,
    MATCH_TIMELINE,
    RETURN_NOW,
)
from graph.cypher.curation import (
    ABSORB_ENTITY,
    DELETE_ARTICLES,
    DELETE_CLAIMS,
    DELETE_ORPHAN_ENTITIES,
    LOCK_ENTITIES_FOR_MERGE,
    MATCH_CLAIMS_IN_ARTICLES,
    MATCH_CLAIMS_OF_ENTITY,
    MOVE_MENTIONS,
    REDIRECT_ENTITY,
    REFRESH_RELATIONS,
    REPOINT_CLAIMS,
)
from graph.cypher.database import CHANGE_FACTORY_PASSWORD, COUNT_GRAPH, PING, SYSTEM_DATABASE
from graph.cypher.edge_types import AGGREGATED_TYPES
from graph.cypher.entities import (
    COUNT_ENTITIES,
    COUNT_ENTITIES_BY_KIND,
    COUNT_SEARCH_ENTITIES,
    MATCH_ENTITIES_BY_ID,
    MATCH_ENTITIES_BY_NAME,
    MATCH_ENTITY,
    MATCH_ENTITY_BY_NAME,
    SEARCH_ENTITIES,
)
from graph.cypher.ingest import (
    ADD_CLAIMS_TO_RELATIONS,
    CREATE_ARTICLES,
    CREATE_CLAIMS,
    CREATE_MENTIONS,
    MATCH_REDIRECTS,
    MATCH_REPLACED_ARTICLES,
    MATCH_STORED_SHAS,
    MERGE_ENTITIES,
)
from graph.cypher.keys import CREATE_API_KEY, MATCH_API_KEY_BY_HASH, MATCH_API_KEYS, REVOKE_API_KEY
from graph.cypher.migrations import MATCH_APPLIED_MIGRATIONS, MERGE_MIGRATION
from graph.cypher.relations import (
    COUNT_RELATIONS,
    COUNT_RELATIONS_AROUND,
    COUNT_RELATIONS_BY_TYPE,
    MATCH_RELATIONS,
    MATCH_RELATIONS_AROUND,
    MATCH_SHORTEST_PATHS,
    MAX_PATH_HOPS,
)
from graph.cypher.strongest import ADD_TO_STRONGEST, EXPAND_FRONTIER, MATCH_RELATIONS_OF_ENTITIES, REFRESH_STRONGEST

# What `from graph import cypher` offers: every query, under the names callers and tests use.
__all__ = [
    "ABSORB_ENTITY",
    "ADD_CLAIMS_TO_RELATIONS",
    "ADD_TO_STRONGEST",
    "AGGREGATED_TYPES",
    "CHANGE_FACTORY_PASSWORD",
    "COUNT_ARTICLES",
    "COUNT_CLAIMS_BY_COUNTRY",
    "COUNT_CLAIMS_BY_MONTH",
    "COUNT_CLAIMS_BY_TYPE",
    "COUNT_ENTITIES",
    "COUNT_ENTITIES_BY_KIND",
    "COUNT_GRAPH",
    "COUNT_RELATIONS",
    "COUNT_RELATIONS_AROUND",
    "COUNT_RELATIONS_BY_TYPE",
    "COUNT_SEARCH_ENTITIES",
    "CREATE_API_KEY",
    "CREATE_ARTICLES",
    "CREATE_CLAIMS",
    "CREATE_MENTIONS",
    "DELETE_ARTICLES",
    "DELETE_CLAIMS",
    "DELETE_ORPHAN_ENTITIES",
    "EXPAND_FRONTIER",
    "LOCK_ENTITIES_FOR_MERGE",
    "MATCH_API_KEYS",
    "MATCH_API_KEY_BY_HASH",
    "MATCH_APPLIED_MIGRATIONS",
    "MATCH_ARTICLES",
    "MATCH_ARTICLE_DETAILS",
    "MATCH_CLAIMS_CREATED_AFTER",
    "MATCH_CLAIMS_FOR_PAIRS",
    "MATCH_CLAIMS_IN_ARTICLES",
    "MATCH_CLAIMS_OF_ENTITY",
    "MATCH_ENTITIES_BY_ID",
    "MATCH_ENTITIES_BY_NAME",
    "MATCH_ENTITY",
    "MATCH_ENTITY_BY_NAME",
    "MATCH_RECENT_CLAIMS_FOR_PAIRS",
    "MATCH_REDIRECTS",
    "MATCH_RELATIONS",
    "MATCH_RELATIONS_AROUND",
    "MATCH_RELATIONS_OF_ENTITIES",
    "MATCH_REPLACED_ARTICLES",
    "MATCH_REPORTS_FOR_PAIRS",
    "MATCH_SHORTEST_PATHS",
    "MATCH_STORED_SHAS",
    "MATCH_TIMELINE",
    "MAX_PATH_HOPS",
    "MERGE_ENTITIES",
    "MERGE_MIGRATION",
    "MOVE_MENTIONS",
    "PING",
    "REDIRECT_ENTITY",
    "REFRESH_RELATIONS",
    "REFRESH_STRONGEST",
    "REPOINT_CLAIMS",
    "RETURN_NOW",
    "REVOKE_API_KEY",
    "SEARCH_ENTITIES",
    "SYSTEM_DATABASE",
]
