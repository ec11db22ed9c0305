/** Migration 5 (PostgreSQL): the actor registry, as in the SQLite adapter's 0005_actors. */
export const sql = `
CREATE TABLE actors (
  id           TEXT COLLATE "C" PRIMARY KEY,
  name         TEXT COLLATE "C" NOT NULL,
  role         TEXT,
  country      TEXT,
  articles     INTEGER NOT NULL DEFAULT 0,
  first_seen   TEXT COLLATE "C",
  last_seen    TEXT COLLATE "C",
  surname_only INTEGER NOT NULL DEFAULT 0,
  ambiguous    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX actors_articles ON actors(articles DESC, id);

CREATE TABLE actor_keys (
  kind     TEXT COLLATE "C" NOT NULL,
  key      TEXT COLLATE "C" NOT NULL,
  actor_id TEXT COLLATE "C" NOT NULL REFERENCES actors(id),
  PRIMARY KEY (kind, key, actor_id)
);
CREATE INDEX actor_keys_actor ON actor_keys(actor_id);

ALTER TABLE persons ADD COLUMN actor_id TEXT COLLATE "C";
ALTER TABLE persons ADD COLUMN role_source TEXT;
ALTER TABLE persons ADD COLUMN country_source TEXT;
CREATE INDEX persons_actor ON persons(actor_id);
`;
