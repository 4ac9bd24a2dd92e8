// Case-insensitive name lookups, claim filters and subscriptions, API keys.
CREATE INDEX entity_name_key IF NOT EXISTS FOR (e:Entity) ON (e.name_key);
MATCH (e:Entity) WHERE e.name_key IS NULL SET e.name_key = toLower(e.name);
CREATE INDEX claim_created_at IF NOT EXISTS FOR (c:Claim) ON (c.created_at);
CREATE INDEX claim_subject IF NOT EXISTS FOR (c:Claim) ON (c.subject_id);
CREATE INDEX claim_object IF NOT EXISTS FOR (c:Claim) ON (c.object_id);
CREATE CONSTRAINT api_key_id IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.id IS UNIQUE;
CREATE INDEX api_key_hash IF NOT EXISTS FOR (k:ApiKey) ON (k.hash);
