"""What a bulk-loaded database needs after `neo4j-admin database import`, before it serves."""

# $seconds -> nothing; returns once every index is online (the migrations create them over imported
# data, where the transactional path creates them on an empty store).
AWAIT_INDEXES = "CALL db.awaitIndexes($seconds)"

# -> nothing; gives entities without aliases the empty list MERGE_ENTITIES stores (an importer leaves an
# empty array unset). Run in a session's own transactions (CALL IN TRANSACTIONS needs them).
SET_MISSING_ALIASES = """
MATCH (e:Entity) WHERE e.aliases IS NULL
CALL (e) { SET e.aliases = [] } IN TRANSACTIONS OF 10000 ROWS
"""
