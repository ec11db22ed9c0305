/** Migration 4: what the story resolver says of a story: its key actors and names (JSON arrays). */
export const sql = `
ALTER TABLE stories ADD COLUMN actors TEXT NOT NULL DEFAULT '[]';
ALTER TABLE stories ADD COLUMN names TEXT NOT NULL DEFAULT '[]';
`;
