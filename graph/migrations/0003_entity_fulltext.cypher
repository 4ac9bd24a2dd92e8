// Full-text search over entity names and aliases (aliases are joined into alias_text).
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (e:Entity) ON EACH [e.name, e.alias_text];
