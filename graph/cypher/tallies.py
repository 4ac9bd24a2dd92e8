"""Day tallies (`graph.tallies`): per entity, relation type and day, the claims the entity takes part in
and the distinct articles reporting them, kept by every write that adds, deletes or moves claims."""

# $rows: [{entity_id, type, day, date, claims, articles, deltas, spread}] (`graph.tallies.tally_changes`, sorted:
# the lock order) -> nothing; adds `claims` to each tally and deltas[i] to the claims of articles[i], creating
# the tally with its `date` (the day as a date, from ISO text: null when the day is no date), and marks the
# `spread` articles.
# `articles` (sorted) and `article_claims` are parallel lists, as a property cannot hold a map: an article whose
# claims fall to 0 leaves them (and `spread`), and a tally whose claims fall to 0 is deleted. `sources` is the
# number of articles, which reads take instead of the list.
ADD_TO_DAY_TALLIES = """
UNWIND $rows AS row
MERGE (t:DayTally {entity_id: row.entity_id, type: row.type, day: row.day})
ON CREATE SET t.date = date(row.date), t.claims = 0, t.articles = [], t.article_claims = [], t.spread = []
// A SET that reads the property it writes takes the tally's write lock before reading: the lists read in the
// CALL below are then the last committed ones, and a concurrent writer's change to them is not lost.
SET t.claims = t.claims + row.claims
WITH t, row
CALL (t, row) {
    UNWIND [i IN range(0, size(t.articles) - 1) | [t.articles[i], t.article_claims[i]]]
           + [i IN range(0, size(row.articles) - 1) | [row.articles[i], row.deltas[i]]] AS change
    WITH change[0] AS article, sum(change[1]) AS claims
    WITH article, claims WHERE claims > 0
    ORDER BY article
    RETURN collect(article) AS articles, collect(claims) AS article_claims
}
SET t.articles = articles, t.article_claims = article_claims,
    t.sources = size(articles), t.spread = [a IN articles WHERE a IN t.spread OR a IN row.spread]
WITH t WHERE t.claims <= 0
DELETE t
"""

# $rows: [{entity_id, type, article_id}] (sorted) -> nothing; lists the article among the `spread` articles of
# each of the entity's tallies of that type holding it when more than one does, and takes it off otherwise.
RESPREAD_DAY_TALLIES = """
UNWIND $rows AS row
MATCH (t:DayTally {entity_id: row.entity_id, type: row.type})
WHERE row.article_id IN t.articles
WITH row, collect(t) AS holding
UNWIND holding AS t
SET t.spread = [a IN t.articles WHERE (a IN t.spread AND a <> row.article_id)
                                      OR (a = row.article_id AND size(holding) > 1)]
"""

# $id, $types, $since, $until (null: open), $unit ("week", "month" or "quarter") -> one row, `periods`: [type, first
# day of the period (a date), claims, sources] per type and period (an ISO week, a month or a quarter) of the entity's
# tallies of those types dated inside the window; a tally whose day is no date (it has no `date`) is left out.
# `sources` counts each article once per period: a tally's articles reporting the entity and type on that day only,
# plus its distinct `spread` articles. A hub's thousands of tallies come back as a few dozen lists: sending them all
# and grouping them in the API's Python cost more than grouping them here, once the day needs no parsing.
COUNT_DAY_TALLIES_OF_ENTITY_BY_PERIOD = """
MATCH (t:DayTally {entity_id: $id})
WHERE t.type IN $types AND ($since IS NULL OR t.day >= $since) AND ($until IS NULL OR t.day <= $until)
  AND t.date IS NOT NULL
WITH t.type AS type, date.truncate($unit, t.date) AS start,
     sum(t.claims) AS claims, sum(t.sources - size(t.spread)) AS single, collect(t.spread) AS spreads
CALL (spreads) {
    UNWIND spreads AS spread
    UNWIND spread AS article
    RETURN count(DISTINCT article) AS spread
}
RETURN collect([type, start, claims, single + spread]) AS periods
"""
