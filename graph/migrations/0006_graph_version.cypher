// Graph insights (issue 16): one counter node the write path bumps in every transaction that changes
// claims, so cached projections know when they are stale. Unique, so concurrent first bumps make one node.
CREATE CONSTRAINT graph_version_id IF NOT EXISTS FOR (v:GraphVersion) REQUIRE v.id IS UNIQUE;
