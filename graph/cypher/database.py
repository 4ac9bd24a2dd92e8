"""The database as a whole: whether it answers, what it holds, the embedded Neo4j's own user."""

from graph.cypher.edge_types import AGGREGATED_TYPES

# -> 1 when the database answers.
PING = "RETURN 1 AS ok"

# -> node and edge counts, for the CLI, the home page and tests. Every count comes from Neo4j's count store:
# aggregated edges only ever link two entities, and labels on their ends would walk each edge instead
# (about 1 s on the 100k-entity bench graph, against 16 ms).
COUNT_GRAPH = """
CALL () { MATCH (a:Article) RETURN count(a) AS articles }
CALL () { MATCH (e:Entity) RETURN count(e) AS entities }
CALL () { MATCH (c:Claim) RETURN count(c) AS claims }
CALL () { MATCH ()-[r:""" + AGGREGATED_TYPES + """]->() RETURN count(r) AS relations }
RETURN articles, entities, claims, relations
"""

# The embedded Neo4j's own user lives in the system database.
SYSTEM_DATABASE = "system"

# $old, $new: replace the factory password of a store made before the embedded Neo4j had auth on. The
# only statement Neo4j allows a user whose password must change; it runs on the system database.
CHANGE_FACTORY_PASSWORD = "ALTER CURRENT USER SET PASSWORD FROM $old TO $new"
