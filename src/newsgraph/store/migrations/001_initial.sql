-- The article store. One row per article in `articles`; child tables are keyed by article id
-- and replaced whole when the article is re-ingested, so a rerun updates and never duplicates.

CREATE TABLE articles (
    id          TEXT PRIMARY KEY,           -- stable: from the normalised URL, else the content
    url         TEXT,
    source      TEXT,                       -- the site, e.g. reuters.com
    title       TEXT,
    authors     TEXT NOT NULL DEFAULT '[]', -- JSON list of names
    published   TEXT,                       -- ISO 8601 or NULL
    language    TEXT,
    text        TEXT NOT NULL,              -- paragraphs joined by a blank line; every offset points here
    paragraphs  TEXT NOT NULL DEFAULT '[]', -- JSON list
    tags        TEXT NOT NULL DEFAULT '[]', -- JSON list, as the page gave them
    method      TEXT,                       -- which extractor produced it
    warnings    TEXT NOT NULL DEFAULT '[]', -- JSON list
    origin      TEXT NOT NULL DEFAULT '{}', -- JSON: path, offset, line, url of the latest item
    analysed    INTEGER NOT NULL DEFAULT 0,
    word_count  INTEGER NOT NULL DEFAULT 0,
    first_seen  TEXT NOT NULL,
    updated     TEXT NOT NULL
);
CREATE INDEX articles_source ON articles(source);
CREATE INDEX articles_published ON articles(published);

CREATE TABLE entities (
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_id   TEXT NOT NULL,              -- article-local: E1, E2, ...
    name        TEXT NOT NULL,              -- canonical name within the article
    type        TEXT NOT NULL,              -- PERSON, ORG, GPE, NORP, ...
    country     TEXT,                       -- ISO 3166 alpha-3 when known
    mention_count INTEGER NOT NULL,
    PRIMARY KEY (article_id, entity_id)
);
CREATE INDEX entities_name ON entities(name);
CREATE INDEX entities_type ON entities(type);
CREATE INDEX entities_country ON entities(country);

CREATE TABLE mentions (
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_id   TEXT NOT NULL,
    field       TEXT NOT NULL,              -- 'text' or 'title'
    start       INTEGER NOT NULL,           -- character offsets into articles.text (or the title)
    end         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    label       TEXT NOT NULL,
    FOREIGN KEY (article_id, entity_id) REFERENCES entities(article_id, entity_id) ON DELETE CASCADE
);
CREATE INDEX mentions_article ON mentions(article_id, entity_id);

CREATE TABLE dates (
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    value       TEXT                        -- ISO date (or YYYY-MM) resolved against published
);
CREATE INDEX dates_article ON dates(article_id);

CREATE TABLE removed (
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    reason      TEXT NOT NULL,
    PRIMARY KEY (article_id, seq)
);

CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    started     TEXT NOT NULL,
    finished    TEXT,                       -- NULL: still running, or killed
    command     TEXT NOT NULL,              -- JSON: paths and options
    stored      INTEGER NOT NULL DEFAULT 0,
    unchanged   INTEGER NOT NULL DEFAULT 0,
    failed      INTEGER NOT NULL DEFAULT 0
);

-- One row per input item ever ingested: where it came from, what it became.
CREATE TABLE items (
    origin_key  TEXT PRIMARY KEY,           -- path, @WARC offset or :JSONL line
    article_id  TEXT REFERENCES articles(id) ON DELETE SET NULL,
    sha1        TEXT NOT NULL,              -- of the raw bytes: an unchanged item is skipped on rerun
    run_id      INTEGER REFERENCES runs(id),
    ingested    TEXT NOT NULL
);
CREATE INDEX items_article ON items(article_id);

-- Items that failed, with a typed reason; a later success removes the row.
CREATE TABLE errors (
    origin_key  TEXT PRIMARY KEY,
    origin      TEXT NOT NULL,              -- JSON
    kind        TEXT NOT NULL,              -- empty, binary, encoding, truncated, too_large, malformed, ...
    message     TEXT NOT NULL,
    run_id      INTEGER REFERENCES runs(id),
    at          TEXT NOT NULL
);
CREATE INDEX errors_kind ON errors(kind);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
