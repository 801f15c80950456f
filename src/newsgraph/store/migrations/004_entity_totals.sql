-- Corpus-wide totals per entity key, kept up to date by triggers as entity rows come and go, so
-- that the entity list (`newsgraph entities`, /api/entities, the web UI) reads its top rows from
-- an index instead of grouping every entity row of the corpus (2.8 s for 3 million rows).
--   articles: the articles the key appears in; mentions: its mentions in them all.
--   name: the first in sort order of the spellings stored under the key, country the last of
--   their country codes. Both follow the rows as they are added and stay as they are when rows
--   go, so a spelling that a re-ingested article no longer uses can remain until the key's last
--   row goes (it folds to the same key: it differs only in case, accents or punctuation).

CREATE TABLE entity_totals (
    key       TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    type      TEXT NOT NULL,
    country   TEXT,
    articles  INTEGER NOT NULL,
    mentions  INTEGER NOT NULL
);
CREATE INDEX entity_totals_rank ON entity_totals(articles DESC, mentions DESC, key);
CREATE INDEX entity_totals_type_rank ON entity_totals(type, articles DESC, mentions DESC, key);

INSERT INTO entity_totals (key, name, type, country, articles, mentions)
SELECT key, MIN(name), MIN(type), MAX(country), COUNT(DISTINCT article_id), SUM(mention_count)
FROM entities WHERE key IS NOT NULL GROUP BY key;

-- An article counts once per key, however many of its entities fold to it.
CREATE TRIGGER entity_totals_add AFTER INSERT ON entities WHEN NEW.key IS NOT NULL
BEGIN
    INSERT INTO entity_totals (key, name, type, country, articles, mentions)
    VALUES (NEW.key, NEW.name, NEW.type, NEW.country, 1, NEW.mention_count)
    ON CONFLICT (key) DO UPDATE SET
        name = MIN(name, excluded.name),
        country = COALESCE(MAX(country, excluded.country), country, excluded.country),
        articles = articles + NOT EXISTS (
            SELECT 1 FROM entities
            WHERE key = NEW.key AND article_id = NEW.article_id AND entity_id != NEW.entity_id),
        mentions = mentions + excluded.mentions;
END;

CREATE TRIGGER entity_totals_remove AFTER DELETE ON entities WHEN OLD.key IS NOT NULL
BEGIN
    UPDATE entity_totals SET
        articles = articles - NOT EXISTS (
            SELECT 1 FROM entities WHERE key = OLD.key AND article_id = OLD.article_id),
        mentions = mentions - OLD.mention_count
    WHERE key = OLD.key;
    DELETE FROM entity_totals WHERE key = OLD.key AND articles <= 0;
END;
