/** Migration 6 (PostgreSQL): an actor's stated roles and countries by date, as in the SQLite adapter's 0006_actor_facts. */
export const sql = `
CREATE TABLE actor_facts (
  actor_id         TEXT COLLATE "C" NOT NULL,
  published        TEXT COLLATE "C" NOT NULL,
  article_id       TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx              INTEGER NOT NULL,
  role             TEXT,
  country          TEXT,
  role_evidence    TEXT,
  country_evidence TEXT,
  PRIMARY KEY (actor_id, published, article_id, idx)
);

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
