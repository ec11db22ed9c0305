/**
 * Migration 9 (PostgreSQL), as in SQLite's 0009: the interval of each figure observation (lo, hi;
 * hi NULL when unbounded) indexed per point, each point's best precision as a running aggregate,
 * an index of each point's outlets, and partial indexes of actor_facts for stated roles and
 * countries, so that merging one article never reads a whole point or a whole actor's facts.
 * Backfilled from the stored rows.
 */
const ROUND = "(value = trunc(value) AND value >= 1000 AND mod(trunc(value)::numeric, 1000) = 0)";
export const sql = `
ALTER TABLE figure_observations ADD COLUMN lo DOUBLE PRECISION;
ALTER TABLE figure_observations ADD COLUMN hi DOUBLE PRECISION;
ALTER TABLE figure_points ADD COLUMN best_precision INTEGER;

UPDATE figure_observations SET
  lo = CASE
    WHEN value_max IS NOT NULL AND value_max > value THEN value
    WHEN qualifier = 'at least' THEN value
    WHEN qualifier = 'more than' THEN value + 1e-9
    WHEN qualifier IN ('up to', 'fewer than') THEN 0
    WHEN qualifier = 'about' THEN value * 0.9
    WHEN ${ROUND} THEN value * (1 - 0.05)
    ELSE value END,
  hi = CASE
    WHEN value_max IS NOT NULL AND value_max > value THEN value_max
    WHEN qualifier IN ('at least', 'more than') THEN NULL
    WHEN qualifier = 'up to' THEN value
    WHEN qualifier = 'fewer than' THEN value - 1e-9
    WHEN qualifier = 'about' THEN value * 1.1
    WHEN ${ROUND} THEN value * (1 + 0.05)
    ELSE value END;

UPDATE figure_points SET best_precision = (
  SELECT MAX(CASE
    WHEN o.qualifier = 'exactly' AND o.value_max IS NULL THEN (CASE WHEN ${ROUND.replace(/value/g, "o.value")} THEN 2 ELSE 3 END)
    WHEN o.qualifier = 'about' THEN 1
    ELSE 0 END)
  FROM figure_observations o WHERE o.series_id = figure_points.series_id AND o.as_of = figure_points.as_of);

CREATE INDEX figure_observations_lo ON figure_observations (series_id, as_of, lo, article_id, idx);
CREATE INDEX figure_observations_hi ON figure_observations (series_id, as_of, hi, article_id, idx);
CREATE INDEX figure_observations_outlet ON figure_observations (series_id, as_of, outlet);

CREATE INDEX actor_facts_role ON actor_facts (actor_id, published, article_id, idx) WHERE role IS NOT NULL;
CREATE INDEX actor_facts_country ON actor_facts (actor_id, published, article_id, idx) WHERE country IS NOT NULL;
`;
