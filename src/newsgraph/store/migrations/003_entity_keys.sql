-- Entity keys across articles: `entities.key` (e.g. person:ali-khamenei) is the canonical name folded by
-- `newsgraph.store.keys.entity_key`, which the connection registers as newsgraph_entity_key. The entity
-- pages of the web UI and /api/entities/{key} group an entity's rows from every article by it.

ALTER TABLE entities ADD COLUMN key TEXT;
UPDATE entities SET key = newsgraph_entity_key(name, type);
CREATE INDEX entities_key ON entities(key, article_id);
