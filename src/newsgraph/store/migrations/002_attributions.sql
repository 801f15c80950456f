-- Attributions: who said, wrote, denied or believes what, one row per `Attribution` of an article.
-- Like the other child tables they are keyed by article id and replaced whole when the article is
-- stored again. `articles.attributed` tells "no attributions found" (1, no rows) from "attribution
-- not run" (0), so `Article.attributions` comes back as [] or None as it was saved.
--
-- An attribution's content may be several fragments ("A," she said, "B."): `content_text` is them
-- joined with " … " (searchable through attributions_fts), `content_spans` their offsets as JSON, and
-- `attribution_spans` the same fragments one row each, so "quotes about X" is a plain join from a
-- fragment to the mentions whose offsets fall inside it. Every offset points into articles.text.

ALTER TABLE articles ADD COLUMN attributed INTEGER NOT NULL DEFAULT 0;

CREATE TABLE attributions (
    id              INTEGER PRIMARY KEY,        -- stable rowid for attributions_fts; order within an article
    article_id      TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    attribution_id  TEXT NOT NULL,              -- article-local: A1, A2, ...
    kind            TEXT NOT NULL,              -- direct, indirect or mixed
    content_text    TEXT NOT NULL,              -- the fragments joined with ' … '
    content_spans   TEXT NOT NULL DEFAULT '[]', -- JSON list of [start, end]
    cue_start       INTEGER,                    -- the reporting verb or phrase: "said", "according to"
    cue_end         INTEGER,
    cue_text        TEXT,
    cue_lemma       TEXT,                       -- say, deny, according to, report, ...
    source_start    INTEGER,                    -- the words naming who said it; NULL for passives
    source_end      INTEGER,
    source_text     TEXT,
    speaker         TEXT,                       -- entity id (E3) of the source, NULL when unresolved or anonymous
    speaker_name    TEXT,                       -- the entity's name, or the description of an anonymous source
    anonymous       INTEGER NOT NULL DEFAULT 0,
    affiliation     TEXT,                       -- ISO3 country or organisation of an anonymous source
    role            TEXT,                       -- "Foreign Ministry spokeswoman"
    via             TEXT,                       -- the medium it came through: "IRNA"
    via_entity      TEXT,                       -- entity id of that medium
    polarity        TEXT NOT NULL,              -- asserts, denies, confirms or questions
    confidence      REAL NOT NULL,
    UNIQUE (article_id, attribution_id),
    FOREIGN KEY (article_id, speaker) REFERENCES entities(article_id, entity_id)
);
CREATE INDEX attributions_speaker ON attributions(article_id, speaker);  -- also checks the foreign key fast
CREATE INDEX attributions_speaker_name ON attributions(speaker_name);
CREATE INDEX attributions_kind ON attributions(kind);
CREATE INDEX attributions_polarity ON attributions(polarity);

CREATE TABLE attribution_spans (
    article_id      TEXT NOT NULL,
    attribution_id  TEXT NOT NULL,
    seq             INTEGER NOT NULL,           -- the fragment's place in the content, from 0
    start           INTEGER NOT NULL,
    end             INTEGER NOT NULL,
    text            TEXT NOT NULL,
    PRIMARY KEY (article_id, attribution_id, seq),
    FOREIGN KEY (article_id, attribution_id) REFERENCES attributions(article_id, attribution_id) ON DELETE CASCADE
);
CREATE INDEX attribution_spans_offsets ON attribution_spans(article_id, start);

CREATE VIRTUAL TABLE attributions_fts USING fts5(
    content_text, content='attributions', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER attributions_ai AFTER INSERT ON attributions BEGIN
    INSERT INTO attributions_fts(rowid, content_text) VALUES (new.id, new.content_text);
END;
CREATE TRIGGER attributions_ad AFTER DELETE ON attributions BEGIN
    INSERT INTO attributions_fts(attributions_fts, rowid, content_text) VALUES ('delete', old.id, old.content_text);
END;
CREATE TRIGGER attributions_au AFTER UPDATE OF content_text ON attributions BEGIN
    INSERT INTO attributions_fts(attributions_fts, rowid, content_text) VALUES ('delete', old.id, old.content_text);
    INSERT INTO attributions_fts(rowid, content_text) VALUES (new.id, new.content_text);
END;
