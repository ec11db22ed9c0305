/**
 * Event identity across articles: mentions of one event in several articles (same type, same
 * sides, compatible dates, same story or time window) merge into one event that lists every
 * mention with its article, outlet and evidence span. Its date is the best-supported one; when
 * sources disagree the disagreement is kept (`dates`, `disputed`), not hidden. Counts of sources
 * and mentions are honest: several mentions in one outlet count as one source.
 */
import type { ArticleRecord, ConsultMode, PloverType, Side, TextSpan } from "../core/types.js";
import { foldName, surnameOf } from "../text/fold.js";
import { dayNumber } from "./features.js";

export interface EventMention {
  article: string;
  /** the event's index in its article's events */
  idx: number;
  outlet: string | null;
  story: string | null;
  /** the article's publication date, when known */
  published: string | null;
  /** the date this mention gives the event, or null */
  date: string | null;
  mode: ConsultMode | null;
  evidence: TextSpan;
  rule: string | null;
}

export interface MergedEvent {
  id: string;
  type: PloverType;
  mode: ConsultMode | null;
  source: Side;
  target: Side;
  mutual: boolean;
  /** the best-supported date: the one given by the most sources (then mentions, then earliest) */
  date: string | null;
  /** every date the mentions give, with how many mentions and sources give it */
  dates: Array<{ date: string; mentions: number; sources: number }>;
  /** true when the dated mentions do not all agree */
  disputed: boolean;
  /** distinct outlets (an article without outlet counts as its own source) */
  sources: number;
  /** distinct articles that mention it */
  articles: number;
  mentions: EventMention[];
}

/** One analysed article as the event index reads it. */
export interface ArticleEvents {
  id: string;
  outlet: string | null;
  published: string | null;
  story: string | null;
  events: ArticleRecord["events"];
}

export interface EventIndexOptions {
  /** an undated mention can be the event when its article came out this many days after the event, at most */
  reportWindowDays: number;
  /** two dated mentions one day apart merge only within one story (a resolution slip); further apart never */
  storyDateSlack: number;
  /** bounded look-up: candidates read per index key, newest first */
  maxScan: number;
}

export const DEFAULT_EVENT_INDEX_OPTIONS: EventIndexOptions = { reportWindowDays: 3, storyDateSlack: 1, maxScan: 64 };

const SYMMETRIC = new Set<PloverType>(["CONSULT", "AGREE", "COOPERATE"]);
const DOUBLE_RE = /(\p{L})\1+/gu;
const isDay = (s: string | null | undefined): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s);

/** person name → its surname key (memoised: the same names come back with every article) */
const personKeys = new Map<string, string>();
function personKey(name: string): string {
  let k = personKeys.get(name);
  if (k === undefined) {
    k = "p:" + surnameOf(foldName(name)).replace(DOUBLE_RE, "$1");
    if (personKeys.size > 50_000) personKeys.clear();
    personKeys.set(name, k);
  }
  return k;
}

/** The ids a side can be matched by: its person (surname), its state or body, its group. */
function sideIds(s: Side): string[] {
  const ids: string[] = [];
  if (s.person) ids.push(personKey(s.person));
  if (s.actor) ids.push("a:" + s.actor);
  if (s.group) ids.push("g:" + foldName(s.group));
  return ids;
}

/**
 * Do two sides name the same party? Persons decide when both are named; otherwise the state
 * or body (a minister and "Turkey" are the same side), otherwise the group.
 */
export function sameSide(a: Side, b: Side): boolean {
  if (a.person && b.person) return personKey(a.person) === personKey(b.person);
  if (a.actor && b.actor) return a.actor === b.actor;
  if (a.group && b.group) return foldName(a.group) === foldName(b.group);
  return false;
}

/** The more informative of two descriptions of one side (a named person beats a bare state). */
function richer(a: Side, b: Side): Side {
  const score = (s: Side) => (s.person ? 2 : 0) + (s.actor ? 1 : 0) + (s.group ? 1 : 0);
  return score(b) > score(a) ? { ...b, actor: b.actor ?? a.actor } : { ...a, actor: a.actor ?? b.actor };
}

interface Internal extends MergedEvent {
  stories: Set<string>;
}

export class EventIndex {
  readonly opts: EventIndexOptions;
  private events: Internal[] = [];
  private byId = new Map<string, number>();
  private keys = new Map<string, number[]>();

  constructor(opts: Partial<EventIndexOptions> = {}) {
    this.opts = { ...DEFAULT_EVENT_INDEX_OPTIONS, ...opts };
  }

  get size(): number {
    return this.events.length;
  }

  /**
   * Adds an article's events; returns the merged event id of each, in order ("" for an event
   * that is not asserted). `newId(i)` names an event opened by the article's i-th event
   * (default: a running number), so that a store can give stable ids.
   */
  add(article: ArticleEvents, newId?: (i: number) => string): string[] {
    const out: string[] = [];
    for (const [i, e] of article.events.entries()) {
      if (e.realis && e.realis !== "asserted") {
        out.push("");
        continue;
      }
      const mention: EventMention = {
        article: article.id,
        idx: i,
        outlet: article.outlet,
        story: article.story,
        published: isDay(article.published) ? article.published : null,
        date: isDay(e.date) ? e.date : null,
        mode: e.mode ?? null,
        evidence: e.span,
        rule: e.rule ?? null,
      };
      const hit = this.find(e, mention);
      const idx = hit ?? this.create(e, newId?.(i));
      this.attach(idx, e, mention);
      out.push(this.events[idx]!.id);
    }
    return out;
  }

  /** Adds a whole batch (e.g. a corpus with its story labels), in date order. */
  addAll(articles: Iterable<ArticleEvents>): void {
    const list = [...articles].sort((a, b) => (a.published ?? "9999").localeCompare(b.published ?? "9999"));
    for (const a of list) this.add(a);
  }

  list(): MergedEvent[] {
    return this.events.map(publicView);
  }

  get(id: string): MergedEvent | null {
    const i = this.byId.get(id);
    return i === undefined ? null : publicView(this.events[i]!);
  }

  // ------------------------------------------------------------------------------------------

  /** The look-up keys of an event (type and a pair of side ids; both orders for a symmetric one). */
  static lookupKeys(e: { type: PloverType; source: Side; target: Side; mutual?: boolean }): string[] {
    const keys = EventIndex.prototype.indexKeys(e.type, e.source, e.target);
    if (SYMMETRIC.has(e.type) || e.mutual) keys.push(...EventIndex.prototype.indexKeys(e.type, e.target, e.source));
    return [...new Set(keys)];
  }

  private indexKeys(type: string, source: Side, target: Side): string[] {
    const keys: string[] = [];
    for (const a of sideIds(source))
      for (const b of sideIds(target)) {
        const pair = SYMMETRIC.has(type as PloverType) && b < a ? `${b}|${a}` : `${a}|${b}`;
        keys.push(`${type}|${pair}`);
      }
    return keys;
  }

  private find(e: ArticleRecord["events"][number], m: EventMention): number | null {
    const seen = new Set<number>();
    let best: { idx: number; rank: number } | null = null;
    const keys = this.indexKeys(e.type, e.source, e.target);
    if (SYMMETRIC.has(e.type) || e.mutual) keys.push(...this.indexKeys(e.type, e.target, e.source));
    for (const k of keys) {
      const list = this.keys.get(k);
      if (!list) continue;
      for (let i = list.length - 1, n = 0; i >= 0 && n < this.opts.maxScan; i--, n++) {
        const idx = list[i]!;
        if (seen.has(idx)) continue;
        seen.add(idx);
        const rank = this.compatible(this.events[idx]!, e, m);
        if (rank > 0 && (!best || rank > best.rank)) best = { idx, rank };
      }
    }
    return best?.idx ?? null;
  }

  /** 0 when the mention cannot be this event; else a rank (higher is a better match). */
  private compatible(ev: Internal, e: ArticleRecord["events"][number], m: EventMention): number {
    if (ev.type !== e.type) return 0;
    if (ev.mode && m.mode && ev.mode !== m.mode) return 0;
    const sym = SYMMETRIC.has(e.type) || e.mutual || ev.mutual;
    const direct = sameSide(ev.source, e.source) && sameSide(ev.target, e.target);
    const swapped = sym && sameSide(ev.source, e.target) && sameSide(ev.target, e.source);
    if (!direct && !swapped) return 0;
    const sameStory = m.story !== null && ev.stories.has(m.story);
    const evDays = ev.dates.map((d) => dayNumber(d.date));
    let rank = sameStory ? 2 : 1;
    if (m.date) {
      const day = dayNumber(m.date);
      if (evDays.length) {
        const dist = Math.min(...evDays.map((d) => Math.abs(d - day)));
        if (dist === 0) rank += 2;
        else if (!(sameStory && dist <= this.opts.storyDateSlack)) return 0;
      } else if (!sameStory && !this.reportedWithin(ev, day)) return 0;
    } else if (!sameStory) {
      // an undated mention: the same event only if its article came out within a few days after it
      if (!m.published || !evDays.length) return 0;
      const pub = dayNumber(m.published);
      if (!evDays.some((d) => pub >= d && pub - d <= this.opts.reportWindowDays)) return 0;
    }
    return rank;
  }

  /** For a dated mention of an event known only undated: do the event's articles come out within the window after that date? */
  private reportedWithin(ev: Internal, day: number): boolean {
    const pubs = ev.mentions.map((x) => x.published).filter(isDay).map(dayNumber);
    return pubs.length > 0 && pubs.some((p) => p >= day && p - day <= this.opts.reportWindowDays);
  }

  private create(e: ArticleRecord["events"][number], given?: string): number {
    const idx = this.events.length;
    const id = given ?? `ev-${idx + 1}`;
    this.events.push({
      id,
      type: e.type,
      mode: e.mode ?? null,
      source: { ...e.source },
      target: { ...e.target },
      mutual: !!e.mutual,
      date: null,
      dates: [],
      disputed: false,
      sources: 0,
      articles: 0,
      mentions: [],
      stories: new Set(),
    });
    this.byId.set(id, idx);
    return idx;
  }

  private attach(idx: number, e: ArticleRecord["events"][number], m: EventMention): void {
    const ev = this.events[idx]!;
    const swapped = !(sameSide(ev.source, e.source) && sameSide(ev.target, e.target)) && ev.mentions.length > 0;
    ev.source = richer(ev.source, swapped ? e.target : e.source);
    ev.target = richer(ev.target, swapped ? e.source : e.target);
    if (!ev.mode && m.mode) ev.mode = m.mode;
    if (e.mutual) ev.mutual = true;
    ev.mentions.push(m);
    if (m.story) ev.stories.add(m.story);
    recount(ev);
    for (const k of this.indexKeys(ev.type, ev.source, ev.target).concat(this.indexKeys(e.type, e.source, e.target))) {
      let list = this.keys.get(k);
      if (!list) this.keys.set(k, (list = []));
      if (list[list.length - 1] !== idx && !list.includes(idx)) list.push(idx);
    }
  }

  toJSON(): EventIndexJSON {
    return { version: 1, events: this.list() };
  }

  static fromJSON(j: EventIndexJSON, opts: Partial<EventIndexOptions> = {}): EventIndex {
    if (j.version !== 1) throw new Error(`EventIndex: unknown state version ${String(j.version)}`);
    const x = new EventIndex(opts);
    for (const ev of j.events) {
      const idx = x.events.length;
      x.events.push({ ...ev, mentions: [...ev.mentions], stories: new Set(ev.mentions.map((m) => m.story).filter((s): s is string => !!s)) });
      x.byId.set(ev.id, idx);
      for (const k of x.indexKeys(ev.type, ev.source, ev.target)) {
        let list = x.keys.get(k);
        if (!list) x.keys.set(k, (list = []));
        list.push(idx);
      }
    }
    return x;
  }
}

export interface EventIndexJSON {
  version: number;
  events: MergedEvent[];
}

function recount(ev: Internal): void {
  const srcOf = (m: EventMention) => m.outlet ?? `article:${m.article}`;
  ev.sources = new Set(ev.mentions.map(srcOf)).size;
  ev.articles = new Set(ev.mentions.map((m) => m.article)).size;
  const byDate = new Map<string, { mentions: number; sources: Set<string> }>();
  for (const m of ev.mentions) {
    if (!m.date) continue;
    let d = byDate.get(m.date);
    if (!d) byDate.set(m.date, (d = { mentions: 0, sources: new Set() }));
    d.mentions++;
    d.sources.add(srcOf(m));
  }
  ev.dates = [...byDate.entries()]
    .map(([date, d]) => ({ date, mentions: d.mentions, sources: d.sources.size }))
    .sort((a, b) => b.sources - a.sources || b.mentions - a.mentions || a.date.localeCompare(b.date));
  ev.date = ev.dates[0]?.date ?? null;
  ev.disputed = ev.dates.length > 1;
}

function publicView(ev: Internal): MergedEvent {
  const { stories: _s, ...rest } = ev;
  return { ...rest, source: { ...rest.source }, target: { ...rest.target }, dates: rest.dates.map((d) => ({ ...d })), mentions: [...rest.mentions] };
}
