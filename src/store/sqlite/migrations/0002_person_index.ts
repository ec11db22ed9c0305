/**
 * Migration 2: persons aggregated across articles by folded name, kept up to date in each
 * article's transaction, so that listing persons does not scan every mention of the most
 * frequent ones. Backfilled from the persons already stored.
 */
export const sql = `
CREATE TABLE person_index (
  name_key   TEXT PRIMARY KEY,
  name       TEXT NOT NULL,                -- the name of the latest appearance
  role       TEXT,                         -- the latest known role
  country    TEXT,                         -- the latest known country
  articles   INTEGER NOT NULL,
  first_seen TEXT,
  last_seen  TEXT
);
CREATE INDEX person_index_articles ON person_index(articles DESC, name_key);

INSERT INTO person_index (name_key, name, role, country, articles, first_seen, last_seen)
SELECT g.name_key,
  (SELECT x.name FROM persons x JOIN articles y ON y.id = x.article_id WHERE x.name_key = g.name_key
     ORDER BY y.published IS NULL, y.published DESC LIMIT 1),
  (SELECT x.role FROM persons x JOIN articles y ON y.id = x.article_id WHERE x.name_key = g.name_key AND x.role IS NOT NULL
     ORDER BY y.published IS NULL, y.published DESC LIMIT 1),
  (SELECT x.country FROM persons x JOIN articles y ON y.id = x.article_id WHERE x.name_key = g.name_key AND x.country IS NOT NULL
     ORDER BY y.published IS NULL, y.published DESC LIMIT 1),
  g.articles, g.first_seen, g.last_seen
FROM (SELECT p.name_key, COUNT(DISTINCT p.article_id) AS articles, MIN(a.published) AS first_seen, MAX(a.published) AS last_seen
      FROM persons p JOIN articles a ON a.id = p.article_id GROUP BY p.name_key) g;
`;
