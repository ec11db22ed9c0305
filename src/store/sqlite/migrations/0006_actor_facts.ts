/**
 * Migration 6: the stated roles and countries of each registry actor by date, so that the
 * cross-article inference (src/resolve/actors.ts) reads an actor's facts of a time window with
 * one index range, however many articles the actor appears in. A value is here only when the
 * article states it (not inferred, not filled from the registry). Backfilled from the persons.
 */
export const sql = `
CREATE TABLE actor_facts (
  actor_id         TEXT NOT NULL,
  published        TEXT NOT NULL,
  article_id       TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx              INTEGER NOT NULL,
  role             TEXT,                     -- stated role, else NULL
  country          TEXT,                     -- stated country, else NULL
  role_evidence    TEXT,                     -- JSON {start, end} into the article's text
  country_evidence TEXT,
  PRIMARY KEY (actor_id, published, article_id, idx)
) WITHOUT ROWID;

INSERT INTO actor_facts (actor_id, published, article_id, idx, role, country, role_evidence, country_evidence)
SELECT p.actor_id, a.published, p.article_id, p.idx,
  CASE WHEN p.role IS NOT NULL AND p.role_source IS NULL AND (p.role_inferred IS NULL OR p.role_inferred = 0) THEN p.role END,
  CASE WHEN p.country IS NOT NULL AND p.country_source IS NULL AND (p.country_inferred IS NULL OR p.country_inferred = 0) THEN p.country END,
  p.role_evidence, p.country_evidence
FROM persons p JOIN articles a ON a.id = p.article_id
WHERE p.actor_id IS NOT NULL AND a.published IS NOT NULL
  AND ((p.role IS NOT NULL AND p.role_source IS NULL AND (p.role_inferred IS NULL OR p.role_inferred = 0))
    OR (p.country IS NOT NULL AND p.country_source IS NULL AND (p.country_inferred IS NULL OR p.country_inferred = 0)));
`;
