"""Everything Neo4j: schema, queries, writes, reads and the local launcher."""
