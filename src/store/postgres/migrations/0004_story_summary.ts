/** Migration 4 (PostgreSQL): the story resolver's key actors and names (JSON arrays), as in SQLite's 0004. */
export const sql = `
ALTER TABLE stories ADD COLUMN actors TEXT NOT NULL DEFAULT '[]';
ALTER TABLE stories ADD COLUMN names TEXT NOT NULL DEFAULT '[]';
`;
