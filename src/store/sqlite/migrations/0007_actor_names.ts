/**
 * Migration 7: an actor's display name is its most frequent full form (actor_names counts the
 * articles that use each), and its country remembers whether an article stated it (an inferred
 * country never keeps two people apart). Backfilled from the persons and facts already stored.
 */
export const sql = `
ALTER TABLE actors ADD COLUMN country_stated INTEGER NOT NULL DEFAULT 0;

CREATE TABLE actor_names (
  actor_id TEXT NOT NULL,
  name     TEXT NOT NULL,
  n        INTEGER NOT NULL,                 -- articles that use this form
  PRIMARY KEY (actor_id, name)
) WITHOUT ROWID;

INSERT INTO actor_names (actor_id, name, n)
SELECT actor_id, name, COUNT(DISTINCT article_id) FROM persons WHERE actor_id IS NOT NULL AND name LIKE '% %' GROUP BY actor_id, name;

UPDATE actors SET country_stated = 1
WHERE EXISTS (SELECT 1 FROM actor_facts f WHERE f.actor_id = actors.id AND f.country = actors.country);

UPDATE actors SET name = (SELECT x.name FROM actor_names x WHERE x.actor_id = actors.id ORDER BY x.n DESC, length(x.name) DESC, x.name LIMIT 1)
WHERE EXISTS (SELECT 1 FROM actor_names x WHERE x.actor_id = actors.id);
`;
