/**
 * Migration 5: the actor registry (src/resolve/actors.ts): one row per real person across
 * articles, the keys it is found by (full names and surnames after folding and transliteration
 * normalisation, and the folded forms seen), and the actor of every article person. Roles over
 * time are read from the persons rows of an actor. Persons stored before this migration have no
 * actor until the store is re-ingested.
 */
export const sql = `
CREATE TABLE actors (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL,                -- display name: the fullest form seen
  role         TEXT,                         -- the latest known role
  country      TEXT,                         -- the latest known country
  articles     INTEGER NOT NULL DEFAULT 0,
  first_seen   TEXT,
  last_seen    TEXT,
  surname_only INTEGER NOT NULL DEFAULT 0,   -- never seen with a given name
  ambiguous    INTEGER NOT NULL DEFAULT 0    -- a bare surname shared by several actors
);
CREATE INDEX actors_articles ON actors(articles DESC, id);

CREATE TABLE actor_keys (
  kind     TEXT NOT NULL,                    -- full | surname | name (folded form seen)
  key      TEXT NOT NULL,
  actor_id TEXT NOT NULL REFERENCES actors(id),
  PRIMARY KEY (kind, key, actor_id)
) WITHOUT ROWID;
CREATE INDEX actor_keys_actor ON actor_keys(actor_id);

ALTER TABLE persons ADD COLUMN actor_id TEXT;
ALTER TABLE persons ADD COLUMN role_source TEXT;      -- JSON {rule, article, published, evidence}
ALTER TABLE persons ADD COLUMN country_source TEXT;
CREATE INDEX persons_actor ON persons(actor_id);
`;
