"""Which schema migrations ran (`graph.migrate`)."""

# -> version of every applied migration.
MATCH_APPLIED_MIGRATIONS = "MATCH (m:Migration) RETURN m.version AS version ORDER BY version"

# $version, $name: record that a migration ran.
MERGE_MIGRATION = """
MERGE (m:Migration {version: $version})
ON CREATE SET m.name = $name, m.applied_at = datetime()
"""
