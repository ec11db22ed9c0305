/**
 * Migration 1 (PostgreSQL): the same first schema as the SQLite adapter's 0001_init, column for
 * column. Dates are ISO text, flags 0/1 integers, nested values JSON text, spans start/end
 * character offsets into articles.text (end exclusive). Text columns that are compared or sorted
 * use the "C" collation, so that ordering is byte order as in SQLite.
 *
 * Differences that keep behaviour equal: articles.story_id's foreign key is deferred to commit,
 * so that an article row can be inserted first (ON CONFLICT DO NOTHING: the idempotence check
 * that holds under concurrent writers) and its story upserted after; the full-text index is a
 * tsvector table filled from folded text (see src/store/postgres/fts.ts), not FTS5.
 */
export const sql = `
CREATE TABLE stories (
  id            TEXT COLLATE "C" PRIMARY KEY,
  title         TEXT NOT NULL,
  first_date    TEXT COLLATE "C",
  last_date     TEXT COLLATE "C",
  article_count INTEGER NOT NULL DEFAULT 0,
  summary       TEXT,
  created_at    TEXT NOT NULL
);
CREATE INDEX stories_last_date ON stories(last_date);

CREATE TABLE articles (
  seq                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id                 TEXT COLLATE "C" NOT NULL UNIQUE,
  text               TEXT NOT NULL,
  text_hash          TEXT COLLATE "C" NOT NULL UNIQUE,
  title              TEXT,
  url                TEXT,
  outlet             TEXT COLLATE "C",
  published          TEXT COLLATE "C",
  published_inferred INTEGER NOT NULL DEFAULT 0,
  published_rule     TEXT,
  published_evidence TEXT,
  origin             TEXT NOT NULL,
  story_id           TEXT COLLATE "C" REFERENCES stories(id) DEFERRABLE INITIALLY DEFERRED,
  story_reason       TEXT,
  ingested_at        TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_outlet ON articles(outlet);
CREATE INDEX articles_story ON articles(story_id);

CREATE TABLE persons (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  article_id       TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx              INTEGER NOT NULL,
  name             TEXT COLLATE "C" NOT NULL,
  name_key         TEXT COLLATE "C" NOT NULL,
  surname_key      TEXT COLLATE "C" NOT NULL,
  alias_keys       TEXT COLLATE "C" NOT NULL,
  aliases          TEXT NOT NULL,
  role             TEXT,
  role_inferred    INTEGER,
  role_evidence    TEXT,
  country          TEXT,
  country_inferred INTEGER,
  country_evidence TEXT,
  mentions         TEXT NOT NULL,
  UNIQUE (article_id, idx)
);
CREATE INDEX persons_name_key ON persons(name_key);
CREATE INDEX persons_surname_key ON persons(surname_key);

CREATE TABLE organizations (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx        INTEGER NOT NULL,
  name       TEXT NOT NULL,
  name_key   TEXT COLLATE "C" NOT NULL,
  aliases    TEXT NOT NULL,
  actor      TEXT,
  mentions   TEXT NOT NULL,
  UNIQUE (article_id, idx)
);
CREATE INDEX organizations_name_key ON organizations(name_key);

CREATE TABLE places (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx        INTEGER NOT NULL,
  name       TEXT NOT NULL,
  name_key   TEXT COLLATE "C" NOT NULL,
  country    TEXT,
  lat        DOUBLE PRECISION,
  lon        DOUBLE PRECISION,
  mentions   TEXT NOT NULL,
  UNIQUE (article_id, idx)
);
CREATE INDEX places_name_key ON places(name_key);

CREATE TABLE events (
  id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  article_id        TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx               INTEGER NOT NULL,
  type              TEXT COLLATE "C" NOT NULL,
  mode              TEXT,
  source_person     TEXT,
  source_person_key TEXT COLLATE "C",
  source_actor      TEXT COLLATE "C",
  source_group      TEXT COLLATE "C",
  target_person     TEXT,
  target_person_key TEXT COLLATE "C",
  target_actor      TEXT COLLATE "C",
  target_group      TEXT COLLATE "C",
  date              TEXT COLLATE "C",
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
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  article_id    TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx           INTEGER NOT NULL,
  what          TEXT NOT NULL,
  value         DOUBLE PRECISION NOT NULL,
  value_max     DOUBLE PRECISION,
  qualifier     TEXT NOT NULL,
  unit          TEXT NOT NULL,
  category      TEXT COLLATE "C" NOT NULL,
  as_of         TEXT COLLATE "C",
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
  id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  article_id          TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx                 INTEGER NOT NULL,
  speaker             TEXT,
  speaker_key         TEXT COLLATE "C",
  speaker_surname_key TEXT COLLATE "C",
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

-- Full-text index over folded title (weight A) + text (weight D); seq = articles.seq.
CREATE TABLE articles_fts (
  seq BIGINT PRIMARY KEY REFERENCES articles(seq) ON DELETE CASCADE,
  doc TSVECTOR NOT NULL
);
CREATE INDEX articles_fts_doc ON articles_fts USING GIN (doc);
`;
