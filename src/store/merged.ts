/**
 * Merged events and figure series in the store: the SQL both adapters share (dialect-neutral,
 * `@name` parameters) and the steps of updating them for one article as a generator of
 * statements (src/store/registry.ts's pattern), run inside the article's own transaction so that
 * a re-ingest, which stores nothing, changes nothing. The decisions are src/resolve/events.ts's
 * and src/resolve/figures.ts's; this file only reads and writes.
 *
 * Cost of one article, bounded independently of the store's size: per look-up key of its events,
 * two index ranges of at most PER_KEY candidates (at most MAX_CANDIDATES in all); per candidate,
 * index probes (is one of its mentions of this story, of these report days, of this outlet),
 * never a read of its mentions; one upsert per event touched. For its figures: the series of
 * their keys, the points they touch (running aggregates); the observations of a point only while
 * it has at most EXACT_POINT of them (then exactly as the index settles it), else index probes
 * (outlet seen, observations whose interval lies below or above, up to MAX_CONTRADICTIONS).
 * Never a pass over all stored articles, nor over all mentions of an event or observations of a
 * point.
 */
import type { ArticleRecord, FigureCategory, PloverType, Qualifier, Side } from "../core/types.js";
import { foldName } from "../text/fold.js";
import { DEFAULT_EVENT_INDEX_OPTIONS, EventIndex, type EventMention, type MergedEvent } from "../resolve/events.js";
import {
  contradiction, FigureSeriesIndex, interval, MAX_CONTRADICTIONS, precision, seriesKeyOf, type Contradiction, type FigureObservation,
  type FigureSeriesView, type SeriesPoint,
} from "../resolve/figures.js";
import type { Op, Params, Reader } from "./registry.js";
import { runOps } from "./registry.js";
import type { DateRange, Page, SaveArticleInput } from "./port.js";

/** candidate events read per article (newest first) */
const MAX_CANDIDATES = 128;
const MAX_KEYS = 400;
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100_000;

function inList(prefix: string, xs: readonly string[], params: Params): string {
  return xs.map((x, i) => {
    params[`${prefix}${i}`] = x;
    return `@${prefix}${i}`;
  }).join(", ");
}

const isDay = (s: string | null | undefined): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s);

// ---------------------------------------------------------------- rows

interface MergedEventDb {
  id: string; type: string; mode: string | null;
  source_person: string | null; source_actor: string | null; source_group: string | null;
  target_person: string | null; target_actor: string | null; target_group: string | null;
  mutual: number; date: string | null; dates: string; disputed: number; sources: number; articles: number; mentions: number;
  first_seen: string | null; last_seen: string | null;
}

interface MentionDb {
  article_id: string; idx: number; event_id: string; outlet: string | null; story_id: string | null; published: string | null;
  date: string | null; mode: string | null; span_start: number; span_end: number; evidence: string; rule: string | null;
}

const side = (person: string | null, actor: string | null, group: string | null): Side => ({ person, actor, group });

function eventFrom(r: MergedEventDb, mentions: MentionDb[]): MergedEvent {
  return {
    id: r.id, type: r.type as PloverType, mode: (r.mode ?? null) as MergedEvent["mode"],
    source: side(r.source_person, r.source_actor, r.source_group),
    target: side(r.target_person, r.target_actor, r.target_group),
    mutual: Number(r.mutual) === 1, date: r.date, dates: JSON.parse(r.dates) as MergedEvent["dates"], disputed: Number(r.disputed) === 1,
    sources: Number(r.sources), articles: Number(r.articles),
    mentions: mentions.map(mentionFrom),
  };
}

function mentionFrom(m: MentionDb): EventMention {
  return {
    article: m.article_id, idx: Number(m.idx), outlet: m.outlet, story: m.story_id, published: m.published, date: m.date,
    mode: (m.mode ?? null) as EventMention["mode"], evidence: { start: Number(m.span_start), end: Number(m.span_end), text: m.evidence }, rule: m.rule,
  };
}

function byEvent(rows: MentionDb[]): Map<string, MentionDb[]> {
  const out = new Map<string, MentionDb[]>();
  for (const m of rows) {
    let l = out.get(m.event_id);
    if (!l) out.set(m.event_id, (l = []));
    l.push(m);
  }
  for (const l of out.values()) l.sort((a, b) => (a.published ?? "").localeCompare(b.published ?? "") || a.article_id.localeCompare(b.article_id) || a.idx - b.idx);
  return out;
}

interface SeriesDb {
  id: string; key: string; ord: string; category: string; unit: string; terms: string; countries: string; whats: string; what: string;
  points: number; observations: number; contradictions: number; first_as_of: string | null; last_as_of: string | null;
}

interface ObservationDb {
  article_id: string; idx: number; series_id: string; as_of: string; outlet: string | null; value: number; value_max: number | null;
  qualifier: string; attributed_to: string | null; what: string; span_start: number; span_end: number; evidence: string;
}

interface PointDb {
  series_id: string; as_of: string; value: number; qualifier: string; sources: number; observations: number; contradictions: string;
  n_contradictions: number; best_precision: number | null;
}

function observationFrom(o: ObservationDb): FigureObservation {
  return {
    article: o.article_id, idx: Number(o.idx), outlet: o.outlet, value: Number(o.value), value_max: o.value_max == null ? null : Number(o.value_max),
    qualifier: o.qualifier as Qualifier, attributed_to: o.attributed_to, what: o.what,
    evidence: { start: Number(o.span_start), end: Number(o.span_end), text: o.evidence },
  };
}

// ---------------------------------------------------------------- writing

const UPSERT_EVENT = `INSERT INTO merged_events (id, type, mode, source_person, source_actor, source_group, target_person, target_actor,
    target_group, source_person_key, target_person_key, mutual, date, dates, disputed, sources, articles, mentions, first_seen, last_seen)
  VALUES (@id, @type, @mode, @source_person, @source_actor, @source_group, @target_person, @target_actor,
    @target_group, @source_person_key, @target_person_key, @mutual, @date, @dates, @disputed, @sources, @articles, @mentions, @first_seen, @last_seen)
  ON CONFLICT (id) DO UPDATE SET mode = excluded.mode,
    source_person_key = excluded.source_person_key, target_person_key = excluded.target_person_key,
    source_person = excluded.source_person, source_actor = excluded.source_actor, source_group = excluded.source_group,
    target_person = excluded.target_person, target_actor = excluded.target_actor, target_group = excluded.target_group,
    mutual = excluded.mutual, date = excluded.date, dates = excluded.dates, disputed = excluded.disputed,
    sources = excluded.sources, articles = excluded.articles, mentions = excluded.mentions,
    first_seen = excluded.first_seen, last_seen = excluded.last_seen`;
const INSERT_KEY = `INSERT INTO merged_event_keys (key, event_id, last_seen, date) VALUES (@key, @event_id, @last_seen, @date) ON CONFLICT DO NOTHING`;
/** the key rows carry the event's latest report and best date, so that candidates are an index range of one key */
const TOUCH_KEYS = `UPDATE merged_event_keys SET last_seen = @last_seen, date = @date WHERE event_id = @event_id`;
const RECENT_OF_KEY = `SELECT event_id AS id FROM merged_event_keys WHERE key = @key ORDER BY last_seen DESC, event_id LIMIT @limit`;
const NEAR_OF_KEY = `SELECT event_id AS id FROM merged_event_keys WHERE key = @key AND date >= @lo AND date <= @hi ORDER BY date, event_id LIMIT @limit`;
/** candidates read per look-up key */
const PER_KEY = 8;
const INSERT_MENTION = `INSERT INTO merged_event_mentions (article_id, idx, event_id, outlet, story_id, published, date, mode,
    span_start, span_end, evidence, rule)
  VALUES (@article_id, @idx, @event_id, @outlet, @story_id, @published, @date, @mode, @span_start, @span_end, @evidence, @rule)`;

const UPSERT_SERIES = `INSERT INTO figure_series (id, key, ord, category, unit, terms, countries, whats, what)
  VALUES (@id, @key, @ord, @category, @unit, @terms, @countries, @whats, @what)
  ON CONFLICT (id) DO UPDATE SET countries = excluded.countries, whats = excluded.whats, what = excluded.what`;
const UPSERT_POINT = `INSERT INTO figure_points (series_id, as_of, value, qualifier, sources, observations, n_contradictions, contradictions, best_precision)
  VALUES (@series_id, @as_of, @value, @qualifier, @sources, @observations, @n_contradictions, @contradictions, @best_precision)
  ON CONFLICT (series_id, as_of) DO UPDATE SET value = excluded.value, qualifier = excluded.qualifier, sources = excluded.sources,
    observations = excluded.observations, n_contradictions = excluded.n_contradictions, contradictions = excluded.contradictions,
    best_precision = excluded.best_precision`;
const INSERT_OBSERVATION = `INSERT INTO figure_observations (article_id, idx, series_id, as_of, outlet, value, value_max, qualifier,
    attributed_to, what, span_start, span_end, evidence, lo, hi)
  VALUES (@article_id, @idx, @series_id, @as_of, @outlet, @value, @value_max, @qualifier, @attributed_to, @what, @span_start, @span_end, @evidence,
    @lo, @hi)`;
/** the series' totals, counted incrementally by the article (what a count over its points gives) */
const SERIES_TOTALS = `UPDATE figure_series SET points = @points, observations = @observations, contradictions = @contradictions,
    first_as_of = @first, last_as_of = @last WHERE id = @id`;
/** a point with at most this many observations is settled from all of them; a larger one from its running aggregates */
export const EXACT_POINT = 32;
const SEEN_AT_POINT = "SELECT 1 AS x FROM figure_observations WHERE series_id = @id AND as_of = @as_of AND outlet = @outlet LIMIT 1";
/** stored observations of a point whose interval lies wholly below `lo`, or above `hi` (index ranges, migration 9) */
const BELOW = `SELECT * FROM figure_observations WHERE series_id = @id AND as_of = @as_of AND hi < @lo ORDER BY hi, article_id, idx LIMIT @limit`;
const ABOVE = `SELECT * FROM figure_observations WHERE series_id = @id AND as_of = @as_of AND lo > @hi ORDER BY lo, article_id, idx LIMIT @limit`;

/** The id of an event or series opened by an article's i-th event or figure: stable across runs. */
export const mergedEventId = (article: string, i: number) => `ev:${article}:${i}`;
export const seriesId = (article: string, i: number) => `fs:${article}:${i}`;

/**
 * The statements that merge one article's events into the stored merged events and its figures
 * into the stored series; run inside the article's transaction, after its row is inserted.
 */
export function* mergedOps(input: SaveArticleInput): Generator<Op, void, unknown[]> {
  const r = input.record;
  yield* eventOps(r);
  yield* figureOps(r, input);
}

function* eventOps(r: ArticleRecord): Generator<Op, void, unknown[]> {
  const asserted = r.events.filter((e) => !e.realis || e.realis === "asserted");
  if (!asserted.length) return;
  const keys = [...new Set(asserted.flatMap((e) => EventIndex.lookupKeys(e)))].slice(0, MAX_KEYS);
  let candidates: MergedEvent[] = [];
  const stored = new Map<string, MergedEventDb>();
  if (keys.length) {
    // per key (an index range each): its most recently reported events, and those dated near the dates this
    // article gives (a late report of an old event)
    const dated = asserted.map((e) => e.date).filter(isDay).sort();
    const slack = DEFAULT_EVENT_INDEX_OPTIONS.storyDateSlack;
    const range = dated.length ? { lo: addDays(dated[0]!, -slack), hi: addDays(dated[dated.length - 1]!, slack) } : null;
    const recent: Array<{ id: string }> = [];
    const near: Array<{ id: string }> = [];
    for (const key of keys) {
      recent.push(...((yield { sql: RECENT_OF_KEY, params: { key, limit: PER_KEY }, read: true }) as Array<{ id: string }>));
      if (range) near.push(...((yield { sql: NEAR_OF_KEY, params: { key, ...range, limit: PER_KEY }, read: true }) as Array<{ id: string }>));
    }
    const ids = [...new Set([...near, ...recent].map((x) => x.id))].slice(0, MAX_CANDIDATES);
    if (ids.length) {
      const p1: Params = {};
      const list = inList("e", ids, p1);
      const rows = (yield { sql: `SELECT * FROM merged_events WHERE id IN (${list})`, params: p1, read: true }) as MergedEventDb[];
      for (const x of rows) stored.set(x.id, x);
      // what the merge decision reads of a candidate's mentions, never all of them (an event may have thousands):
      // whether one is of this article's story, and which fall in the days this article's dated events could be reported
      const facts: Array<{ event_id: string; story_id: string | null; published: string | null }> = [];
      if (r.story) {
        // one index probe per candidate (not a scan of its mentions of that story)
        const p2: Params = { ...p1, story: r.story };
        facts.push(...((yield {
          sql: `SELECT e.id AS event_id, CAST(@story AS TEXT) AS story_id, CAST(NULL AS TEXT) AS published FROM merged_events e
            WHERE e.id IN (${list}) AND EXISTS (SELECT 1 FROM merged_event_mentions m WHERE m.event_id = e.id AND m.story_id = @story)`,
          params: p2, read: true,
        }) as typeof facts));
      }
      // the index reads an event's publication days only while it has no date (EventIndex.reportedWithin), and
      // only the days from a date this article gives to reportWindowDays after: probe those days, for those events
      const undated = rows.filter((x) => (JSON.parse(x.dates) as unknown[]).length === 0).map((x) => x.id);
      const window = DEFAULT_EVENT_INDEX_OPTIONS.reportWindowDays;
      const probe = [...new Set(asserted.map((e) => e.date).filter(isDay).flatMap((d) => Array.from({ length: window + 1 }, (_, k) => addDays(d, k))))].sort();
      if (undated.length && probe.length) {
        const p3: Params = {};
        const ul = inList("u", undated, p3);
        const parts = probe.map((day, i) => {
          p3[`d${i}`] = day;
          return `SELECT e.id AS event_id, CAST(NULL AS TEXT) AS story_id, CAST(@d${i} AS TEXT) AS published FROM merged_events e
            WHERE e.id IN (${ul}) AND EXISTS (SELECT 1 FROM merged_event_mentions m WHERE m.event_id = e.id AND m.published = @d${i})`;
        });
        facts.push(...((yield { sql: parts.join(" UNION ALL "), params: p3, read: true }) as typeof facts));
      }
      const order = new Map(ids.map((id, i) => [id, i]));
      // oldest first: the index scans its newest candidates first
      candidates = rows.sort((a, b) => order.get(b.id)! - order.get(a.id)!).map((x) => {
        const ev = eventFrom(x, []);
        // stand-in mentions (never written): one per stored date, story and publication day that matters, so
        // that the index decides as with every mention; the counts are recounted by the store below
        const stub = (o: Partial<EventMention>): EventMention => ({
          article: "", idx: -1, outlet: null, story: null, published: null, date: null, mode: null, evidence: { start: 0, end: 0, text: "" }, rule: null, ...o,
        });
        ev.mentions = [stub({}), ...ev.dates.map((d) => stub({ date: d.date })), ...facts.filter((f) => f.event_id === x.id).map((f) => stub({ story: f.story_id, published: f.published }))];
        return ev;
      });
    }
  }
  const index = EventIndex.fromJSON({ version: 1, events: candidates });
  const ids = index.add({ id: r.id, outlet: r.outlet, published: r.published, story: r.story, events: r.events }, (i) => mergedEventId(r.id, i));
  const pub = isDay(r.published) ? r.published : null;
  for (const id of new Set(ids.filter(Boolean))) {
    const ev = index.get(id)!;
    const old = stored.get(id);
    // the counts, kept incrementally (the article is new to every event; its outlet may not be): one indexed
    // look-up per event and date instead of a count over all of an event's mentions
    const mine = ids.flatMap((x, i) => (x === id ? [r.events[i]!] : []));
    const seen = (yield* outletSeen(old, r.outlet, id, null));
    const dates = old ? (JSON.parse(old.dates) as MergedEvent["dates"]) : [];
    for (const d of new Set(mine.map((e) => e.date).filter(isDay))) {
      let entry = dates.find((x) => x.date === d);
      if (!entry) dates.push((entry = { date: d, mentions: 0, sources: 0 }));
      entry.mentions += mine.filter((e) => e.date === d).length;
      if (!(yield* outletSeen(old, r.outlet, id, d))) entry.sources++;
    }
    dates.sort((a, b) => b.sources - a.sources || b.mentions - a.mentions || a.date.localeCompare(b.date));
    const firstSeen = [old?.first_seen, pub].filter(isDay).sort()[0] ?? null;
    const lastSeen = [old?.last_seen, pub].filter(isDay).sort().pop() ?? null;
    yield {
      sql: UPSERT_EVENT, read: false,
      params: {
        id: ev.id, type: ev.type, mode: ev.mode,
        source_person: ev.source.person ?? null, source_actor: ev.source.actor ?? null, source_group: ev.source.group ?? null,
        target_person: ev.target.person ?? null, target_actor: ev.target.actor ?? null, target_group: ev.target.group ?? null,
        source_person_key: ev.source.person ? foldName(ev.source.person) : null, target_person_key: ev.target.person ? foldName(ev.target.person) : null,
        mutual: ev.mutual ? 1 : 0, date: dates[0]?.date ?? null, dates: JSON.stringify(dates), disputed: dates.length > 1 ? 1 : 0,
        sources: Number(old?.sources ?? 0) + (seen ? 0 : 1), articles: Number(old?.articles ?? 0) + 1, mentions: Number(old?.mentions ?? 0) + mine.length,
        first_seen: firstSeen, last_seen: lastSeen,
      },
    };
    // look-up keys: the event's (when new or its sides grew richer) and each mention's own
    const keys = new Set<string>();
    const sidesOf = (x: { source: Side; target: Side }) => JSON.stringify([x.source.person ?? null, x.source.actor ?? null, x.source.group ?? null, x.target.person ?? null, x.target.actor ?? null, x.target.group ?? null]);
    if (!old || sidesOf(eventFrom(old, [])) !== sidesOf(ev)) for (const k of EventIndex.lookupKeys(ev)) keys.add(k);
    const known = old ? new Set(EventIndex.lookupKeys(eventFrom(old, []))) : new Set<string>();
    for (const e of mine) for (const k of EventIndex.lookupKeys(e)) if (!known.has(k)) keys.add(k);
    const touch = { event_id: id, last_seen: lastSeen ?? "", date: dates[0]?.date ?? null };
    if (old) yield { sql: TOUCH_KEYS, params: touch, read: false };
    for (const key of keys) yield { sql: INSERT_KEY, params: { key, ...touch }, read: false };
  }
  for (const [i, id] of ids.entries()) {
    if (!id) continue;
    const e = r.events[i]!;
    yield {
      sql: INSERT_MENTION, read: false,
      params: {
        article_id: r.id, idx: i, event_id: id, outlet: r.outlet, story_id: r.story, published: pub,
        date: isDay(e.date) ? e.date : null, mode: e.mode ?? null, span_start: e.span.start, span_end: e.span.end, evidence: e.span.text, rule: e.rule ?? null,
      },
    };
  }
}

/** Has this outlet already reported the stored event (on this date)? (An article without outlet is a source of its own.) */
function* outletSeen(old: MergedEventDb | undefined, outlet: string | null, id: string, date: string | null): Generator<Op, boolean, unknown[]> {
  if (!old || !outlet) return false;
  const rows = (yield {
    sql: date
      ? "SELECT 1 AS x FROM merged_event_mentions WHERE event_id = @id AND outlet = @outlet AND date = @date LIMIT 1"
      : "SELECT 1 AS x FROM merged_event_mentions WHERE event_id = @id AND outlet = @outlet LIMIT 1",
    params: date ? { id, outlet, date } : { id, outlet }, read: true,
  }) as unknown[];
  return rows.length > 0;
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(day) + n * 86_400_000).toISOString().slice(0, 10);
}

function* figureOps(rec: ArticleRecord, input: SaveArticleInput): Generator<Op, void, unknown[]> {
  if (!rec.figures.length) return;
  // a count no source dates is taken as of its article's publication (what the outlet reported that day)
  const pub = isDay(rec.published) ? rec.published : null;
  const r = { ...rec, figures: rec.figures.map((f) => (f.as_of || !pub ? f : { ...f, as_of: pub })) };
  const keys = [...new Set(r.figures.map((f) => seriesKeyOf(f).key))].slice(0, MAX_KEYS);
  const p0: Params = {};
  const series = (yield { sql: `SELECT * FROM figure_series WHERE key IN (${inList("k", keys, p0)}) ORDER BY key, ord`, params: p0, read: true }) as SeriesDb[];
  const asOfs = [...new Set(r.figures.map((f) => f.as_of ?? ""))];
  // the stored points the article may touch, by primary key: their running aggregates
  const stored = new Map<string, PointDb>();
  const pointKey = (id: string, asOf: string) => `${id}\u0000${asOf}`;
  let observations: ObservationDb[] = [];
  if (series.length) {
    const p1: Params = {};
    const points = (yield {
      sql: `SELECT * FROM figure_points WHERE series_id IN (${inList("s", series.map((s) => s.id), p1)}) AND as_of IN (${inList("a", asOfs, p1)})`,
      params: p1, read: true,
    }) as PointDb[];
    for (const p of points) stored.set(pointKey(p.series_id, p.as_of), p);
    // a small point is settled from all its observations (as the index does); a large one from its aggregates below
    const small = points.filter((p) => Number(p.observations) <= EXACT_POINT);
    if (small.length) {
      const p2: Params = {};
      const parts = small.map((p, i) => {
        p2[`ps${i}`] = p.series_id;
        p2[`pa${i}`] = p.as_of;
        return `SELECT * FROM figure_observations WHERE series_id = @ps${i} AND as_of = @pa${i}`;
      });
      observations = (yield { sql: parts.join(" UNION ALL "), params: p2, read: true }) as ObservationDb[];
    }
  }
  const index = FigureSeriesIndex.fromJSON({
    version: 1,
    series: series.map((s) => ({
      id: s.id, category: s.category as FigureCategory, unit: s.unit, terms: JSON.parse(s.terms) as string[],
      countries: JSON.parse(s.countries) as string[], whats: JSON.parse(s.whats) as Array<[string, number]>, points: [],
    })),
  });
  observations.sort((a, b) => a.article_id.localeCompare(b.article_id) || a.idx - b.idx);
  for (const o of observations) index.seed(o.series_id, o.as_of || null, observationFrom(o));
  index.settle();
  const ids = index.add({ id: r.id, outlet: r.outlet, figures: r.figures }, (i) => seriesId(r.id, i));
  const ordOf = new Map(series.map((s) => [s.id, s.ord]));
  const raws = new Map(index.toJSON().series.map((s) => [s.id, s]));
  const views = new Map<string, FigureSeriesView>();
  const viewOf = (id: string) => {
    let v = views.get(id);
    if (!v) views.set(id, (v = index.get(id)!));
    return v;
  };
  for (const id of new Set(ids)) {
    const v = viewOf(id);
    const raw = raws.get(id)!;
    const i = ids.indexOf(id);
    yield {
      sql: UPSERT_SERIES, read: false,
      params: {
        id, key: seriesKeyOf(r.figures[i]!).key, ord: ordOf.get(id) ?? `${input.record.published ?? ""}|${r.id}|${String(i).padStart(4, "0")}`,
        category: v.category, unit: v.unit, terms: JSON.stringify(raw.terms), countries: JSON.stringify([...raw.countries].sort()),
        whats: JSON.stringify(raw.whats), what: v.what,
      },
    };
  }
  // the article's observations by point, in article order
  const mine = new Map<string, { id: string; asOf: string; obs: FigureObservation[] }>();
  for (const [i, f] of r.figures.entries()) {
    const k = pointKey(ids[i]!, f.as_of ?? "");
    let t = mine.get(k);
    if (!t) mine.set(k, (t = { id: ids[i]!, asOf: f.as_of ?? "", obs: [] }));
    t.obs.push({
      article: r.id, idx: i, outlet: r.outlet, value: f.value, value_max: f.value_max ?? null, qualifier: f.qualifier,
      attributed_to: f.attributed_to, what: f.what, evidence: f.span,
    });
  }
  // each touched point's new state (read before the article's observations are written)
  const updates: PointUpdate[] = [];
  for (const [k, t] of mine) {
    const old = stored.get(k);
    if (!old || Number(old.observations) <= EXACT_POINT) {
      // every observation of the point is in the index: exact
      const v = viewOf(t.id);
      const p = v.points.find((x) => (x.as_of ?? "") === t.asOf)!;
      updates.push({
        id: t.id, asOf: t.asOf, old, value: p.value, qualifier: p.qualifier, precision: Math.max(...p.observations.map(precision)),
        sources: p.sources, observations: p.observations.length, contradictions: v.contradictions.filter((c) => (c.as_of ?? "") === t.asOf),
      });
      continue;
    }
    updates.push(yield* largePoint(old, t.obs));
  }
  for (const [i, f] of r.figures.entries()) {
    const [lo, hi] = interval(f.value, f.qualifier, f.value_max ?? null);
    yield {
      sql: INSERT_OBSERVATION, read: false,
      params: {
        article_id: r.id, idx: i, series_id: ids[i]!, as_of: f.as_of ?? "", outlet: r.outlet, value: f.value, value_max: f.value_max ?? null,
        qualifier: f.qualifier, attributed_to: f.attributed_to, what: f.what, span_start: f.span.start, span_end: f.span.end, evidence: f.span.text,
        lo, hi: Number.isFinite(hi) ? hi : null,
      },
    };
  }
  const totals = new Map(series.map((s) => [s.id, {
    points: Number(s.points), observations: Number(s.observations), contradictions: Number(s.contradictions), first: s.first_as_of, last: s.last_as_of,
  }]));
  for (const u of updates) {
    yield {
      sql: UPSERT_POINT, read: false,
      params: {
        series_id: u.id, as_of: u.asOf, value: u.value, qualifier: u.qualifier, sources: u.sources, observations: u.observations,
        n_contradictions: u.contradictions.length, contradictions: JSON.stringify(u.contradictions), best_precision: u.precision,
      },
    };
    // the series' totals, kept incrementally (what a count over its points gives)
    let s = totals.get(u.id);
    if (!s) totals.set(u.id, (s = { points: 0, observations: 0, contradictions: 0, first: null, last: null }));
    if (!u.old) s.points++;
    s.observations += u.observations - Number(u.old?.observations ?? 0);
    s.contradictions += u.contradictions.length - Number(u.old?.n_contradictions ?? 0);
    if (u.asOf !== "") {
      if (s.first === null || u.asOf < s.first) s.first = u.asOf;
      if (s.last === null || u.asOf > s.last) s.last = u.asOf;
    }
  }
  for (const id of new Set(ids)) {
    const s = totals.get(id)!;
    yield { sql: SERIES_TOTALS, params: { id, points: s.points, observations: s.observations, contradictions: s.contradictions, first: s.first, last: s.last }, read: false };
  }
}

/**
 * A point of more than EXACT_POINT observations, updated from its stored aggregates: the value of
 * the most precise observation (running), the sources (one indexed probe per new outlet), the
 * contradictions up to MAX_CONTRADICTIONS (stored observations whose interval lies wholly below or
 * above a new one: two index ranges, cut at the room left). Never reads all its observations.
 */
interface PointUpdate {
  id: string; asOf: string; old: PointDb | undefined; value: number; qualifier: string; precision: number; sources: number;
  observations: number; contradictions: Contradiction[];
}

function* largePoint(old: PointDb, obs: FigureObservation[]): Generator<Op, PointUpdate, unknown[]> {
  const id = old.series_id;
  const asOf = old.as_of;
  let best = { value: Number(old.value), qualifier: old.qualifier, value_max: null as number | null, p: old.best_precision == null ? 0 : Number(old.best_precision) };
  for (const o of obs) {
    const p = precision(o);
    if (p > best.p || (p === best.p && o.value > best.value)) best = { value: o.value, qualifier: o.qualifier, value_max: o.value_max, p };
  }
  let sources = Number(old.sources);
  const seen = new Set<string>();
  for (const o of obs) {
    const src = o.outlet ?? `article:${o.article}`;
    if (seen.has(src)) continue;
    seen.add(src);
    if (o.outlet) {
      const hit = (yield { sql: SEEN_AT_POINT, params: { id, as_of: asOf, outlet: o.outlet }, read: true }) as unknown[];
      if (hit.length) continue;
    }
    sources++;
  }
  const cs = JSON.parse(old.contradictions) as Contradiction[];
  const day = asOf || null;
  for (const [j, o] of obs.entries()) {
    const [lo, hi] = interval(o.value, o.qualifier, o.value_max);
    const found: ObservationDb[] = [];
    if (cs.length < MAX_CONTRADICTIONS) found.push(...((yield { sql: BELOW, params: { id, as_of: asOf, lo, limit: MAX_CONTRADICTIONS - cs.length }, read: true }) as ObservationDb[]));
    if (cs.length + found.length < MAX_CONTRADICTIONS && Number.isFinite(hi)) {
      found.push(...((yield { sql: ABOVE, params: { id, as_of: asOf, hi, limit: MAX_CONTRADICTIONS - cs.length - found.length }, read: true }) as ObservationDb[]));
    }
    for (const a of found) {
      const c = contradiction(day, observationFrom(a), o);
      if (c && cs.length < MAX_CONTRADICTIONS) cs.push(c);
    }
    for (const a of obs.slice(0, j)) {
      const c = contradiction(day, a, o);
      if (c && cs.length < MAX_CONTRADICTIONS) cs.push(c);
    }
  }
  return {
    id, asOf, old, value: best.value, qualifier: best.qualifier, precision: best.p, sources,
    observations: Number(old.observations) + obs.length, contradictions: cs,
  };
}

// ---------------------------------------------------------------- reading

export interface MergedEventFilter extends Page, DateRange {
  type?: string;
  /** actor code or group name, on either side */
  actor?: string;
  /** person name or surname (folded) on either side */
  person?: string;
  /** at least this many sources */
  min_sources?: number;
  story?: string;
  article?: string;
}

export interface FigureSeriesFilter extends Page {
  category?: string;
  /** words of the quantity: case-insensitive substring of its wording */
  what?: string;
  /** only series with at least this many points */
  min_points?: number;
  /** only series with a contradiction */
  contradicted?: boolean;
}

function page(p: Page | undefined, params: Params): string {
  params.limit = Math.min(Math.max(0, Math.floor(p?.limit ?? DEFAULT_LIMIT)), MAX_LIMIT);
  params.offset = Math.max(0, Math.floor(p?.offset ?? 0));
  return "LIMIT @limit OFFSET @offset";
}

/** Merged events, best-supported date first (newest), each with every mention. */
export async function listMergedEvents(q: Reader, f: MergedEventFilter = {}): Promise<MergedEvent[]> {
  const where: string[] = [];
  const params: Params = {};
  if (f.type) {
    where.push("e.type = @type");
    params.type = f.type.toUpperCase();
  }
  if (f.actor) {
    where.push(`(e.source_actor = @actor_code OR e.target_actor = @actor_code OR lower(e.source_group) = @actor_lc OR lower(e.target_group) = @actor_lc)`);
    params.actor_code = f.actor.toUpperCase();
    params.actor_lc = f.actor.toLowerCase();
  }
  if (f.person) {
    // the person of any mention's side is kept on the event as its richest form: match on the event's sides
    const k = foldName(f.person);
    where.push(`(e.source_person_key = @pk OR e.target_person_key = @pk OR e.source_person_key LIKE @pk_suffix OR e.target_person_key LIKE @pk_suffix)`);
    params.pk = k;
    params.pk_suffix = `% ${k.replace(/[\\%_]/g, "")}`;
  }
  if (f.min_sources) {
    where.push("e.sources >= @min_sources");
    params.min_sources = f.min_sources;
  }
  if (f.story) {
    where.push("e.id IN (SELECT event_id FROM merged_event_mentions WHERE story_id = @story)");
    params.story = f.story;
  }
  if (f.article) {
    where.push("e.id IN (SELECT event_id FROM merged_event_mentions WHERE article_id = @article)");
    params.article = f.article;
  }
  if (f.from) {
    where.push("COALESCE(e.date, e.last_seen) >= @from");
    params.from = f.from;
  }
  if (f.to) {
    where.push("COALESCE(e.date, e.first_seen) <= @to || '~'");
    params.to = f.to;
  }
  const lim = page(f, params);
  const rows = await q<MergedEventDb>(
    `SELECT e.* FROM merged_events e ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
     ORDER BY COALESCE(e.date, e.first_seen, '') DESC, e.sources DESC, e.id ${lim}`,
    params,
  );
  if (!rows.length) return [];
  const p1: Params = {};
  const ms = byEvent(await q<MentionDb>(`SELECT * FROM merged_event_mentions WHERE event_id IN (${inList("e", rows.map((r) => r.id), p1)})`, p1));
  return rows.map((r) => eventFrom(r, ms.get(r.id) ?? []));
}

/** Figure series, most observed first, each with its points (observations and contradictions). */
export async function listFigureSeries(q: Reader, f: FigureSeriesFilter = {}): Promise<FigureSeriesView[]> {
  const where: string[] = [];
  const params: Params = {};
  if (f.category) {
    where.push("s.category = @category");
    params.category = f.category.toLowerCase();
  }
  if (f.what) {
    where.push("lower(s.whats) LIKE @what");
    params.what = `%${f.what.toLowerCase().replace(/[\\%_"]/g, "")}%`;
  }
  if (f.min_points) {
    where.push("s.points >= @min_points");
    params.min_points = f.min_points;
  }
  if (f.contradicted) where.push("s.contradictions > 0");
  const lim = page(f, params);
  const rows = await q<SeriesDb>(
    `SELECT s.* FROM figure_series s ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
     ORDER BY s.points DESC, s.observations DESC, s.id ${lim}`,
    params,
  );
  if (!rows.length) return [];
  const p1: Params = {};
  const list = inList("s", rows.map((r) => r.id), p1);
  const [points, obs] = [
    await q<PointDb>(`SELECT * FROM figure_points WHERE series_id IN (${list}) ORDER BY series_id, as_of`, p1),
    await q<ObservationDb>(`SELECT * FROM figure_observations WHERE series_id IN (${list}) ORDER BY series_id, as_of, article_id, idx`, p1),
  ];
  return rows.map((s) => {
    const pts: SeriesPoint[] = points.filter((p) => p.series_id === s.id).map((p) => ({
      as_of: p.as_of || null, value: Number(p.value), qualifier: p.qualifier as Qualifier, sources: Number(p.sources),
      observations: obs.filter((o) => o.series_id === s.id && o.as_of === p.as_of).map(observationFrom),
    }));
    // undated points last, dated ones in date order
    pts.sort((a, b) => (a.as_of === null ? 1 : 0) - (b.as_of === null ? 1 : 0) || (a.as_of ?? "").localeCompare(b.as_of ?? ""));
    const contradictions = points.filter((p) => p.series_id === s.id).flatMap((p) => JSON.parse(p.contradictions) as Contradiction[]);
    return {
      id: s.id, category: s.category as FigureCategory, unit: s.unit, what: s.what,
      key: [...(JSON.parse(s.terms) as string[]), ...(JSON.parse(s.countries) as string[])],
      points: pts, contradictions,
    };
  });
}

/** For the CAMEO/PLOVER exporters: per stored event (article, idx), its merged event's counts. */
export async function mergedCounts(q: Reader): Promise<Map<string, { id: string; sources: number; articles: number; mentions: number }>> {
  const rows = await q<{ article_id: string; idx: number; id: string; sources: number; articles: number; mentions: number }>(
    `SELECT m.article_id, m.idx, e.id, e.sources, e.articles, e.mentions FROM merged_event_mentions m JOIN merged_events e ON e.id = m.event_id`,
    {},
  );
  return new Map(rows.map((r) => [`${r.article_id}#${r.idx}`, { id: r.id, sources: Number(r.sources), articles: Number(r.articles), mentions: Number(r.mentions) }]));
}

export { runOps };

// ---------------------------------------------------------------- backfill

/** The migration that creates these tables: articles stored before it are merged right after it, oldest first. */
export const MERGED_MIGRATION = 8;
export const UNMERGED_ARTICLES = `SELECT a.id FROM articles a
  WHERE (EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id)
      AND NOT EXISTS (SELECT 1 FROM merged_event_mentions m WHERE m.article_id = a.id))
    OR (EXISTS (SELECT 1 FROM figures g WHERE g.article_id = a.id)
      AND NOT EXISTS (SELECT 1 FROM figure_observations o WHERE o.article_id = a.id))
  ORDER BY a.published, a.id`;

/** Merges one article stored before the merged tables existed (its events and figures as stored). */
export function* backfillOps(articleId: string): Generator<Op, void, unknown[]> {
  const params = { id: articleId };
  const [a] = (yield { sql: "SELECT id, outlet, published, story_id FROM articles WHERE id = @id", params, read: true }) as Array<{
    id: string; outlet: string | null; published: string | null; story_id: string | null;
  }>;
  if (!a) return;
  const done = (yield { sql: "SELECT 1 AS x FROM merged_event_mentions WHERE article_id = @id UNION ALL SELECT 1 AS x FROM figure_observations WHERE article_id = @id", params, read: true }) as unknown[];
  if (done.length) return;
  const events = (yield { sql: "SELECT * FROM events WHERE article_id = @id ORDER BY idx", params, read: true }) as Array<Record<string, string | number | null>>;
  const figures = (yield { sql: "SELECT * FROM figures WHERE article_id = @id ORDER BY idx", params, read: true }) as Array<Record<string, string | number | null>>;
  const s = (v: string | number | null | undefined) => (v == null ? null : String(v));
  const span = (r: Record<string, string | number | null>) => ({ start: Number(r.span_start), end: Number(r.span_end), text: String(r.evidence) });
  const record = {
    id: a.id, outlet: a.outlet, published: a.published, story: a.story_id,
    events: events.map((r) => ({
      type: String(r.type) as PloverType, mode: s(r.mode) as ArticleRecord["events"][number]["mode"],
      source: side(s(r.source_person), s(r.source_actor), s(r.source_group)), target: side(s(r.target_person), s(r.target_actor), s(r.target_group)),
      date: s(r.date), realis: String(r.realis) as ArticleRecord["events"][number]["realis"], mutual: Number(r.mutual) === 1 || r.mutual === (true as unknown),
      evidence: String(r.evidence), span: span(r), rule: String(r.rule),
    })),
    figures: figures.map((r) => ({
      what: String(r.what), value: Number(r.value), value_max: r.value_max == null ? null : Number(r.value_max), qualifier: String(r.qualifier) as Qualifier,
      unit: String(r.unit), category: String(r.category) as FigureCategory, as_of: s(r.as_of), attributed_to: s(r.attributed_to),
      rule: String(r.rule), evidence: String(r.evidence), span: span(r),
    })),
  } as unknown as ArticleRecord;
  yield* mergedOps({ record, text: "", origin: "", story: null });
}
