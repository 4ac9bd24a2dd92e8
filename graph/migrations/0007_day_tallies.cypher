// Day tallies (graph.tallies): per entity, relation type and day, its claims and the distinct articles
// reporting them, so that a trend reads a few hundred tallies rather than every claim of a hub. One tally per
// key, also when two writers create it at once.
CREATE CONSTRAINT day_tally_key IF NOT EXISTS FOR (t:DayTally) REQUIRE (t.entity_id, t.type, t.day) IS UNIQUE;
CREATE INDEX day_tally_entity IF NOT EXISTS FOR (t:DayTally) ON (t.entity_id);
// The tallies of the claims already stored, counted as ADD_TO_DAY_TALLIES keeps them (a claim counts once per
// distinct entity at its ends, on its date, else its article's; an article reporting an entity and type on
// several days is `spread`). Tallies left by an interrupted run go first.
MATCH (t:DayTally) CALL (t) { DELETE t } IN TRANSACTIONS OF 10000 ROWS;
MATCH (c:Claim)
WITH c, coalesce(c.date, c.published) AS day
WHERE day IS NOT NULL
UNWIND CASE WHEN c.subject_id = c.object_id THEN [c.subject_id] ELSE [c.subject_id, c.object_id] END AS entity_id
WITH entity_id, c.type AS type, c.article_id AS article_id, day, count(*) AS claims
WITH entity_id, type, article_id, collect([day, claims]) AS days
UNWIND days AS day_claims
WITH entity_id, type, day_claims[0] AS day, article_id, day_claims[1] AS claims, size(days) > 1 AS spread
ORDER BY article_id
WITH entity_id, type, day, collect(article_id) AS articles, collect(claims) AS article_claims, sum(claims) AS claims,
     collect(CASE WHEN spread THEN article_id END) AS spread
CALL (entity_id, type, day, articles, article_claims, claims, spread) {
    CREATE (:DayTally {entity_id: entity_id, type: type, day: day, claims: claims, articles: articles,
                       article_claims: article_claims, sources: size(articles), spread: spread})
} IN TRANSACTIONS OF 5000 ROWS;
