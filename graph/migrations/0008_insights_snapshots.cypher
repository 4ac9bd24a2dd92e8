// Insights snapshots (issue 16): a result computed from one graph version, kept in the database so that a server
// starting over an unchanged graph shows it at once (`graph.snapshots`). One snapshot per name, also when two
// servers store it at once.
CREATE CONSTRAINT insights_snapshot_name IF NOT EXISTS FOR (s:InsightsSnapshot) REQUIRE s.name IS UNIQUE;
