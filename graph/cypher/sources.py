"""The Cypher of live sources: `(:Source)` nodes with their poll state and lease, and
`(:Article)-[:FROM {url}]->(:Source)`. Values always go in as parameters."""

# The properties a source is listed with; datetimes as ISO text.
_SOURCE_FIELDS = """s {.id, .url, .name, .every_seconds, .language, .etag, .last_modified, .status, .last_error,
     .items_seen, .ingested, .skip_reasons, .skip_counts, .lease_owner,
     created_at: toString(s.created_at), polled_at: toString(s.polled_at),
     next_poll_at: toString(s.next_poll_at), lease_until: toString(s.lease_until)}"""

# $id, $url, $name, $every_seconds, $language -> the new source; due at once. The id's uniqueness
# constraint refuses a URL added before.
CREATE_SOURCE = (
    """
CREATE (s:Source {id: $id, url: $url, name: $name, every_seconds: $every_seconds, language: $language,
                  created_at: datetime(), next_poll_at: datetime(), status: 'new', items_seen: 0, ingested: 0,
                  skip_reasons: [], skip_counts: []})
RETURN """
    + _SOURCE_FIELDS
    + " AS source"
)

# -> every source, by name then URL.
MATCH_SOURCES = "MATCH (s:Source) RETURN " + _SOURCE_FIELDS + " AS source ORDER BY s.name, s.url"

# $key (an id or a URL) -> the removed source's id, or no row; its articles stay, without the FROM edge.
DELETE_SOURCE = """
MATCH (s:Source) WHERE s.id = $key OR s.url = $key
WITH s, s.id AS id
DETACH DELETE s
RETURN id
"""

# $due_only -> ids of the sources no watcher holds (due for a poll, unless $due_only is false), oldest first.
MATCH_POLLABLE_SOURCE_IDS = """
MATCH (s:Source)
WHERE (s.lease_until IS NULL OR s.lease_until < datetime()) AND (NOT $due_only OR s.next_poll_at <= datetime())
RETURN s.id AS id ORDER BY s.next_poll_at
"""

# $id, $owner, $seconds, $due_only -> the source, now held by $owner for $seconds, or no row when another
# watcher holds it (or, with $due_only, it is no longer due). The first SET takes the node's write lock
# before the lease is read, so of two watchers the second reads what the first committed.
TAKE_SOURCE_LEASE = (
    """
MATCH (s:Source {id: $id})
SET s.lease_lock = true
REMOVE s.lease_lock
WITH s
WHERE (s.lease_until IS NULL OR s.lease_until < datetime()) AND (NOT $due_only OR s.next_poll_at <= datetime())
SET s.lease_owner = $owner, s.lease_until = datetime() + duration({seconds: $seconds})
RETURN """
    + _SOURCE_FIELDS
    + " AS source"
)

# $id, $owner, $seconds -> the source's id, now held by $owner for $seconds from now, or no row when $owner
# no longer holds it (another watcher took it after the lease ended). Locked before the owner is read, as
# TAKE_SOURCE_LEASE is, so a renewal never extends a lease another watcher has just taken.
RENEW_SOURCE_LEASE = """
MATCH (s:Source {id: $id})
SET s.lease_lock = true
REMOVE s.lease_lock
WITH s
WHERE s.lease_owner = $owner
SET s.lease_until = datetime() + duration({seconds: $seconds})
RETURN s.id AS id
"""

# $id, $owner, $state {etag, last_modified, status, last_error, seen, ingested, skip_reasons, skip_counts}
# -> the source's id, or no row when $owner no longer holds it; records a finished poll, schedules the
# next and lets the lease go.
FINISH_SOURCE_POLL = """
MATCH (s:Source {id: $id}) WHERE s.lease_owner = $owner
SET s.etag = $state.etag, s.last_modified = $state.last_modified, s.status = $state.status,
    s.last_error = $state.last_error, s.items_seen = s.items_seen + $state.seen,
    s.ingested = s.ingested + $state.ingested, s.skip_reasons = $state.skip_reasons,
    s.skip_counts = $state.skip_counts, s.polled_at = datetime(),
    s.next_poll_at = datetime() + duration({seconds: s.every_seconds}),
    s.lease_owner = null, s.lease_until = null
RETURN s.id AS id
"""

# $urls -> {url, ingested_at} of the stored articles at those URLs.
MATCH_STORED_ARTICLE_URLS = """
UNWIND $urls AS url
MATCH (a:Article {url: url})
RETURN url, max(a.ingested_at) AS ingested_at
"""

# $source_id, $rows [{sha256, url}] -> nothing; ties each stored article with that text to the source,
# once per URL it was found at (the same text at two URLs is one article with two FROM edges).
MERGE_ARTICLE_SOURCES = """
MATCH (s:Source {id: $source_id})
UNWIND $rows AS row
MATCH (a:Article {sha256: row.sha256})
MERGE (a)-[:FROM {url: row.url}]->(s)
"""
