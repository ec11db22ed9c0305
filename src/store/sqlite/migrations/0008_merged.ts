/**
 * Migration 8: events merged across articles (one row per real event, its look-up keys and every
 * mention with its article, outlet, story, date and evidence span) and figure series (one row
 * per quantity, a point per as-of date with its contradictions, every observation). Written by
 * the article's own transaction (src/store/merged.ts); the decisions are src/resolve/events.ts's
 * and src/resolve/figures.ts's.
 */
export const sql = `
CREATE TABLE merged_events (
  id            TEXT PRIMARY KEY,
  type          TEXT NOT NULL,
  mode          TEXT,
  source_person TEXT,
  source_actor  TEXT,
  source_group  TEXT,
  target_person TEXT,
  target_actor  TEXT,
  target_group  TEXT,
  source_person_key TEXT,                  -- folded names, for look-ups by person
  target_person_key TEXT,
  mutual        INTEGER NOT NULL DEFAULT 0,
  date          TEXT,                      -- the best-supported date
  dates         TEXT NOT NULL DEFAULT '[]', -- JSON [{date, mentions, sources}], best first
  disputed      INTEGER NOT NULL DEFAULT 0,
  sources       INTEGER NOT NULL,
  articles      INTEGER NOT NULL,
  mentions      INTEGER NOT NULL,
  first_seen    TEXT,                      -- publication dates of its articles
  last_seen     TEXT
);
CREATE INDEX merged_events_date ON merged_events (date);
CREATE INDEX merged_events_last_seen ON merged_events (last_seen);

CREATE TABLE merged_event_keys (
  key       TEXT NOT NULL,
  event_id  TEXT NOT NULL REFERENCES merged_events (id),
  last_seen TEXT NOT NULL DEFAULT '',      -- the event's latest report ('' when undated), copied for index ranges
  date      TEXT,                          -- the event's best date, copied
  PRIMARY KEY (key, event_id)
) WITHOUT ROWID;

CREATE TABLE merged_event_mentions (
  article_id TEXT NOT NULL REFERENCES articles (id),
  idx        INTEGER NOT NULL,
  event_id   TEXT NOT NULL REFERENCES merged_events (id),
  outlet     TEXT,
  story_id   TEXT,
  published  TEXT,
  date       TEXT,
  mode       TEXT,
  span_start INTEGER NOT NULL,
  span_end   INTEGER NOT NULL,
  evidence   TEXT NOT NULL,
  rule       TEXT,
  PRIMARY KEY (article_id, idx)
);
CREATE INDEX merged_event_keys_recent ON merged_event_keys (key, last_seen);
CREATE INDEX merged_event_keys_date ON merged_event_keys (key, date);
CREATE INDEX merged_event_keys_event ON merged_event_keys (event_id);
CREATE INDEX merged_event_mentions_story ON merged_event_mentions (event_id, story_id);
CREATE INDEX merged_event_mentions_published ON merged_event_mentions (event_id, published);
CREATE INDEX merged_event_mentions_outlet ON merged_event_mentions (event_id, outlet, date);

CREATE TABLE figure_series (
  id             TEXT PRIMARY KEY,
  key            TEXT NOT NULL,            -- category|unit|normalised words
  ord            TEXT NOT NULL,            -- creation order among series of one key
  category       TEXT NOT NULL,
  unit           TEXT NOT NULL,
  terms          TEXT NOT NULL,            -- JSON
  countries      TEXT NOT NULL,            -- JSON
  whats          TEXT NOT NULL,            -- JSON [[wording, n]]
  what           TEXT NOT NULL,            -- the most frequent wording
  points         INTEGER NOT NULL DEFAULT 0,
  observations   INTEGER NOT NULL DEFAULT 0,
  contradictions INTEGER NOT NULL DEFAULT 0,
  first_as_of    TEXT,
  last_as_of     TEXT
);
CREATE INDEX figure_series_key ON figure_series (key, ord);

CREATE TABLE figure_points (
  series_id      TEXT NOT NULL REFERENCES figure_series (id),
  as_of          TEXT NOT NULL,            -- '' when no source says
  value          REAL NOT NULL,
  qualifier      TEXT NOT NULL,
  sources        INTEGER NOT NULL,
  observations   INTEGER NOT NULL,
  n_contradictions INTEGER NOT NULL DEFAULT 0,
  contradictions TEXT NOT NULL DEFAULT '[]', -- JSON [{as_of, a, b, why}]
  PRIMARY KEY (series_id, as_of)
);

CREATE TABLE figure_observations (
  article_id    TEXT NOT NULL REFERENCES articles (id),
  idx           INTEGER NOT NULL,
  series_id     TEXT NOT NULL REFERENCES figure_series (id),
  as_of         TEXT NOT NULL,             -- '' when no source says
  outlet        TEXT,
  value         REAL NOT NULL,
  value_max     REAL,
  qualifier     TEXT NOT NULL,
  attributed_to TEXT,
  what          TEXT NOT NULL,
  span_start    INTEGER NOT NULL,
  span_end      INTEGER NOT NULL,
  evidence      TEXT NOT NULL,
  PRIMARY KEY (article_id, idx)
);
CREATE INDEX figure_observations_point ON figure_observations (series_id, as_of);
`;
