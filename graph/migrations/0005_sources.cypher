// Live sources (issue 15): one node per canonical feed or page URL, polled when due.
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (s:Source) REQUIRE s.id IS UNIQUE;
CREATE INDEX source_url IF NOT EXISTS FOR (s:Source) ON (s.url);
CREATE INDEX source_next_poll_at IF NOT EXISTS FOR (s:Source) ON (s.next_poll_at);
