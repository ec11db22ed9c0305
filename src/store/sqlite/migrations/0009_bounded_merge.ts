/**
 * Migration 9: what keeps the cost of merging one article flat as the store grows
 * (src/store/merged.ts, src/store/registry.ts).
 * - figure_observations.lo / hi: the interval of values an observation allows (src/resolve/figures.ts
 *   `interval`; hi NULL when unbounded), indexed per point, so that the observations a new one
 *   contradicts are two index ranges instead of a pass over the point;
 * - figure_points.best_precision: the precision of the point's value, a running aggregate, so that
 *   a large point is updated without reading its observations; and an index of each point's outlets;
 * - partial indexes of actor_facts by actor and date for stated roles and stated countries, so that
 *   the nearest stated fact is one index seek each way.
 * Backfilled from the stored rows.
 */
const ROUND = "(CAST(value AS INTEGER) = value AND value >= 1000 AND CAST(value AS INTEGER) % 1000 = 0)";
export const sql = `
ALTER TABLE figure_observations ADD COLUMN lo REAL;
ALTER TABLE figure_observations ADD COLUMN hi REAL;
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
