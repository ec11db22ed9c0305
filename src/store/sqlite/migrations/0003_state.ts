/**
 * Migration 3: named state of the cross-article resolvers (the story index today; an actor
 * registry later), saved as JSON text so that the next ingest run continues where this one
 * stopped.
 */
export const sql = `
CREATE TABLE resolver_state (
  name       TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`;
