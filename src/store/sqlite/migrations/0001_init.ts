/**
 * Migration 1: the whole first schema. Dates are ISO text, flags 0/1 integers, nested values
 * JSON text, spans start/end character offsets into articles.text (end exclusive).
 */
export const sql = `
CREATE TABLE stories (
  id            TEXT PRIMARY KEY,
  title         TEXT NOT NULL,
  first_date    TEXT,
  last_date     TEXT,
  article_count INTEGER NOT NULL DEFAULT 0,
  summary       TEXT,
  created_at    TEXT NOT NULL
);
CREATE INDEX stories_last_date ON stories(last_date);

CREATE TABLE articles (
  seq                INTEGER PRIMARY KEY,          -- stable rowid for the full-text index
  id                 TEXT NOT NULL UNIQUE,
  text               TEXT NOT NULL,
  text_hash          TEXT NOT NULL UNIQUE,         -- sha256 of text: the same text twice is one article
  title              TEXT,
  url                TEXT,
  outlet             TEXT,
  published          TEXT,
  published_inferred INTEGER NOT NULL DEFAULT 0,
  published_rule     TEXT,
  published_evidence TEXT,                         -- JSON {start, end}
  origin             TEXT NOT NULL,
  story_id           TEXT REFERENCES stories(id),
  story_reason       TEXT,
  ingested_at        TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_outlet ON articles(outlet);
CREATE INDEX articles_story ON articles(story_id);

CREATE TABLE persons (
  id               INTEGER PRIMARY KEY,
  article_id       TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx              INTEGER NOT NULL,
  name             TEXT NOT NULL,
  name_key         TEXT NOT NULL,                  -- foldName(name): persons aggregate on it
  surname_key      TEXT NOT NULL,
  alias_keys       TEXT NOT NULL,                  -- "|key|alias key|…|"
  aliases          TEXT NOT NULL,                  -- JSON array
  role             TEXT,
  role_inferred    INTEGER,
  role_evidence    TEXT,                           -- JSON {start, end}
  country          TEXT,
  country_inferred INTEGER,
  country_evidence TEXT,
  mentions         TEXT NOT NULL,                  -- JSON [[start, end], …]
  UNIQUE (article_id, idx)
);
CREATE INDEX persons_name_key ON persons(name_key);
CREATE INDEX persons_surname_key ON persons(surname_key);

CREATE TABLE organizations (
  id         INTEGER PRIMARY KEY,
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx        INTEGER NOT NULL,
  name       TEXT NOT NULL,
  name_key   TEXT NOT NULL,
  aliases    TEXT NOT NULL,
  actor      TEXT,
  mentions   TEXT NOT NULL,
  UNIQUE (article_id, idx)
);
CREATE INDEX organizations_name_key ON organizations(name_key);

CREATE TABLE places (
  id         INTEGER PRIMARY KEY,
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx        INTEGER NOT NULL,
  name       TEXT NOT NULL,
  name_key   TEXT NOT NULL,
  country    TEXT,
  lat        REAL,
  lon        REAL,
  mentions   TEXT NOT NULL,
  UNIQUE (article_id, idx)
);
CREATE INDEX places_name_key ON places(name_key);

CREATE TABLE events (
  id                INTEGER PRIMARY KEY,
  article_id        TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx               INTEGER NOT NULL,
  type              TEXT NOT NULL,
  mode              TEXT,
  source_person     TEXT,
  source_person_key TEXT,
  source_actor      TEXT,
  source_group      TEXT,
  target_person     TEXT,
  target_person_key TEXT,
  target_actor      TEXT,
  target_group      TEXT,
  date              TEXT,
  span_start        INTEGER NOT NULL,
  span_end          INTEGER NOT NULL,
  evidence          TEXT NOT NULL,
  rule              TEXT NOT NULL,
  realis            TEXT NOT NULL,
  mutual            INTEGER NOT NULL DEFAULT 0,
  UNIQUE (article_id, idx),
  CHECK (span_start >= 0 AND span_end >= span_start)
);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_source_actor ON events(source_actor);
CREATE INDEX events_target_actor ON events(target_actor);
CREATE INDEX events_source_person ON events(source_person_key);
CREATE INDEX events_target_person ON events(target_person_key);
CREATE INDEX events_date ON events(date);

CREATE TABLE figures (
  id            INTEGER PRIMARY KEY,
  article_id    TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx           INTEGER NOT NULL,
  what          TEXT NOT NULL,
  value         REAL NOT NULL,
  value_max     REAL,
  qualifier     TEXT NOT NULL,
  unit          TEXT NOT NULL,
  category      TEXT NOT NULL,
  as_of         TEXT,
  attributed_to TEXT,
  span_start    INTEGER NOT NULL,
  span_end      INTEGER NOT NULL,
  evidence      TEXT NOT NULL,
  rule          TEXT NOT NULL,
  UNIQUE (article_id, idx),
  CHECK (span_start >= 0 AND span_end >= span_start)
);
CREATE INDEX figures_category ON figures(category);

CREATE TABLE quotes (
  id                  INTEGER PRIMARY KEY,
  article_id          TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx                 INTEGER NOT NULL,
  speaker             TEXT,
  speaker_key         TEXT,
  speaker_surname_key TEXT,
  direct              INTEGER NOT NULL,
  span_start          INTEGER NOT NULL,
  span_end            INTEGER NOT NULL,
  text                TEXT NOT NULL,
  rule                TEXT NOT NULL,
  UNIQUE (article_id, idx),
  CHECK (span_start >= 0 AND span_end >= span_start)
);
CREATE INDEX quotes_speaker_key ON quotes(speaker_key);
CREATE INDEX quotes_speaker_surname_key ON quotes(speaker_surname_key);

-- Full-text index over title + text (ı/ł/ß… mapped by ftsText; case and accents by the tokenizer), rowid = articles.seq.
-- Contentless: the text lives in articles; hits and snippets are located in it by src/store/search.ts.
CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, text,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2'
);
`;
