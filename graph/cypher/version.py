"""The graph version: a counter every write that changes claims bumps in its own transaction."""

# $id: the counter's id (graph.version.GRAPH_VERSION_ID) -> the new version; adds one to the counter,
# creating it at 1. Run last in a write transaction: its lock is then held only until the commit.
BUMP_GRAPH_VERSION = """
MERGE (v:GraphVersion {id: $id})
ON CREATE SET v.value = 0
SET v.value = v.value + 1
RETURN v.value AS version
"""

# $id -> the current version, 0 before the first write.
MATCH_GRAPH_VERSION = """
OPTIONAL MATCH (v:GraphVersion {id: $id})
RETURN coalesce(v.value, 0) AS version
"""
