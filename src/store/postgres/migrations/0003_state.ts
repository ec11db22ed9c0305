/**
 * Migration 3 (PostgreSQL): named state of the cross-article resolvers (the story index), JSON
 * text, as in the SQLite adapter's 0003_state.
 */
export const sql = `
CREATE TABLE resolver_state (
  name       TEXT COLLATE "C" PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`;
