// Lookups the ingest path and the API make.
CREATE INDEX article_sha256 IF NOT EXISTS FOR (a:Article) ON (a.sha256);
CREATE INDEX article_url IF NOT EXISTS FOR (a:Article) ON (a.url);
CREATE INDEX article_published IF NOT EXISTS FOR (a:Article) ON (a.published);
CREATE INDEX claim_pair IF NOT EXISTS FOR (c:Claim) ON (c.type, c.subject_id, c.object_id);
CREATE INDEX claim_date IF NOT EXISTS FOR (c:Claim) ON (c.date);
CREATE INDEX entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name);
CREATE INDEX entity_kind IF NOT EXISTS FOR (e:Entity) ON (e.kind);
