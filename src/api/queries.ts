/**
 * Views the API and the web app need that the store port does not offer as one call, composed
 * from port methods only (no SQL here), so that they work on every adapter:
 *
 *   storySummaries  stories with their sources count and key actors      (port: listStoriesDetailed)
 *   storyView       a story's timeline of events (merged across articles, each with its sources),
 *                   its figures, quotes and articles                      (port: getStoryTimeline)
 *   network         who engaged with whom: nodes and weighted edges        (port: eventEdges)
 *   figureSeries    figures per quantity over time, contradictions marked (resolve: figure series)
 *   places          places with coordinates, and events located at them    (port: listPlaces)
 *                   (reads the records of the newest PLACES_MAX_ARTICLES articles)
 *   searchAll       full-text hits plus persons whose name matches         (port: searchNames)
 *
 * Each one reads whole listings (bounded by ALL) and aggregates in memory: fine for a desk-sized
 * store; a large deployment wants the port methods named above.
 */
import type { ArticleRecord } from "../core/types.js";
import type { MergedEvent } from "../resolve/events.js";
import type { ArticleRow, EventRow, FigureRow, SideRow, Store, StoryRow } from "../store/port.js";
import { foldName } from "../text/fold.js";
import { actorName } from "./names.js";
import type {
  Actor, FigureSeries, Network, NetworkEdge, NetworkNode, PlacePoint, SearchResult, SeriesPoint, StorySummary, StoryView, TimelineEvent,
} from "./types.js";

export type {
  Actor, FigureSeries, Network, NetworkEdge, NetworkNode, PlacePoint, SearchResult, SeriesPoint, StorySummary, StoryView, TimelineEvent, TimelineSource,
} from "./types.js";

/** Upper bound of rows read by one composed query. */
export const ALL = 100_000;

/** The actor a side of an event names: the person when there is one, else the group, else the code. */
export function actorOf(s: SideRow): Actor | null {
  if (s.person) return { id: `p:${foldName(s.person)}`, label: s.person, kind: "person", code: s.actor ?? null };
  if (s.group) return { id: `g:${foldName(s.group)}`, label: s.group, kind: "group", code: s.actor ?? null };
  if (s.actor) return { id: `a:${s.actor}`, label: actorName(s.actor), kind: "actor", code: s.actor };
  return null;
}

/** True when the side matches an actor filter (person name, surname, group or code; folded). */
export function sideMatches(s: SideRow, needle: string): boolean {
  const n = foldName(needle);
  if (!n) return false;
  if (s.actor && (s.actor.toLowerCase() === needle.trim().toLowerCase() || foldName(actorName(s.actor)) === n)) return true;
  for (const v of [s.person, s.group]) {
    if (!v) continue;
    const f = foldName(v);
    if (f === n || f.split(" ").includes(n)) return true;
  }
  return false;
}

// ---------------------------------------------------------------- stories

async function summarize(store: Store, s: StoryRow): Promise<StorySummary & { articleRows: ArticleRow[]; eventRows: EventRow[] }> {
  const detail = await store.getStory(s.id);
  const articles = detail?.articles ?? [];
  const events = await store.listEvents({ story: s.id, limit: ALL });
  const outlets = [...new Set(articles.map((a) => a.outlet).filter((o): o is string => !!o))].sort();
  const sources = outlets.length + articles.filter((a) => !a.outlet).length;
  const count = new Map<string, { label: string; kind: Actor["kind"]; code: string | null; count: number }>();
  for (const e of events) {
    for (const side of [e.source, e.target]) {
      const a = actorOf(side);
      if (!a) continue;
      const cur = count.get(a.id) ?? { label: a.label, kind: a.kind, code: a.code, count: 0 };
      cur.count++;
      count.set(a.id, cur);
    }
  }
  // persons are the most telling actors: rank them first, then groups and countries
  const rank = (k: Actor["kind"]) => (k === "person" ? 0 : k === "group" ? 1 : 2);
  const key_actors = [...count.values()]
    .sort((a, b) => rank(a.kind) - rank(b.kind) || b.count - a.count || a.label.localeCompare(b.label))
    .slice(0, 6);
  return { ...s, sources, outlet_names: outlets, key_actors, events: events.length, articleRows: articles, eventRows: events };
}

const newestFirst = (a: StoryRow, b: StoryRow) =>
  (b.last_date ?? "").localeCompare(a.last_date ?? "") || b.article_count - a.article_count || a.id.localeCompare(b.id);

export async function storySummaries(
  store: Store,
  q: { limit: number; offset: number; from?: string; to?: string; actor?: string; outlet?: string },
): Promise<StorySummary[]> {
  const filtered = q.actor !== undefined || q.outlet !== undefined;
  const rows = await store.listStories(filtered ? { from: q.from, to: q.to, limit: ALL } : { from: q.from, to: q.to, limit: q.limit, offset: q.offset });
  const out: StorySummary[] = [];
  // the port filters the dates (a story overlapping the range) and pages; actor and outlet are filtered here
  for (const s of rows.sort(newestFirst)) {
    const { articleRows, eventRows, ...sum } = await summarize(store, s);
    if (q.outlet && !articleRows.some((a) => a.outlet && foldName(a.outlet) === foldName(q.outlet!))) continue;
    if (q.actor && !eventRows.some((e) => sideMatches(e.source, q.actor!) || sideMatches(e.target, q.actor!))) continue;
    out.push(sum);
  }
  return filtered ? out.slice(q.offset, q.offset + q.limit) : out;
}

/** The key two reports of one event share: type, the two sides (either order for mutual types) and the date. */
function eventKey(e: EventRow): string {
  const a = actorOf(e.source)?.id ?? "?";
  const b = actorOf(e.target)?.id ?? "?";
  const [x, y] = e.mutual || e.type === "CONSULT" || e.type === "COOPERATE" ? [a, b].sort() : [a, b];
  return `${e.type}|${x}|${y}|${e.date ?? ""}|${e.realis}`;
}

/** Merges event reports into timeline entries, oldest first (undated last). */
export function timeline(events: EventRow[], articles: Map<string, ArticleRow>): TimelineEvent[] {
  const byKey = new Map<string, TimelineEvent>();
  for (const e of events) {
    const k = eventKey(e);
    let t = byKey.get(k);
    if (!t) {
      t = { type: e.type, mode: e.mode, source: e.source, target: e.target, date: e.date, realis: e.realis, mutual: e.mutual, sources: [] };
      byKey.set(k, t);
    }
    t.sources.push({
      article: e.article, title: e.title, outlet: articles.get(e.article)?.outlet ?? null, published: e.published,
      idx: e.idx, rule: e.rule, span: e.span,
    });
  }
  return [...byKey.values()].sort(
    (a, b) => (a.date === null ? 1 : 0) - (b.date === null ? 1 : 0) || (a.date ?? "").localeCompare(b.date ?? "") || b.sources.length - a.sources.length,
  );
}

/**
 * A story's timeline from the events merged in the store (src/store/merged.ts): one entry per
 * real event with the reports of it among the story's articles, its best-supported date. Events
 * not reported as having happened (planned, denied) are in no merged event: they are grouped as
 * timeline() does. A store without merged events for the story (filled before they existed) falls
 * back to timeline().
 */
export function mergedTimeline(merged: MergedEvent[], events: EventRow[], articles: Map<string, ArticleRow>): TimelineEvent[] {
  const covered = new Set<string>();
  const out: TimelineEvent[] = [];
  for (const m of merged) {
    const sources: TimelineEvent["sources"] = [];
    for (const x of m.mentions) {
      const a = articles.get(x.article);
      if (!a) continue;
      covered.add(`${x.article}#${x.idx}`);
      sources.push({ article: x.article, title: a.title, outlet: x.outlet, published: x.published, idx: x.idx, rule: x.rule ?? "", span: x.evidence });
    }
    if (!sources.length) continue;
    const side = (v: MergedEvent["source"]) => ({ person: v.person ?? null, actor: v.actor ?? null, group: v.group ?? null });
    out.push({ type: m.type, mode: m.mode, source: side(m.source), target: side(m.target), date: m.date, realis: "asserted", mutual: m.mutual, sources });
  }
  const rest = events.filter((e) => !covered.has(`${e.article}#${e.idx}`));
  return [...out, ...timeline(rest, articles)].sort(
    (a, b) => (a.date === null ? 1 : 0) - (b.date === null ? 1 : 0) || (a.date ?? "").localeCompare(b.date ?? "") || b.sources.length - a.sources.length,
  );
}

export async function storyView(store: Store, id: string): Promise<StoryView | null> {
  const s = await store.getStory(id);
  if (!s) return null;
  const { articles: _a, ...row } = s;
  const { articleRows, eventRows, ...sum } = await summarize(store, row);
  const byId = new Map(articleRows.map((a) => [a.id, a]));
  const [figures, quotes, persons] = await Promise.all([
    store.listFigures({ story: id, limit: ALL }),
    store.listQuotes({ story: id, limit: ALL }),
    store.listActors({ story: id, limit: 200 }),
  ]);
  const merged = await store.listMergedEvents({ story: id, limit: ALL });
  return { ...sum, articles: articleRows, timeline: mergedTimeline(merged, eventRows, byId), figures, quotes, persons };
}

// ---------------------------------------------------------------- network

export async function network(
  store: Store,
  q: { from?: string; to?: string; types?: string[]; story?: string; actor?: string; outlet?: string; all?: string },
): Promise<Network> {
  let events = await store.listEvents({ from: q.from, to: q.to, story: q.story, outlet: q.outlet, limit: ALL });
  if (q.all !== "1" && q.all !== "true") events = events.filter((e) => e.realis === "asserted");
  if (q.actor) events = events.filter((e) => sideMatches(e.source, q.actor!) || sideMatches(e.target, q.actor!));
  const types: Record<string, number> = {};
  for (const e of events) types[e.type] = (types[e.type] ?? 0) + 1;
  if (q.types?.length) events = events.filter((e) => q.types!.includes(e.type));
  const nodes = new Map<string, NetworkNode>();
  const edges = new Map<string, NetworkEdge>();
  for (const e of events) {
    const a = actorOf(e.source);
    const b = actorOf(e.target);
    if (!a || !b || a.id === b.id) continue;
    for (const x of [a, b]) {
      const n = nodes.get(x.id) ?? { ...x, count: 0 };
      n.count++;
      nodes.set(x.id, n);
    }
    const [s, t] = [a.id, b.id].sort() as [string, string];
    const id = `${s}~${t}`;
    const edge = edges.get(id) ?? { id, source: s, target: t, count: 0, types: {}, events: [] };
    edge.count++;
    edge.types[e.type] = (edge.types[e.type] ?? 0) + 1;
    if (edge.events.length < 20) edge.events.push({ article: e.article, idx: e.idx, type: e.type, date: e.date, span: e.span, title: e.title });
    edges.set(id, edge);
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()], types };
}

// ---------------------------------------------------------------- figures

/** The range of values a figure claims. */
function claimRange(f: { value: number; value_max: number | null; qualifier: string }): [number, number] {
  const v = f.value;
  if (f.value_max != null) return [v, f.value_max];
  switch (f.qualifier) {
    case "at least":
    case "more than":
      return [v, Infinity];
    case "up to":
    case "fewer than":
      return [0, v];
    case "about":
      return [v * 0.85, v * 1.15];
    default:
      return [v, v];
  }
}

const CATEGORY_WORDS = new Set([
  "killed", "dead", "died", "deaths", "death", "lives", "lost", "injured", "wounded", "hurt", "fled", "displaced", "refugees",
  "the", "a", "an", "of", "who", "have", "been", "were", "was", "in", "at", "people", "country",
]);
const subjectWords = (what: string) => new Set(foldName(what).split(" ").filter((w) => w && !CATEGORY_WORDS.has(w)));

/** Two figures speak of the same quantity when their subject words overlap (or either has none: "people killed"). */
function sameQuantity(a: string, b: string): boolean {
  const x = subjectWords(a);
  const y = subjectWords(b);
  if (!x.size || !y.size) return true;
  for (const w of x) if (y.has(w)) return true;
  return false;
}

/**
 * Two points contradict when they speak of the same quantity on the same day, come from
 * different articles, and the ranges they claim do not meet (with 5% slack).
 */
export function contradict(a: SeriesPoint, b: SeriesPoint): boolean {
  if (a.article === b.article || !a.date || a.date !== b.date || a.date.length < 10) return false;
  if (!sameQuantity(a.what, b.what)) return false;
  const [a0, a1] = claimRange(a);
  const [b0, b1] = claimRange(b);
  return a1 * 1.05 < b0 || b1 * 1.05 < a0;
}

export function seriesOf(figures: FigureRow[], leads: Map<string, string> = new Map()): FigureSeries[] {
  const byKey = new Map<string, FigureSeries>();
  for (const f of figures) {
    const key = `${f.category}|${f.unit}`;
    const s = byKey.get(key) ?? { key, category: f.category, unit: f.unit, points: [] };
    s.points.push({
      date: f.as_of ?? f.published, value: f.value, value_max: f.value_max, qualifier: f.qualifier, what: f.what,
      attributed_to: f.attributed_to, article: f.article, title: f.title, lead: leads.get(f.article) ?? null, idx: f.idx, rule: f.rule, span: f.span, contradicts: [],
    });
    byKey.set(key, s);
  }
  for (const s of byKey.values()) {
    s.points.sort((a, b) => (a.date ?? "~").localeCompare(b.date ?? "~") || a.value - b.value);
    for (let i = 0; i < s.points.length; i++) {
      for (let j = i + 1; j < s.points.length; j++) {
        if (contradict(s.points[i]!, s.points[j]!)) {
          s.points[i]!.contradicts.push(j);
          s.points[j]!.contradicts.push(i);
        }
      }
    }
  }
  return [...byKey.values()].sort((a, b) => b.points.length - a.points.length || a.key.localeCompare(b.key));
}

export async function figureSeries(store: Store, q: { from?: string; to?: string; story?: string; category?: string }): Promise<FigureSeries[]> {
  const figures = await store.listFigures({ from: q.from, to: q.to, story: q.story, category: q.category, limit: ALL });
  const ids = new Set(figures.filter((f) => !f.title).map((f) => f.article));
  const leads = new Map<string, string>();
  if (ids.size) for (const a of await store.listArticles({ limit: ALL })) if (ids.has(a.id)) leads.set(a.id, a.lead);
  return seriesOf(figures, leads);
}

// ---------------------------------------------------------------- places

/** How far (in characters, same line) a place mention may sit from an event's evidence to locate it. */
const NEAR = 60;
/** A locative preposition right before a place name: "in Kyiv", "near the town of X", "outside Y". */
const LOCATIVE_BEFORE = /\b(?:in|near|at|outside|around|inside|into|across|on the outskirts of|north of|south of|east of|west of)\s+(?:the\s+(?:\w+\s+of\s+)?)?$/i;

/**
 * True when the place mention locates the event: it is introduced by a locative preposition
 * ("in", "near", "outside" …) and sits inside the event's evidence or beside it on the same line.
 * A capital standing for its government ("talks between Kyiv and Moscow") is not a location.
 */
export function locatedAt(text: string, m: { start: number; end: number }, s: { start: number; end: number }): boolean {
  if (!LOCATIVE_BEFORE.test(text.slice(Math.max(0, m.start - 40), m.start))) return false;
  if (m.start >= s.start && m.end <= s.end) return true;
  const [a, b] = m.end <= s.start ? [m.end, s.start] : s.end <= m.start ? [s.end, m.start] : [0, 0];
  return b - a <= NEAR && !text.slice(a, b).includes("\n");
}

/** The places view reads every article's record: at most this many (the newest) per request. */
export const PLACES_MAX_ARTICLES = 2000;

export async function places(store: Store, q: { from?: string; to?: string; story?: string }): Promise<PlacePoint[]> {
  const arts = await store.listArticles({ from: q.from, to: q.to, story: q.story, limit: PLACES_MAX_ARTICLES });
  const byName = new Map<string, PlacePoint>();
  for (const row of arts) {
    const stored = await store.getArticle(row.id);
    if (!stored) continue;
    const rec: ArticleRecord = stored.record;
    for (const p of rec.places) {
      if (typeof p.lat !== "number" || typeof p.lon !== "number") continue;
      const key = `${foldName(p.name)}|${p.country ?? ""}`;
      const pt = byName.get(key) ?? { name: p.name, country: p.country, lat: p.lat, lon: p.lon, mentions: 0, articles: [], events: [] };
      pt.mentions += p.mentions.length;
      if (!pt.articles.some((a) => a.id === row.id)) pt.articles.push({ id: row.id, title: row.title, lead: row.lead, published: row.published });
      rec.events.forEach((e, idx) => {
        if (p.mentions.some((m) => locatedAt(stored.text, m, e.span)) && pt.events.length < 50) {
          pt.events.push({ article: row.id, idx, type: e.type, date: e.date, span: e.span });
        }
      });
      byName.set(key, pt);
    }
  }
  return [...byName.values()].sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name));
}

/**
 * Adds `lead` (the first line of the text) to rows whose article has no title, so that every
 * row can be labelled (port: the article's lead on event/figure/quote rows).
 */
export async function withLeads<T extends { article: string; title: string | null }>(store: Store, rows: T[]): Promise<Array<T & { lead: string | null }>> {
  const leads = new Map<string, string | null>();
  for (const r of rows) {
    if (r.title || leads.has(r.article)) continue;
    leads.set(r.article, (await store.getArticle(r.article))?.article.lead ?? null);
  }
  return rows.map((r) => ({ ...r, lead: r.title ? null : leads.get(r.article) ?? null }));
}

// ---------------------------------------------------------------- search

export async function searchAll(store: Store, q: { q: string; limit: number; offset: number }): Promise<SearchResult> {
  const articles = await store.search(q.q, { limit: q.limit, offset: q.offset });
  const needle = foldName(q.q);
  const persons = needle
    ? (await store.listActors({ limit: ALL }))
        .filter((p) => {
          const k = foldName(p.name);
          return k.includes(needle) || needle.split(" ").every((w) => k.split(" ").includes(w));
        })
        .slice(0, 20)
    : [];
  return { articles, persons };
}
