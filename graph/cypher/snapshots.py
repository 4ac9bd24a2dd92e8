"""Insights snapshots: results computed from one graph version, kept across restarts (`graph.snapshots`)."""

# $name, $version, $recipe, $payload (a JSON string) -> nothing; keeps the snapshot `$name` of this version and
# recipe, unless the one stored was computed from a newer version (two servers may finish out of order).
MERGE_INSIGHTS_SNAPSHOT = """
MERGE (s:InsightsSnapshot {name: $name})
WITH s
WHERE coalesce(s.version, -1) <= $version
SET s.version = $version, s.recipe = $recipe, s.payload = $payload, s.stored_at = datetime()
"""

# $name, $version, $recipe -> the payload of the snapshot `$name` when it was computed from this graph version by
# this recipe, else no row.
MATCH_INSIGHTS_SNAPSHOT = """
MATCH (s:InsightsSnapshot {name: $name})
WHERE s.version = $version AND s.recipe = $recipe
RETURN s.payload AS payload
"""
